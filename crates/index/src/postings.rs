//! The inverted index from name keys to entities, and candidate gathering with rarity weights.

use crate::keys::KeyGroups;
use interdict_matching::names::AnalyzedName;
use rayon::prelude::*;
use smallvec::SmallVec;

/// Name keys → entity numbers, in a compact sorted layout: `keys[i]` owns postings
/// `offsets[i]..offsets[i + 1]`, each an entity number of [`POSTING_BYTES`] little-endian
/// bytes in `postings`.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct NameIndex {
    keys: Vec<u64>,
    offsets: Vec<u32>,
    postings: Vec<u8>,
    entities: usize,
    /// Where each run of keys sharing their top bits starts in `keys` (derived, not stored):
    /// a lookup searches a run of a few keys instead of the whole sorted array, whose binary
    /// search costs a cache miss per step.
    #[serde(skip)]
    directory: std::sync::OnceLock<Directory>,
}

/// Bytes of an entity number in the postings: the index serves up to 2^24 (16.7M) entities,
/// and a quarter of its memory is saved against four bytes (0.2 GB at 2M entities).
pub const POSTING_BYTES: usize = 3;

/// The most entities an index can number (see [`POSTING_BYTES`]).
pub const MAX_ENTITIES: usize = 1 << (8 * POSTING_BYTES);

/// The postings of one key: entity numbers of [`POSTING_BYTES`] bytes.
#[derive(Debug, Clone, Copy)]
struct List<'a>(&'a [u8]);

impl<'a> List<'a> {
    fn len(&self) -> usize {
        self.0.len() / POSTING_BYTES
    }

    fn iter(&self) -> impl Iterator<Item = u32> + 'a {
        self.0
            .chunks_exact(POSTING_BYTES)
            .map(|b| u32::from(b[0]) | u32::from(b[1]) << 8 | u32::from(b[2]) << 16)
    }
}

/// `starts[p]..starts[p + 1]` are the keys whose top `bits` bits equal `p`.
#[derive(Debug, Clone, Default)]
struct Directory {
    bits: u32,
    starts: Vec<u32>,
}

impl Directory {
    fn build(keys: &[u64]) -> Directory {
        // About four keys per run; the keys are hashes, so their top bits spread evenly.
        let bits = (keys.len() / 4).max(1).ilog2().clamp(4, 24);
        let mut starts = Vec::with_capacity((1 << bits) + 1);
        let mut k = 0usize;
        for prefix in 0..(1u64 << bits) {
            while k < keys.len() && keys[k] >> (64 - bits) < prefix {
                k += 1;
            }
            starts.push(k as u32);
        }
        starts.push(keys.len() as u32);
        Directory { bits, starts }
    }

    fn run(&self, key: u64) -> std::ops::Range<usize> {
        let p = self.slot(key);
        self.starts[p] as usize..self.starts[p + 1] as usize
    }

    fn slot(&self, key: u64) -> usize {
        (key >> (64 - self.bits)) as usize
    }
}

impl NameIndex {
    /// Build from every entity's analysed names (`names[i]` are entity i's names), at most
    /// [`MAX_ENTITIES`] of them (callers check: a larger number would not fit a posting).
    ///
    /// Each entity's keys are computed once and kept as a sorted list (8 bytes a posting);
    /// the (key, entity) pairs are then sorted one slice of the key space at a time, so that
    /// the pairs held at once stay near [`BUILD_SLICE_PAIRS`] whatever the corpus size.
    /// Sorting every pair at once held 16 bytes a posting, twice over while collecting,
    /// where the index keeps 4: at 2M synthetic entities, gigabytes more than the index.
    pub fn build<'a>(names: impl IndexedParallelIterator<Item = Vec<&'a AnalyzedName>>) -> Self {
        Self::build_in_slices(names, BUILD_SLICE_PAIRS)
    }

    /// [`NameIndex::build`] sorting at most about `max_pairs` pairs at once.
    fn build_in_slices<'a>(
        names: impl IndexedParallelIterator<Item = Vec<&'a AnalyzedName>>,
        max_pairs: usize,
    ) -> Self {
        let entities = names.len();
        let per_entity: Vec<Vec<u64>> = names
            .map_init(KeyGroups::default, |groups, list| {
                groups.clear();
                list.into_iter().for_each(|n| groups.add(n));
                let mut keys: Vec<u64> =
                    groups.iter().flat_map(|(k, _, _, _)| k).copied().collect();
                keys.sort_unstable();
                keys.dedup();
                keys.shrink_to_fit();
                keys
            })
            .collect();
        // The pairs per bucket of the key space (its top bits).
        let counts = per_entity
            .par_iter()
            .fold(
                || vec![0usize; BUCKETS],
                |mut counts, keys| {
                    keys.iter().for_each(|&k| counts[bucket(k)] += 1);
                    counts
                },
            )
            .reduce(
                || vec![0usize; BUCKETS],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                    a
                },
            );
        let mut keys = Vec::new();
        let mut offsets = Vec::new();
        let mut postings = Vec::with_capacity(counts.iter().sum::<usize>() * POSTING_BYTES);
        // Each slice of buckets: its pairs, sorted, appended (slices follow key order, and
        // an entity's keys of one slice are a run of its sorted list).
        for slice in slices(&counts, max_pairs) {
            let lo = bucket_start(slice.start).unwrap_or(u64::MAX);
            let hi = bucket_start(slice.end);
            let mut pairs: Vec<(u64, u32)> = per_entity
                .par_iter()
                .enumerate()
                .flat_map_iter(|(i, ks)| {
                    let from = ks.partition_point(|&k| k < lo);
                    let to = hi.map_or(ks.len(), |hi| ks.partition_point(|&k| k < hi));
                    ks[from..to].iter().map(move |&k| (k, i as u32))
                })
                .collect();
            pairs.par_sort_unstable();
            for (k, e) in pairs {
                if keys.last() != Some(&k) {
                    keys.push(k);
                    offsets.push((postings.len() / POSTING_BYTES) as u32);
                }
                postings.extend_from_slice(&e.to_le_bytes()[..POSTING_BYTES]);
            }
        }
        offsets.push((postings.len() / POSTING_BYTES) as u32);
        keys.shrink_to_fit();
        offsets.shrink_to_fit();
        NameIndex {
            keys,
            offsets,
            postings,
            entities,
            directory: Default::default(),
        }
    }

    /// Drop spare capacity: a decoded vector grows by doubling (its length is not trusted
    /// ahead), which left up to half of each array unused, 0.3 GB at 2M entities.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.keys.shrink_to_fit();
        self.offsets.shrink_to_fit();
        self.postings.shrink_to_fit();
    }

    /// Whether the layout holds together for `entities` entities: keys strictly ascending,
    /// offsets from 0 to the posting count without going back, every posting an entity
    /// number below `entities`. A snapshot is checked before it is used, so that a bad one is
    /// rebuilt from the sources instead of failing queries.
    pub fn check(&self, entities: usize) -> Result<(), String> {
        if self.entities != entities {
            return Err(format!(
                "index of {} entities for {entities}",
                self.entities
            ));
        }
        if self.keys.windows(2).any(|w| w[0] >= w[1]) {
            return Err("index keys out of order".into());
        }
        let ends_right = self.offsets.len() == self.keys.len() + 1
            && self.offsets.first() == Some(&0)
            && self.offsets.last().map(|&o| o as usize * POSTING_BYTES)
                == Some(self.postings.len());
        if !ends_right || self.offsets.windows(2).any(|w| w[0] > w[1]) {
            return Err("index offsets do not cover the postings".into());
        }
        if List(&self.postings).iter().any(|e| e as usize >= entities) {
            return Err("index names an entity out of range".into());
        }
        Ok(())
    }

    /// Build the lookup directory now rather than on the first query.
    pub fn prepare(&self) {
        self.directory();
    }

    fn directory(&self) -> &Directory {
        self.directory.get_or_init(|| Directory::build(&self.keys))
    }

    /// The postings of one key (the reference [`NameIndex::get_all`] is tested against).
    #[cfg(test)]
    fn get(&self, key: u64) -> Option<List<'_>> {
        let run = self.directory().run(key);
        let start = run.start;
        let i = start + self.keys[run].binary_search(&key).ok()?;
        let (from, to) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
        Some(List(
            &self.postings[from * POSTING_BYTES..to * POSTING_BYTES],
        ))
    }

    /// [`NameIndex::get`] of each key, in order, in stages over all the keys (their directory
    /// slots, their key runs, their offsets, the start of their postings), each asking the
    /// processor for what the next reads: the cache misses of one key overlap those of the
    /// others instead of following one another. Same results as `get`.
    fn get_all<'s>(&'s self, keys: &[u64], out: &mut Vec<Option<List<'s>>>) {
        let d = self.directory();
        for &k in keys {
            prefetch_at(&d.starts[d.slot(k)]);
        }
        for &k in keys {
            if let Some(first) = self.keys.get(d.run(k).start) {
                prefetch_at(first);
            }
        }
        let found: SmallVec<[Option<usize>; 128]> = keys
            .iter()
            .map(|&k| {
                let run = d.run(k);
                let i = run.start + self.keys[run].binary_search(&k).ok()?;
                prefetch_at(&self.offsets[i]);
                Some(i)
            })
            .collect();
        out.extend(found.into_iter().map(|i| {
            let i = i?;
            let (from, to) = (self.offsets[i] as usize, self.offsets[i + 1] as usize);
            let list = List(&self.postings[from * POSTING_BYTES..to * POSTING_BYTES]);
            if let Some(first) = list.0.first() {
                prefetch_at(first);
            }
            Some(list)
        }));
    }

    pub fn len(&self) -> usize {
        self.entities
    }

    pub fn is_empty(&self) -> bool {
        self.entities == 0
    }

    /// Number of keys and postings, for memory reports.
    pub fn size(&self) -> (usize, usize) {
        (self.keys.len(), self.postings.len() / POSTING_BYTES)
    }

    /// The best `max` entities for the query names, by the summed rarity (IDF) of the query
    /// tokens they share (each query token counts once, by its rarest shared key).
    pub fn candidates(&self, names: &[AnalyzedName], max: usize) -> Vec<u32> {
        self.ranked_candidates(names, max)
            .into_iter()
            .map(|(e, _)| e)
            .collect()
    }

    /// [`NameIndex::candidates`] with their pre-scores, best first.
    pub fn ranked_candidates(&self, names: &[AnalyzedName], max: usize) -> Vec<(u32, f32)> {
        self.gather(names, |g| g.best(max))
    }

    /// Gather the entities sharing a key with the query names and hand them to `f`, which
    /// picks the candidates it scores ([`Gathered::best`], [`Gathered::covering`],
    /// [`Gathered::all`]). `f` must not gather again (the per-thread accumulators are in use:
    /// that would panic).
    pub fn gather<R>(&self, names: &[AnalyzedName], f: impl FnOnce(&Gathered) -> R) -> R {
        SCRATCH.with_borrow_mut(|s| {
            s.reset(self.entities);
            let n = self.entities.max(1) as f32;
            let mut groups = std::mem::take(&mut s.key_groups);
            groups.clear();
            // Per name, where its groups end, its number of readings and its own pre-score: a
            // name read several ways spreads its words over the readings, and a listing matches
            // one of them.
            let mut ends: SmallVec<[(usize, f32, f32); 4]> = SmallVec::new();
            for name in names {
                groups.add_query(name);
                ends.push((groups.len(), name.variants.len().max(1) as f32, 0.0));
            }
            // Every key's postings first, their lookups overlapping; taken in key order below.
            let mut found = Vec::with_capacity(groups.all_keys().len());
            self.get_all(groups.all_keys(), &mut found);
            let mut found = found.into_iter();
            for (g, (keys, prefixes, joined, repeated)) in groups.iter().enumerate() {
                let name = ends.iter().position(|e| g < e.0).unwrap_or(0);
                // Rarest key first: the first key listing an entity is its best in the group.
                // Then the listed short forms of the word, weighed as the matcher weighs a
                // short form (0.6 of a word): after the group's own keys, so that they never
                // lower an entity those keys list.
                for (keys, scale) in [(keys, 1.0), (prefixes, PREFIX_WEIGHT)] {
                    let mut lists: SmallVec<[List; 32]> =
                        found.by_ref().take(keys.len()).flatten().collect();
                    lists.sort_unstable_by_key(|p| p.len());
                    if scale == 1.0
                        && let Some(p) = lists.first()
                        && let Some(e) = ends.get_mut(name)
                    {
                        e.2 += (n / p.len() as f32).ln().max(0.05) / e.1;
                    }
                    for p in lists {
                        let idf = (n / p.len() as f32).ln().max(0.05);
                        s.offer(p, idf * scale);
                    }
                }
                let word = !joined && !repeated;
                s.query_words += u32::from(word);
                s.close_group(word);
            }
            s.key_groups = groups;
            // A listing of any one of the query's names shares at least the least of theirs.
            s.own = ends
                .iter()
                .map(|e| e.2)
                .filter(|&o| o > 0.0)
                .reduce(f32::min)
                .unwrap_or(0.0);
            f(&Gathered { scratch: s })
        })
    }
}

/// The entities a query gathered (see [`NameIndex::gather`]).
pub struct Gathered<'a> {
    scratch: &'a Scratch,
}

impl Gathered<'_> {
    /// The best `max` by pre-score, with their pre-scores, best first.
    pub fn best(&self, max: usize) -> Vec<(u32, f32)> {
        self.scratch.best(max)
    }

    /// The head of [`Gathered::best`]'s ranking that a query scores first: the best `always`
    /// by pre-score and, after them, every entity with a pre-score of at least `floor`, best
    /// first. It is that ranking's prefix, found without ranking every entity gathered: most
    /// queries gather a thousand entities and score a handful.
    pub fn leading(&self, always: usize, floor: f32) -> Vec<(u32, f32)> {
        self.scratch.leading(always, floor)
    }

    /// The pre-score of a listing that shares every word of one of the query's names (the
    /// weight of each word's rarest key found; a name's words counted once over its readings,
    /// as a listing matches one romanisation of a name read several ways): the least over the
    /// query's names, 0 when no key of the query was found.
    pub fn own_pre_score(&self) -> f32 {
        self.scratch.own
    }

    /// Every entity gathered, in no particular order.
    pub fn all(&self) -> &[u32] {
        &self.scratch.touched
    }

    /// The entities that share every word of one of their names with the query, best pre-score
    /// first: `shortest[e]` is the number of distinct words in entity e's shortest
    /// name, and an entity counts when as many distinct words of the query share a key with it.
    ///
    /// The pre-score favours a listing of the whole name, which shares every word and every
    /// rare joined pair; a listing of part of the name ("SAIFULLAH, Qari" for "Qari Saifullah
    /// Tokhi") ranks behind namesakes that share the query's rarest word, yet it can match.
    pub fn covering(&self, shortest: &[u8]) -> Vec<u32> {
        self.scratch.covering(shortest)
    }
}

/// Pre-score weight of a listed word that only starts a query word, against the word itself.
const PREFIX_WEIGHT: f32 = 0.6;

/// Buckets of the key space counted by [`NameIndex::build`]: keys by their top 8 bits.
const BUCKETS: usize = 256;

/// At most about this many (key, entity) pairs are sorted at once while building (256 MB; a
/// single bucket holding more is sorted whole).
pub const BUILD_SLICE_PAIRS: usize = 1 << 24;

fn bucket(key: u64) -> usize {
    (key >> 56) as usize
}

/// The first key of bucket `b`; `None` past the last bucket.
fn bucket_start(b: usize) -> Option<u64> {
    if b < BUCKETS {
        Some((b as u64) << 56)
    } else {
        None
    }
}

/// Consecutive bucket ranges holding at most `max` pairs each (or one bucket, when that one
/// holds more), covering every bucket.
fn slices(counts: &[usize], max: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut held) = (0, 0);
    for (b, &c) in counts.iter().enumerate() {
        if held + c > max && b > start {
            out.push(start..b);
            (start, held) = (b, 0);
        }
        held += c;
    }
    out.push(start..counts.len());
    out
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Per-thread dense accumulators for candidate gathering, reused across queries: only the
/// entries a query touched are reset.
#[derive(Default)]
struct Scratch {
    /// Per entity, its accumulators (8 bytes).
    slots: Vec<Slot>,
    /// One bit per entity: listed by a key of the current token group. A posting is checked
    /// here (a bit set small enough to stay in cache) instead of in `slots`, which are read
    /// once per entity and group: a common word's keys list the same entities many times over.
    in_group: Vec<u64>,
    /// The current group's entities with their best key weight.
    group: Vec<(u32, f32)>,
    /// Distinct words of the query's names.
    query_words: u32,
    /// See [`Gathered::own_pre_score`].
    own: f32,
    /// The query's key groups (a buffer kept for the next query).
    key_groups: KeyGroups,
    /// Entities with a non-zero `acc`.
    touched: Vec<u32>,
    /// Prefetch accumulators (at least [`PREFETCH_FROM`] entities).
    far: bool,
    /// The current query's number (see [`Slot::query`]); slots start at 0, queries at 1.
    query: u16,
}

/// How far ahead of the entity at hand the loops over gathered entities ask for the next
/// ones' accumulators: at millions of entities the slots span more memory than the caches.
const PREFETCH_AHEAD: usize = 16;

/// From this many entities the accumulators (8 bytes each) outgrow the processor's own cache
/// and are prefetched; below, asking costs more than it saves.
const PREFETCH_FROM: usize = 1 << 17;

/// Ask the processor to bring `slots[e]` into cache (see [`prefetch_at`]).
#[inline(always)]
fn prefetch(slots: &[Slot], e: u32) {
    if let Some(slot) = slots.get(e as usize) {
        prefetch_at(slot);
    }
}

/// Ask the processor to bring the cache line holding `value` into cache: a hint, which changes
/// no result (nothing on processors other than x86_64).
#[inline(always)]
pub(crate) fn prefetch_at<T>(value: &T) {
    prefetch_lines(value, 1);
}

/// [`prefetch_at`] for the first `lines` cache lines from `value` on: those of a value larger
/// than a line, or of the elements of a slice from it.
#[inline(always)]
pub(crate) fn prefetch_lines<T>(value: &T, lines: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let p: *const i8 = std::ptr::from_ref(value).cast();
        for line in 0..lines {
            // SAFETY: a prefetch never faults and reads nothing, whatever the address.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(64 * line)) };
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (value, lines);
}

// One entity's accumulators in 8 bytes, so that a cache line holds eight.
const _: () = assert!(std::mem::size_of::<Slot>() == 8);

/// One entity's accumulators.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// Summed pre-score.
    acc: f32,
    /// Distinct query words sharing a key with the entity.
    hits: u8,
    /// The query these accumulators belong to ([`Scratch::query`]): a slot of an earlier
    /// query counts as empty, so that no query has to clear the slots it touched.
    query: u16,
}

impl Scratch {
    fn reset(&mut self, entities: usize) {
        if self.slots.len() != entities {
            *self = Scratch {
                slots: vec![Slot::default(); entities],
                in_group: vec![0; entities.div_ceil(64)],
                far: entities >= PREFETCH_FROM,
                ..Scratch::default()
            };
        }
        self.query = self.query.wrapping_add(1);
        if self.query == 0 {
            // Every 65,536 queries the numbers come round again: clear them all once.
            self.slots.fill(Slot::default());
            self.query = 1;
        }
        self.touched.clear();
        // A group left open (a query that panicked mid-gather) must not leave its entities
        // marked for the next query; normally there is none.
        for &(e, _) in &self.group {
            self.in_group[e as usize / 64] &= !(1u64 << (e % 64));
        }
        self.group.clear();
        self.query_words = 0;
        self.own = 0.0;
    }

    /// Offer the entities of one key of the current group; keys come rarest (heaviest) first.
    fn offer(&mut self, postings: List, weight: f32) {
        for e in postings.iter() {
            let (word, bit) = (e as usize / 64, 1u64 << (e % 64));
            if self.in_group[word] & bit == 0 {
                self.in_group[word] |= bit;
                self.group.push((e, weight));
            }
        }
    }

    /// End a token group; `word`: the group is a distinct word of a query name (not a
    /// repeated or joined one).
    fn close_group(&mut self, word: bool) {
        for (i, &(e, best)) in self.group.iter().enumerate() {
            if self.far
                && let Some(&(ahead, _)) = self.group.get(i + PREFETCH_AHEAD)
            {
                prefetch(&self.slots, ahead);
            }
            self.in_group[e as usize / 64] &= !(1u64 << (e % 64));
            let slot = &mut self.slots[e as usize];
            if slot.query != self.query {
                *slot = Slot {
                    query: self.query,
                    ..Slot::default()
                };
                self.touched.push(e);
            }
            slot.acc += best;
            if word {
                slot.hits = slot.hits.saturating_add(1);
            }
        }
        self.group.clear();
    }

    fn covering(&self, shortest: &[u8]) -> Vec<u32> {
        // Half the query's words, at most two: a name that shares fewer leaves too much of the
        // query unmatched to be a match, unless two or more of its words are found whole in the
        // query (a person named by part of the name, see `interdict_matching::names::partial`).
        let half = self.query_words.div_ceil(2).min(2) as u8;
        let mut found: Vec<u64> = Vec::new();
        for (i, &e) in self.touched.iter().enumerate() {
            if self.far
                && let Some(&ahead) = self.touched.get(i + PREFETCH_AHEAD)
            {
                prefetch(&self.slots, ahead);
            }
            let slot = self.slots[e as usize];
            // The word count first: most entities share too few words to need their names'.
            if slot.hits >= half
                && slot.hits >= shortest.get(e as usize).copied().unwrap_or(u8::MAX)
            {
                found.push(rank_key(e, slot.acc));
            }
        }
        found.sort_unstable_by(|a, b| b.cmp(a));
        found.into_iter().map(|k| from_rank_key(k).0).collect()
    }

    fn leading(&self, always: usize, floor: f32) -> Vec<(u32, f32)> {
        // Entities at or above the floor rank before every entity below it: the best `always`
        // are among them, or they are all of them and the best of the rest follow.
        let mut keys: Vec<u64> = Vec::new();
        // The best `always` below the floor, and the least of them once there are `always`
        // (most entities gathered fall below the floor and below that least).
        let mut below: SmallVec<[u64; 8]> = SmallVec::new();
        let mut least = 0u64;
        for (i, &e) in self.touched.iter().enumerate() {
            if self.far
                && let Some(&ahead) = self.touched.get(i + PREFETCH_AHEAD)
            {
                prefetch(&self.slots, ahead);
            }
            let key = rank_key(e, self.slots[e as usize].acc);
            if key <= least && below.len() == always {
                continue;
            }
            if from_rank_key(key).1 >= floor {
                keys.push(key);
            } else if below.len() < always {
                below.push(key);
                if below.len() == always {
                    least = below.iter().copied().min().unwrap_or(0);
                }
            } else if let Some(slot) = below.iter_mut().find(|k| **k == least) {
                *slot = key;
                least = below.iter().copied().min().unwrap_or(0);
            }
        }
        if keys.len() < always {
            below.sort_unstable_by(|a, b| b.cmp(a));
            keys.extend(below.into_iter().take(always - keys.len()));
        }
        keys.sort_unstable_by(|a, b| b.cmp(a));
        keys.into_iter().map(from_rank_key).collect()
    }

    fn best(&self, max: usize) -> Vec<(u32, f32)> {
        let mut keys: Vec<u64> = Vec::with_capacity(self.touched.len());
        for (i, &e) in self.touched.iter().enumerate() {
            if self.far
                && let Some(&ahead) = self.touched.get(i + PREFETCH_AHEAD)
            {
                prefetch(&self.slots, ahead);
            }
            keys.push(rank_key(e, self.slots[e as usize].acc));
        }
        if keys.len() > max && max > 0 {
            keys.select_nth_unstable_by(max - 1, |a, b| b.cmp(a));
            keys.truncate(max);
        }
        keys.sort_unstable_by(|a, b| b.cmp(a));
        keys.truncate(max);
        keys.into_iter().map(from_rank_key).collect()
    }
}

/// A key whose descending order is the ranking: by pre-score, best first, then by entity
/// number. Pre-scores are positive, so their bits order as their values do; one integer
/// comparison replaces a float comparison and a tie-break.
fn rank_key(entity: u32, pre_score: f32) -> u64 {
    (u64::from(pre_score.max(0.0).to_bits()) << 32) | u64::from(u32::MAX - entity)
}

fn from_rank_key(key: u64) -> (u32, f32) {
    (u32::MAX - key as u32, f32::from_bits((key >> 32) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_layout_fails_its_check() {
        use interdict_matching::names::analyze;
        let names = [analyze("Kim Jong Un"), analyze("Ivan Petrov")];
        let good = NameIndex::build(names.par_iter().map(|n| vec![n]));
        assert_eq!(good.check(2), Ok(()));
        assert!(good.check(3).is_err());
        let mut bad = good.clone();
        bad.postings[0] = 2;
        bad.postings[1..POSTING_BYTES].fill(0);
        assert_eq!(
            bad.check(2),
            Err("index names an entity out of range".into())
        );
        let mut bad = good.clone();
        bad.offsets.pop();
        assert!(bad.check(2).is_err());
        let mut bad = good.clone();
        bad.keys.swap(0, 1);
        assert_eq!(bad.check(2), Err("index keys out of order".into()));
        assert_eq!(NameIndex::default().check(0).map_err(|_| ()), Err(()));
    }

    #[test]
    fn accumulators_of_earlier_queries_count_as_empty_across_the_wrap_of_query_numbers() {
        use interdict_matching::names::analyze;
        let listed = [
            analyze("Kim Jong Un"),
            analyze("Ivan Petrov"),
            analyze("Kim Yong Chol"),
        ];
        let index = NameIndex::build(listed.par_iter().map(|n| vec![n]));
        let (kim, petrov) = ([analyze("Kim Jong Un")], [analyze("Petrov")]);
        // A fresh scratch (another test may have used this thread's): `first` is query 1.
        SCRATCH.with_borrow_mut(|s| *s = Scratch::default());
        let first = index.ranked_candidates(&kim, 10);
        assert_eq!(first.iter().map(|c| c.0).collect::<Vec<_>>(), [0, 2]);
        // Numbers then come round so that "Kim Jong Un" is query 1 again, with its entities'
        // slots still marked 1: they must count as empty.
        SCRATCH.with_borrow_mut(|s| s.query = u16::MAX - 1);
        for _ in 0..5 {
            assert_eq!(index.ranked_candidates(&petrov, 10).len(), 1);
            assert_eq!(index.ranked_candidates(&kim, 10), first);
        }
        SCRATCH.with_borrow(|s| assert!((1..10).contains(&s.query)));
    }

    #[test]
    fn postings_keep_every_entity_number_the_index_can_hold() {
        let numbers = [
            0u32,
            1,
            255,
            256,
            65_535,
            65_536,
            2_028_885,
            (MAX_ENTITIES - 1) as u32,
        ];
        let bytes: Vec<u8> = numbers
            .iter()
            .flat_map(|e| e.to_le_bytes()[..POSTING_BYTES].to_vec())
            .collect();
        let list = List(&bytes);
        assert_eq!(list.len(), numbers.len());
        assert_eq!(list.iter().collect::<Vec<_>>(), numbers);
    }

    #[test]
    fn slices_cover_every_bucket_within_the_limit() {
        assert_eq!(slices(&[3, 3, 3, 3], 6), vec![0..2, 2..4]);
        assert_eq!(slices(&[3, 3, 3, 3], 7), vec![0..2, 2..4]);
        // A bucket over the limit is a slice of its own.
        assert_eq!(slices(&[1, 9, 1, 1], 4), vec![0..1, 1..2, 2..4]);
        assert_eq!(slices(&[0, 0], 1), vec![0..2]);
        assert_eq!(slices(&[5, 5], usize::MAX), vec![0..2]);
    }

    #[test]
    fn an_index_built_in_slices_equals_one_built_at_once() {
        use interdict_matching::names::analyze;
        let names: Vec<Vec<AnalyzedName>> = [
            "Kim Jong Un",
            "Ким Чен Ын",
            "Osama bin Laden",
            "أسامة بن لادن",
            "Rosneft Oil Company",
            "Kim Yong Chol; Kim Jong Un",
        ]
        .iter()
        .map(|n| n.split("; ").map(analyze).collect())
        .collect();
        let lists = || names.par_iter().map(|l| l.iter().collect::<Vec<_>>());
        let whole = NameIndex::build_in_slices(lists(), usize::MAX);
        let sliced = NameIndex::build_in_slices(lists(), 1);
        assert!(whole.keys.len() > 50);
        assert_eq!(whole.keys, sliced.keys);
        assert_eq!(whole.offsets, sliced.offsets);
        assert_eq!(whole.postings, sliced.postings);
        // "Ким" romanises to "kim" too.
        assert_eq!(
            whole
                .get(crate::keys::hash(b't', b"kim"))
                .map(|l| l.iter().collect::<Vec<_>>()),
            Some(vec![0u32, 1, 5])
        );
    }

    #[test]
    fn keys_looked_up_together_find_what_each_finds_alone() {
        use interdict_matching::names::analyze;
        let names: Vec<AnalyzedName> = [
            "Kim Jong Un",
            "Ivan Petrov",
            "Osama bin Laden",
            "Ким Чен Ын",
        ]
        .map(analyze)
        .into();
        let index = NameIndex::build(names.par_iter().map(|n| vec![n]));
        let mut keys: Vec<u64> = index.keys.clone();
        // Absent keys among them, and one looked up twice.
        keys.extend([0, 1, u64::MAX, 12345, keys[0]]);
        keys.rotate_left(3);
        let mut found = Vec::new();
        index.get_all(&keys, &mut found);
        assert_eq!(found.len(), keys.len());
        for (k, f) in keys.iter().zip(&found) {
            let alone = index.get(*k).map(|l| l.iter().collect::<Vec<_>>());
            assert_eq!(f.map(|l| l.iter().collect::<Vec<_>>()), alone, "key {k:#x}");
        }
        assert_eq!(found.iter().filter(|f| f.is_none()).count(), 4);
    }

    proptest::proptest! {
        /// The head scored first is the prefix of the full ranking that the screener takes:
        /// the best `always`, then every entity at or above the floor. Pre-scores are drawn
        /// from a few values, so that ties and entities exactly at the floor are common.
        #[test]
        fn the_leading_entities_are_the_head_of_the_full_ranking(
            acc in proptest::collection::vec(0u8..12, 0..300),
            always in 0usize..9,
            floor in 0u8..14,
        ) {
            let acc: Vec<f32> = acc.into_iter().map(|a| f32::from(a) * 0.25).collect();
            let floor = f32::from(floor) * 0.25;
            let s = Scratch {
                slots: acc.iter().map(|&acc| Slot { acc, hits: 1, query: 1 }).collect(),
                touched: (0..acc.len() as u32).rev().collect(),
                query: 1,
                ..Scratch::default()
            };
            let ranked = s.best(acc.len());
            let head: Vec<(u32, f32)> = ranked
                .iter()
                .enumerate()
                .take_while(|&(i, c)| i < always || c.1 >= floor)
                .map(|(_, &c)| c)
                .collect();
            proptest::prop_assert_eq!(s.leading(always, floor), head);
        }
    }

    #[test]
    fn rank_keys_order_by_pre_score_then_entity() {
        let ranked = [
            (7u32, 3.5f32),
            (2, 3.5),
            (9, 0.05),
            (1, 12.0),
            (u32::MAX - 1, 0.0),
        ];
        let mut keys: Vec<u64> = ranked.iter().map(|&(e, s)| rank_key(e, s)).collect();
        keys.sort_unstable_by(|a, b| b.cmp(a));
        let back: Vec<(u32, f32)> = keys.into_iter().map(from_rank_key).collect();
        assert_eq!(
            back,
            [
                (1, 12.0),
                (2, 3.5),
                (7, 3.5),
                (9, 0.05),
                (u32::MAX - 1, 0.0)
            ]
        );
    }

    #[test]
    fn directory_runs_hold_exactly_the_keys_of_their_prefix() {
        // Hash-like keys plus the extremes; every key must be found through its run, and
        // absent keys must not be.
        let mut keys: Vec<u64> = (0..5000u64)
            .map(|i| crate::keys::hash(b'x', &i.to_le_bytes()))
            .chain([0, 1, u64::MAX, u64::MAX - 1, 1 << 63])
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let d = Directory::build(&keys);
        assert_eq!(d.starts.len(), (1 << d.bits) + 1);
        for (i, &k) in keys.iter().enumerate() {
            let run = d.run(k);
            assert!(run.contains(&i), "key {k:#x} at {i} outside {run:?}");
        }
        for missing in [2u64, u64::MAX - 2, 12345] {
            let run = d.run(missing);
            assert!(keys[run].binary_search(&missing).is_err());
        }
        // An empty index has empty runs.
        let d = Directory::build(&[]);
        assert!(d.run(42).is_empty());
    }
}
