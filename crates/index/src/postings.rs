//! The inverted index from name keys to entities, and candidate gathering with rarity weights.

use crate::keys::name_keys;
use interdict_matching::names::AnalyzedName;
use rayon::prelude::*;
use std::collections::HashMap;

/// Name keys → entity numbers, in a compact sorted layout: `keys[i]` owns
/// `postings[offsets[i]..offsets[i + 1]]`.
pub struct NameIndex {
    keys: Vec<u64>,
    offsets: Vec<u32>,
    postings: Vec<u32>,
    entities: usize,
}

impl NameIndex {
    /// Build from every entity's analysed names (`names[i]` are entity i's names).
    pub fn build<'a>(names: impl IndexedParallelIterator<Item = Vec<&'a AnalyzedName>>) -> Self {
        let entities = names.len();
        let mut pairs: Vec<(u64, u32)> = names
            .enumerate()
            .flat_map_iter(|(i, list)| {
                let mut v: Vec<(u64, u32)> = Vec::new();
                for n in list {
                    for group in name_keys(n) {
                        v.extend(group.into_iter().map(|k| (k, i as u32)));
                    }
                }
                v
            })
            .collect();
        pairs.par_sort_unstable();
        pairs.dedup();
        let mut keys = Vec::new();
        let mut offsets = Vec::new();
        let mut postings = Vec::with_capacity(pairs.len());
        for (k, e) in pairs {
            if keys.last() != Some(&k) {
                keys.push(k);
                offsets.push(postings.len() as u32);
            }
            postings.push(e);
        }
        offsets.push(postings.len() as u32);
        NameIndex {
            keys,
            offsets,
            postings,
            entities,
        }
    }

    fn get(&self, key: u64) -> Option<&[u32]> {
        let i = self.keys.binary_search(&key).ok()?;
        Some(&self.postings[self.offsets[i] as usize..self.offsets[i + 1] as usize])
    }

    pub fn len(&self) -> usize {
        self.entities
    }

    pub fn is_empty(&self) -> bool {
        self.entities == 0
    }

    /// Number of keys and postings, for memory reports.
    pub fn size(&self) -> (usize, usize) {
        (self.keys.len(), self.postings.len())
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
                    let Some(p) = self.get(k) else { continue };
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
