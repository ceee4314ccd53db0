//! The inverted index from name keys to entities, and candidate gathering with rarity weights.

use crate::keys::name_keys;
use interdict_matching::names::AnalyzedName;
use std::collections::HashMap;

/// Name keys → entity numbers.
pub struct NameIndex {
    postings: HashMap<u64, Vec<u32>>,
    entities: usize,
}

impl NameIndex {
    /// Build from every entity's analysed names (`names[i]` are entity i's names).
    pub fn build<'a>(names: impl Iterator<Item = Vec<&'a AnalyzedName>>) -> Self {
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
        let mut entities = 0;
        for (i, list) in names.enumerate() {
            entities = i + 1;
            for n in list {
                for group in name_keys(n) {
                    for k in group {
                        let p = postings.entry(k).or_default();
                        if p.last() != Some(&(i as u32)) {
                            p.push(i as u32);
                        }
                    }
                }
            }
        }
        for p in postings.values_mut() {
            p.sort_unstable();
            p.dedup();
            p.shrink_to_fit();
        }
        NameIndex { postings, entities }
    }

    pub fn len(&self) -> usize {
        self.entities
    }

    pub fn is_empty(&self) -> bool {
        self.entities == 0
    }

    /// Number of keys and postings, for memory reports.
    pub fn size(&self) -> (usize, usize) {
        (self.postings.len(), self.postings.values().map(Vec::len).sum())
    }

    /// The best `max` entities for the query names, by the summed rarity (IDF) of the query
    /// tokens they share (each query token counts once, by its rarest shared key).
    pub fn candidates(&self, names: &[AnalyzedName], max: usize) -> Vec<u32> {
        let n = self.entities.max(1) as f32;
        let mut acc: HashMap<u32, f32> = HashMap::new();
        for name in names {
            for group in name_keys(name) {
                let mut best: HashMap<u32, f32> = HashMap::new();
                for k in group {
                    let Some(p) = self.postings.get(&k) else { continue };
                    let idf = (n / p.len() as f32).ln().max(0.05);
                    for &e in p {
                        let slot = best.entry(e).or_insert(0.0);
                        if idf > *slot {
                            *slot = idf;
                        }
                    }
                }
                for (e, w) in best {
                    *acc.entry(e).or_insert(0.0) += w;
                }
            }
        }
        let mut ranked: Vec<(u32, f32)> = acc.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(max);
        ranked.into_iter().map(|(e, _)| e).collect()
    }
}
