//! A name's readings (romanisation variants, as token numbers) and the adjacent words each
//! may write as one (its joins), kept in one array.
//!
//! A listed name lives as long as the process, and most have one or two readings of a few
//! words: a list of lists for the readings and another for their joins made five allocations
//! of a few bytes each, which cost more in the allocator's headers and rounding than they
//! held (about 100 bytes a name). Here they are one array of `u16`: the number of readings,
//! where each reading's words end and where its joins end, then the words, then the joins.

use serde::{Deserialize, Serialize};

/// Adjacent tokens of a variant written as one word ("jong un" → "jongun"): the joined token
/// (an index into the name's tokens) replaces `span` tokens from `start`. Stored instead of
/// whole merged token lists so that a prepared name stays linear in its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Join {
    pub start: u8,
    pub span: u8,
    pub token: u16,
}

/// The readings of a name and their joins (see the module's documentation).
///
/// Layout: `[n, word_end(0..n), join_end(0..n), words.., joins..]`, ends counted from the
/// start of the words and of the joins; a join is two entries, `start | span << 8` and its
/// token.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Variants(Box<[u16]>);

impl Variants {
    /// Readings as lists of token numbers, with the joins of each (`joins[v]` for reading `v`;
    /// missing ones are empty). At most `u16::MAX` entries in all (names are cut to a few
    /// dozen tokens and readings).
    pub fn new(readings: &[Box<[u16]>], joins: &[Box<[Join]>]) -> Variants {
        let n = readings.len();
        let mut out = Vec::with_capacity(1 + 2 * n);
        out.push(n as u16);
        let mut end = 0usize;
        for r in readings {
            end += r.len();
            out.push(end as u16);
        }
        let mut end = 0usize;
        for v in 0..n {
            end += joins.get(v).map_or(0, |j| j.len());
            out.push(end as u16);
        }
        out.extend(readings.iter().flat_map(|r| r.iter().copied()));
        for v in 0..n {
            for j in joins.get(v).into_iter().flatten() {
                out.push(u16::from(j.start) | u16::from(j.span) << 8);
                out.push(j.token);
            }
        }
        Variants(out.into())
    }

    /// The number of readings.
    pub fn len(&self) -> usize {
        self.0.first().map_or(0, |&n| usize::from(n))
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where reading `v`'s words and its joins lie in the array: (words, joins).
    fn ranges(&self, v: usize) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
        let n = self.len();
        if v >= n {
            return None;
        }
        let end = |at: usize| usize::from(self.0.get(at).copied().unwrap_or(0));
        let start = |at: usize| if v == 0 { 0 } else { end(at - 1) };
        let words_from = 1 + 2 * n;
        let words_total = end(n);
        let joins_from = words_from + words_total;
        let words = words_from + start(1 + v)..words_from + end(1 + v);
        let joins = joins_from + 2 * start(1 + n + v)..joins_from + 2 * end(1 + n + v);
        Some((words, joins))
    }

    /// The token numbers of reading `v`.
    pub fn get(&self, v: usize) -> Option<&[u16]> {
        let (words, _) = self.ranges(v)?;
        self.0.get(words)
    }

    /// The first reading.
    pub fn first(&self) -> Option<&[u16]> {
        self.get(0)
    }

    /// The readings in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u16]> {
        (0..self.len()).map(|v| self.get(v).unwrap_or(&[]))
    }

    /// The joins of reading `v`.
    pub fn joins(&self, v: usize) -> impl ExactSizeIterator<Item = Join> + '_ {
        let pairs = self
            .ranges(v)
            .and_then(|(_, joins)| self.0.get(joins))
            .unwrap_or(&[]);
        pairs.chunks_exact(2).map(|p| Join {
            start: p[0] as u8,
            span: (p[0] >> 8) as u8,
            token: p[1],
        })
    }

    /// Join `k` of reading `v`.
    pub fn join(&self, v: usize, k: usize) -> Option<Join> {
        self.joins(v).nth(k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(start: u8, span: u8, token: u16) -> Join {
        Join { start, span, token }
    }

    #[test]
    fn readings_and_joins_come_back_as_given() {
        let readings: Vec<Box<[u16]>> =
            vec![vec![0, 1, 2].into(), vec![3, 1].into(), vec![].into()];
        let joins: Vec<Box<[Join]>> = vec![
            vec![join(0, 2, 4), join(1, 2, 5), join(0, 3, 6)].into(),
            vec![].into(),
            vec![].into(),
        ];
        let v = Variants::new(&readings, &joins);
        assert_eq!(v.len(), 3);
        let back: Vec<&[u16]> = v.iter().collect();
        assert_eq!(back, vec![&[0, 1, 2][..], &[3, 1][..], &[][..]]);
        assert_eq!(v.first(), Some(&[0, 1, 2][..]));
        assert_eq!(v.get(3), None);
        assert_eq!(v.joins(0).collect::<Vec<_>>(), joins[0].to_vec());
        assert_eq!(v.joins(1).len(), 0);
        assert_eq!(v.joins(7).len(), 0);
        assert_eq!(v.join(0, 2), Some(join(0, 3, 6)));
        assert_eq!(v.join(0, 3), None);
        // Joins of a later reading start after the earlier ones'.
        let v = Variants::new(&readings[..2], &[vec![].into(), vec![join(0, 2, 9)].into()]);
        assert_eq!(v.joins(1).collect::<Vec<_>>(), vec![join(0, 2, 9)]);
        assert_eq!(v.joins(0).len(), 0);
    }

    #[test]
    fn no_readings_and_a_damaged_array_read_as_empty() {
        let v = Variants::default();
        assert!(v.is_empty());
        assert_eq!(v.iter().count(), 0);
        assert_eq!(v.joins(0).len(), 0);
        // Counts that point past the end (a damaged snapshot) give nothing, not a panic.
        let v = Variants(vec![2, 5, 9, 1, 1, 0].into());
        assert_eq!(v.get(0), None);
        assert_eq!(v.joins(1).len(), 0);
    }
}
