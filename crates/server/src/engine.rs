//! The loaded index the service answers from: the screener, the manifest it was built from, its
//! datasets and the id lookups. An `Engine` is immutable; a list update builds a new one.

use interdict_index::Screener;
use interdict_store::{Manifest, Store, StoreError};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// The collection of every dataset.
pub const DEFAULT_COLLECTION: &str = "default";
/// The collection of every dataset whose records carry a sanction.
pub const SANCTIONS_COLLECTION: &str = "sanctions";

/// Why an index could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("no lists imported in {0}; run `interdict import PATH` or `interdict update` first")]
    Empty(String),
    #[error(transparent)]
    Record(#[from] interdict_index::RecordError),
}

/// One dataset (an imported source's dataset) as the catalog shows it.
#[derive(Debug, Clone)]
pub struct DatasetInfo {
    pub name: String,
    /// Active source records of this dataset.
    pub records: usize,
    /// Newest list date of its active sources.
    pub list_date: Option<String>,
    /// When its newest active source was imported.
    pub imported_at: String,
    /// Source paths (keys) and formats.
    pub sources: Vec<(String, String)>,
    pub sanctions: bool,
}

/// A loaded, indexed data folder.
pub struct Engine {
    pub screener: Screener,
    pub manifest: Manifest,
    /// Short hash of the manifest: changes whenever the data does.
    pub version: String,
    /// Unix time the index was built.
    pub loaded_at: u64,
    pub datasets: BTreeMap<String, DatasetInfo>,
    by_id: HashMap<String, usize>,
    by_referent: HashMap<String, usize>,
    /// Each entity's topics, as a number into `topic_sets` (read from the records once, so
    /// that a topic filter reads no record).
    entity_topics: Vec<u32>,
    topic_sets: Vec<BTreeSet<String>>,
}

/// Distinct topic sets, numbered.
#[derive(Default)]
struct TopicSets {
    sets: Vec<BTreeSet<String>>,
    numbers: HashMap<BTreeSet<String>, u32>,
}

impl TopicSets {
    fn number(&mut self, set: BTreeSet<String>) -> u32 {
        if let Some(&n) = self.numbers.get(&set) {
            return n;
        }
        let n = self.sets.len() as u32;
        self.sets.push(set.clone());
        self.numbers.insert(set, n);
        n
    }
}

/// Load the data folder and build the index. The only place that builds a screener.
pub fn load(dir: &Path) -> Result<Engine, EngineError> {
    let store = Store::open(dir)?;
    // The snapshot written at import; rebuilt from the sources (and rewritten) when it does not
    // fit the manifest.
    let opened = store.screener()?;
    if let interdict_store::SnapshotOrigin::Rebuilt { reason, saved } = &opened.origin {
        tracing::warn!(reason = %reason, saved, "screening snapshot rebuilt from the sources");
    }
    if opened.screener.records.is_empty() {
        return Err(EngineError::Empty(dir.display().to_string()));
    }
    Engine::new(opened.screener, opened.manifest)
}

/// The version string of a manifest (what `/catalog` and `/metrics` show).
pub fn manifest_version(m: &Manifest) -> String {
    let bytes = serde_json::to_vec(m).unwrap_or_default();
    hex::encode(&Sha256::digest(&bytes)[..6])
}

impl Engine {
    /// Read every record once (datasets with sanctions, each entity's topics) and build the
    /// id lookups; fails only when a record cannot be read back from the snapshot file.
    pub fn new(screener: Screener, manifest: Manifest) -> Result<Engine, EngineError> {
        let mut datasets: BTreeMap<String, DatasetInfo> = BTreeMap::new();
        for s in manifest.active() {
            let d = datasets
                .entry(s.dataset.clone())
                .or_insert_with(|| DatasetInfo {
                    name: s.dataset.clone(),
                    records: 0,
                    list_date: None,
                    imported_at: String::new(),
                    sources: Vec::new(),
                    sanctions: false,
                });
            d.records += s.records;
            if s.list_date > d.list_date {
                d.list_date = s.list_date.clone();
            }
            if s.imported_at > d.imported_at {
                d.imported_at = s.imported_at.clone();
            }
            d.sources.push((s.key.clone(), s.format.clone()));
        }
        let mut topics = TopicSets::default();
        let mut record_topics = Vec::with_capacity(screener.records.len());
        for r in screener.records.iter() {
            let r = r?;
            if !r.sanctions.is_empty()
                && let Some(d) = datasets.get_mut(r.dataset())
            {
                d.sanctions = true;
            }
            let mut set = BTreeSet::new();
            if !r.sanctions.is_empty() {
                set.insert("sanction".to_string());
            }
            if let Some(v) = r.properties.get("topics") {
                set.extend(v.iter().cloned());
            }
            record_topics.push(topics.number(set));
        }
        let entity_topics = screener
            .entities
            .iter()
            .map(|e| {
                let mut set = BTreeSet::new();
                for &m in &e.members {
                    if let Some(&n) = record_topics.get(m) {
                        set.extend(topics.sets[n as usize].iter().cloned());
                    }
                }
                topics.number(set)
            })
            .collect();
        let mut by_id = HashMap::with_capacity(screener.entities.len());
        let mut by_referent = HashMap::with_capacity(screener.records.len());
        for (i, e) in screener.entities.iter().enumerate() {
            by_id.insert(e.id.clone(), i);
            for r in &e.referents {
                by_referent.entry(r.clone()).or_insert(i);
            }
        }
        Ok(Engine {
            version: manifest_version(&manifest),
            loaded_at: unix_now(),
            screener,
            manifest,
            datasets,
            by_id,
            by_referent,
            entity_topics,
            topic_sets: topics.sets,
        })
    }

    pub fn entities(&self) -> usize {
        self.screener.entities.len()
    }

    pub fn records(&self) -> usize {
        self.screener.records.len()
    }

    /// The entity with this canonical id: `Ok(index)`; for a member record's id:
    /// `Err(Some(canonical id))`; unknown: `Err(None)`.
    pub fn lookup(&self, id: &str) -> Result<usize, Option<&str>> {
        if let Some(&i) = self.by_id.get(id) {
            return Ok(i);
        }
        match self.by_referent.get(id) {
            Some(&i) => Err(Some(self.screener.entities[i].id.as_str())),
            None => Err(None),
        }
    }

    /// Entity index for a canonical or member record id.
    pub fn resolve(&self, id: &str) -> Option<usize> {
        self.by_id
            .get(id)
            .or_else(|| self.by_referent.get(id))
            .copied()
    }

    /// The datasets a scope name stands for (a dataset or a collection); `None` if unknown.
    pub fn scope(&self, name: &str) -> Option<Scope> {
        match name {
            DEFAULT_COLLECTION => Some(Scope::All),
            SANCTIONS_COLLECTION => Some(Scope::Only(
                self.datasets
                    .values()
                    .filter(|d| d.sanctions)
                    .map(|d| d.name.clone())
                    .collect(),
            )),
            n if self.datasets.contains_key(n) => Some(Scope::Only([n.to_string()].into())),
            _ => None,
        }
    }

    /// Topics of an entity: `sanction` when a member carries a sanction, plus FtM `topics`.
    pub fn topics(&self, entity: usize) -> &BTreeSet<String> {
        static NONE: BTreeSet<String> = BTreeSet::new();
        self.entity_topics
            .get(entity)
            .and_then(|&n| self.topic_sets.get(n as usize))
            .unwrap_or(&NONE)
    }
}

/// The datasets a request is scoped to.
#[derive(Debug, Clone)]
pub enum Scope {
    All,
    Only(BTreeSet<String>),
}

impl Scope {
    pub fn contains(&self, dataset: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Only(s) => s.contains(dataset),
        }
    }
}

/// Seconds since 1970.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::{IdKind, Identifier, NameKind, Record, Sanction, Schema, group_records};

    #[test]
    fn an_entity_has_the_topics_of_all_its_members() {
        let vessel = |ds: &str, id: &str| {
            let mut r = Record::new(ds, id, Schema::Vessel);
            r.add_name("Ocean Star", NameKind::Primary);
            r.add_identifier(Identifier::new(IdKind::VesselImo, "9179842"));
            r
        };
        let mut listed = vessel("a", "1");
        listed.sanctions.push(Sanction {
            authority: "OFAC".into(),
            ..Sanction::default()
        });
        let mut tagged = vessel("b", "2");
        tagged
            .properties
            .insert("topics".into(), vec!["mare.shadow".into()]);
        let mut other = Record::new("b", "3", Schema::Person);
        other.add_name("Ivan Petrov", NameKind::Primary);
        let records = vec![listed, tagged, other];
        let entities = group_records(&records);
        assert_eq!(entities.len(), 2);
        let engine = Engine::new(Screener::new(records, entities), Manifest::default()).unwrap();
        let of = |id: &str| {
            let i = (0..engine.entities())
                .find(|&i| {
                    engine.screener.entities[i]
                        .referents
                        .iter()
                        .any(|r| r.ends_with(id))
                })
                .unwrap();
            engine.topics(i).iter().cloned().collect::<Vec<_>>()
        };
        assert_eq!(of(":1"), ["mare.shadow", "sanction"]);
        assert!(of(":3").is_empty());
        assert!(engine.topics(99).is_empty());
    }
}
