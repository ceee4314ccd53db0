//! The source records behind the entities, kept as compact JSON and parsed only when a result
//! needs them: a few records per query, instead of every record held as structures in memory.

use interdict_model::Record;
use serde::{Deserialize, Serialize};

/// Records stored as their JSON text, back to back.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RecordTable {
    json: String,
    /// `json[offsets[i]..offsets[i + 1]]` is record i.
    offsets: Vec<u64>,
}

impl RecordTable {
    pub fn new(records: &[Record]) -> Self {
        let mut json = String::new();
        let mut offsets = Vec::with_capacity(records.len() + 1);
        offsets.push(0);
        for r in records {
            // A Record always serialises (plain strings, numbers and maps with string keys).
            if let Ok(text) = serde_json::to_string(r) {
                json.push_str(&text);
            }
            offsets.push(json.len() as u64);
        }
        RecordTable { json, offsets }
    }

    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The JSON text of record `i`.
    pub fn json(&self, i: usize) -> &str {
        let (a, b) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        &self.json[a..b]
    }

    /// Record `i`, parsed.
    ///
    /// # Panics
    /// Only if the table was corrupted in memory: it holds text written by [`RecordTable::new`]
    /// and snapshots are checksummed before they are trusted.
    pub fn get(&self, i: usize) -> Record {
        serde_json::from_str(self.json(i)).expect("record table holds JSON it wrote itself")
    }

    /// Every record, parsed in order.
    pub fn iter(&self) -> impl Iterator<Item = Record> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Whether every record's span lies within the text, in order, on character boundaries
    /// (see [`crate::NameIndex::check`]).
    pub fn check(&self) -> Result<(), String> {
        let ends_right = self.offsets.first() == Some(&0)
            && self.offsets.last().map(|&o| o as usize) == Some(self.json.len());
        if !ends_right
            || self.offsets.windows(2).any(|w| w[0] > w[1])
            || self
                .offsets
                .iter()
                .any(|&o| !self.json.is_char_boundary(o as usize))
        {
            return Err("record offsets do not cover the record text".into());
        }
        Ok(())
    }

    /// Bytes held.
    pub fn heap_size(&self) -> usize {
        self.json.len() + self.offsets.len() * 8
    }
}

impl<'a> IntoIterator for &'a RecordTable {
    type Item = Record;
    type IntoIter = Box<dyn Iterator<Item = Record> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::{NameKind, Schema};

    #[test]
    fn round_trip() {
        let mut a = Record::new("t", "1", Schema::Person);
        a.add_name("Ivan Petrov", NameKind::Primary);
        let b = Record::new("t", "2", Schema::Vessel);
        let t = RecordTable::new(&[a.clone(), b.clone()]);
        assert_eq!(t.len(), 2);
        assert_eq!(t.get(0), a);
        assert_eq!(t.iter().collect::<Vec<_>>(), vec![a, b]);
    }
}
