//! Grouping source records of the same real-world entity into canonical entities.
//!
//! Two records are grouped when they share a strong identifier of the same kind (UN reference
//! number, vessel IMO, company IMO, INN, OGRN, LEI, unified social credit code, MMSI, or a passport
//! or national id with the same issuing country), their schemas are compatible, and neither group
//! already holds a different record from the same dataset (a list does not list one entity twice,
//! so that would mean the identifier is shared by mistake). Source records are never modified.

use crate::{Record, Schema};
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::HashMap;

/// A group of source records that describe one entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CanonicalEntity {
    /// The record id for a single record; `ic-<hash>` of the sorted referents for a group.
    pub id: String,
    pub schema: Schema,
    /// Indices into the record slice the grouping was run on.
    #[serde(skip)]
    pub members: Vec<usize>,
    /// Record ids of the members, sorted.
    pub referents: Vec<String>,
    /// Datasets of the members, sorted and unique.
    pub datasets: Vec<String>,
}

struct Groups {
    parent: Vec<usize>,
    /// Per group root, the numbers of its members' datasets, sorted.
    datasets: Vec<Vec<u32>>,
    schema: Vec<Schema>,
}

impl Groups {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn try_union(&mut self, a: usize, b: usize, same_record: bool) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb || !self.schema[ra].compatible(self.schema[rb]) {
            return;
        }
        if !same_record
            && self.datasets[ra]
                .iter()
                .any(|d| self.datasets[rb].contains(d))
        {
            return;
        }
        let moved = std::mem::take(&mut self.datasets[rb]);
        let merged = &mut self.datasets[ra];
        merged.extend(moved);
        merged.sort_unstable();
        merged.dedup();
        // Keep the most specific schema as the group's.
        if self.schema[ra] == Schema::LegalEntity {
            self.schema[ra] = self.schema[rb];
        }
        self.parent[rb] = ra;
    }
}

/// What records are grouped by: a strong identifier's key, or the record id, which orders as
/// the text `record:<id>` among the identifier keys (the order unions are tried in).
enum Key<'a> {
    Strong(String),
    Record(&'a str),
}

impl Key<'_> {
    fn text(&self) -> (&'static [u8], &[u8]) {
        match self {
            Key::Strong(s) => (b"", s.as_bytes()),
            Key::Record(id) => (b"record:", id.as_bytes()),
        }
    }
}

impl Ord for Key<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        match (self, other) {
            (Key::Strong(a), Key::Strong(b)) => a.cmp(b),
            (Key::Record(a), Key::Record(b)) => a.cmp(b),
            _ => {
                let ((pa, a), (pb, b)) = (self.text(), other.text());
                pa.iter().chain(a).cmp(pb.iter().chain(b))
            }
        }
    }
}

impl PartialOrd for Key<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Key<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Key<'_> {}

/// The most specific schema of a group: Person/Vessel/Airplane over Company over Organization
/// over LegalEntity.
fn specific(a: Schema, b: Schema) -> Schema {
    let rank = |s: Schema| match s {
        Schema::LegalEntity => 0,
        Schema::Organization => 1,
        Schema::Company => 2,
        _ => 3,
    };
    if rank(b) > rank(a) { b } else { a }
}

/// Group records into canonical entities. Deterministic for a given record order.
pub fn group_records<R: Borrow<Record>>(records: &[R]) -> Vec<CanonicalEntity> {
    let records: Vec<&Record> = records.iter().map(Borrow::borrow).collect();
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    let mut g = Groups {
        parent: (0..records.len()).collect(),
        datasets: records
            .iter()
            .map(|r| {
                let next = numbers.len() as u32;
                vec![*numbers.entry(r.dataset()).or_insert(next)]
            })
            .collect(),
        schema: records.iter().map(|r| r.schema).collect(),
    };
    // (key, record) pairs, sorted by key and, within a key, by record (a stable sort of pairs
    // made in record order).
    let mut pairs: Vec<(Key, usize)> = Vec::with_capacity(records.len() * 2);
    let mut keys: Vec<Key> = Vec::new();
    for (i, r) in records.iter().enumerate() {
        keys.extend(
            r.identifiers
                .iter()
                .filter_map(|id| id.strong_key())
                .map(Key::Strong),
        );
        // The same record id from two sources (one list in two formats) is one entity.
        keys.push(Key::Record(&r.id));
        keys.sort();
        keys.dedup();
        pairs.extend(keys.drain(..).map(|k| (k, i)));
    }
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    for run in pairs.chunk_by(|a, b| a.0 == b.0) {
        let same_record = matches!(run[0].0, Key::Record(_));
        for &(_, m) in &run[1..] {
            g.try_union(run[0].1, m, same_record);
        }
    }
    drop(pairs);
    let mut by_root: Vec<Vec<usize>> = vec![Vec::new(); records.len()];
    for i in 0..records.len() {
        let r = g.find(i);
        by_root[r].push(i);
    }
    let mut out: Vec<CanonicalEntity> = by_root
        .into_iter()
        .filter(|members| !members.is_empty())
        .map(|members| {
            let mut referents: Vec<String> =
                members.iter().map(|&i| records[i].id.clone()).collect();
            referents.sort();
            referents.dedup();
            let mut datasets: Vec<&str> = members.iter().map(|&i| records[i].dataset()).collect();
            datasets.sort_unstable();
            datasets.dedup();
            let schema = members
                .iter()
                .map(|&i| records[i].schema)
                .fold(Schema::LegalEntity, specific);
            let id = if referents.len() == 1 {
                referents[0].clone()
            } else {
                format!("ic-{}", short_hash(&referents.join("\n")))
            };
            CanonicalEntity {
                id,
                schema,
                members,
                referents,
                datasets: datasets.into_iter().map(str::to_string).collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.members[0].cmp(&b.members[0]));
    out
}

/// A 64-bit FNV-1a hash as 16 hex digits: stable across runs and platforms.
pub fn short_hash(s: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{IdKind, Identifier};

    fn rec(ds: &str, id: &str, schema: Schema, ids: &[(IdKind, &str)]) -> Record {
        let mut r = Record::new(ds, id, schema);
        for (k, v) in ids {
            r.add_identifier(Identifier::new(*k, *v));
        }
        r
    }

    #[test]
    fn groups_by_strong_identifier_only_within_kind_and_schema() {
        let records = vec![
            rec("a", "1", Schema::Vessel, &[(IdKind::VesselImo, "9179842")]),
            rec(
                "b",
                "7",
                Schema::Vessel,
                &[(IdKind::VesselImo, "IMO 9179842")],
            ),
            rec(
                "c",
                "9",
                Schema::Company,
                &[(IdKind::CompanyImo, "9179842")],
            ),
            rec(
                "d",
                "2",
                Schema::Person,
                &[(IdKind::UnReference, "KPi.066")],
            ),
            rec(
                "e",
                "3",
                Schema::Person,
                &[(IdKind::UnReference, "KPi.066")],
            ),
            // same dataset twice with one IMO: never merged
            rec("a", "5", Schema::Vessel, &[(IdKind::VesselImo, "9179842")]),
        ];
        let groups = group_records(&records);
        let sizes: Vec<usize> = groups.iter().map(|g| g.referents.len()).collect();
        assert_eq!(sizes, vec![2, 1, 2, 1]);
        assert_eq!(groups[0].referents, vec!["a:1", "b:7"]);
        assert_eq!(groups[0].datasets, vec!["a", "b"]);
        assert!(groups[0].id.starts_with("ic-"));
        assert_eq!(groups[1].id, "c:9");
    }

    #[test]
    fn keys_order_as_their_text() {
        let texts = [
            "imo:1",
            "record:a:1",
            "recorc",
            "recordz",
            "record:",
            "rx",
            "r",
        ];
        let mut keys: Vec<Key> = texts
            .iter()
            .map(|t| match t.strip_prefix("record:") {
                Some(id) => Key::Record(id),
                None => Key::Strong(t.to_string()),
            })
            .collect();
        keys.sort();
        let mut sorted = texts.to_vec();
        sorted.sort();
        let back: Vec<String> = keys
            .iter()
            .map(|k| {
                let (p, t) = k.text();
                String::from_utf8([p, t].concat()).unwrap_or_default()
            })
            .collect();
        assert_eq!(back, sorted);
    }
}
