//! Screening a query against every loaded entity: identifier lookups and name-index candidates,
//! then the full matcher score on the best candidates, ranked.

use crate::NameIndex;
use crate::postings::{Gathered, prefetch_at, prefetch_lines};
use crate::records::RecordTable;
use interdict_matching::explain as explain_scored;
use interdict_matching::names::AnalyzedName;
use interdict_matching::{PreparedEntity, PreparedQuery, Query, Scored, scored};
use interdict_model::{CanonicalEntity, IdKind, Record};
use serde::Serialize;
use smallvec::SmallVec;
use std::borrow::Borrow;
use std::collections::HashSet;

/// At most this many name candidates get the full score.
pub const DEFAULT_CANDIDATES: usize = 100;
/// The best this many name candidates (by pre-score) always get the full score.
pub const ALWAYS_SCORED: usize = 5;
/// Beyond [`ALWAYS_SCORED`], a candidate gets the full score only when its pre-score is at least
/// this share of the query's own (the pre-score of a listing that shares every word of the query:
/// [`crate::postings::Gathered::own_pre_score`]). One that shares less, by the rarity of the words
/// shared, rarely reaches the threshold: on the 50,000 global negatives this scores a third of
/// the candidates, and 3 of 48 alerts of brute force are not raised (names found by their
/// consonants or in part); on the UN positives the index still equals brute force (see the
/// README). Those candidates are still scored, in blocks, when the query holds a match.
pub const OWN_SHARE: f32 = 0.5;
/// At most this many name candidates (by pre-score) get the full score when they share
/// [`OWN_SHARE`]; more while their pre-score is within [`PRE_SCORE_RATIO`] of the best one.
pub const MIN_SCORED: usize = 20;
/// Further candidates get the full score only with a pre-score at least this share of the best
/// pre-score: on the yente benchmark this keeps recall@5 of the treated UN positives at 1.000
/// while scoring a fraction of the candidates of negatives (see the README).
pub const PRE_SCORE_RATIO: f32 = 0.6;
/// When the candidates scored first hold a match, the next this many (by pre-score) are scored
/// too, and again while each such block holds a match; the matches among them join the results.
/// A name listed several times or matched through an alias can rank low by pre-score and still
/// match. Queries without a match (most queries) pay nothing for this.
pub const MATCH_BLOCK: usize = 20;
/// When the candidates scored first hold a match, at most this many entities not scored yet
/// that share every word of one of their names, and half the query's words (at most two),
/// with the query (best pre-score first) are scored too, and the matches among
/// them join the results.
/// A listing of part of the name ("SAIFULLAH, Qari" for "Qari Saifullah Tokhi", "AL-ALI, Hamid"
/// for "Hamid Abdallah Ahmad Al-Ali") ranks behind namesakes by pre-score, which favours a
/// listing of the whole name, and can still match.
pub const MATCH_COVERING: usize = 60;

/// The entities to screen against, prepared and indexed once.
pub struct Screener {
    /// Source records, parsed on demand (`records.get(i)`); left in the snapshot file when
    /// loaded from one.
    pub records: RecordTable,
    pub entities: Vec<CanonicalEntity>,
    /// Each entity's caption: the primary name of its first member.
    captions: Vec<String>,
    prepared: Vec<PreparedEntity>,
    index: NameIndex,
    /// (hash of an identifier's kind and normalised value, entity), sorted: a hash map of
    /// strings cost about 100 bytes an identifier, 16 here (a lookup checks the entity's own).
    by_identifier: Vec<(u64, u32)>,
    /// Per entity, the number of distinct words in its shortest name (see [`MATCH_COVERING`]).
    shortest: Vec<u8>,
    /// Name candidates scored per query.
    pub candidates: usize,
    /// When a query holds a match, score every entity that shares a name key with it (not only
    /// the best candidates by pre-score), so that every match brute force finds among them is
    /// found. Off by default: it costs matching queries several times the time (see the README).
    pub exhaustive: bool,
}

/// More entities than an index can number.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{entities} entities: the screening index numbers at most {max}")]
pub struct TooManyEntities {
    pub entities: usize,
    pub max: usize,
}

/// One ranked result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// Index into `Screener::entities`.
    #[serde(skip)]
    pub entity: usize,
    pub score: f64,
    #[serde(rename = "match")]
    pub is_match: bool,
    pub explanations: Vec<interdict_matching::Explanation>,
}

impl Screener {
    /// [`Screener::new`], or an error when the index cannot number that many entities
    /// (more than [`crate::postings::MAX_ENTITIES`]).
    pub fn try_new(
        records: Vec<Record>,
        entities: Vec<CanonicalEntity>,
    ) -> Result<Self, TooManyEntities> {
        Self::try_from_records(&records, entities)
    }

    /// [`Screener::try_new`] of borrowed records (the store builds its snapshot from records
    /// it also writes, without copying them).
    pub fn try_from_records<R: Borrow<Record> + Sync>(
        records: &[R],
        entities: Vec<CanonicalEntity>,
    ) -> Result<Self, TooManyEntities> {
        let max = crate::postings::MAX_ENTITIES;
        if entities.len() > max {
            return Err(TooManyEntities {
                entities: entities.len(),
                max,
            });
        }
        Ok(Screener::from_records(records, entities))
    }

    /// Prepare and index records grouped into entities (`entities[i].members` index `records`).
    /// At most [`crate::postings::MAX_ENTITIES`] entities: the index numbers no more (see
    /// [`Screener::try_new`], which the store and the bench use).
    pub fn new(records: Vec<Record>, entities: Vec<CanonicalEntity>) -> Self {
        Self::from_records(&records, entities)
    }

    /// [`Screener::new`] of borrowed records.
    pub fn from_records<R: Borrow<Record> + Sync>(
        records: &[R],
        entities: Vec<CanonicalEntity>,
    ) -> Self {
        use rayon::prelude::*;
        // The records' text is written on one core while the entities are prepared on the
        // others (it needs only the records).
        let (records_text, (prepared, index)) = rayon::join(
            || RecordTable::new(records),
            || {
                // Each entity's tokens are made the shared ones as soon as it is prepared, so
                // that a list's repeated words are never all allocated at once.
                let interner = interdict_matching::names::TokenInterner::default();
                let prepared: Vec<PreparedEntity> = entities
                    .par_iter()
                    .map(|e| {
                        let members: Vec<&Record> =
                            e.members.iter().map(|&i| records[i].borrow()).collect();
                        let mut p = PreparedEntity::new(e.schema, &members);
                        p.share_tokens(&interner);
                        p
                    })
                    .collect();
                let index = NameIndex::build(
                    prepared
                        .par_iter()
                        .map(|p| p.names().map(|(_, _, a)| a).collect()),
                );
                (prepared, index)
            },
        );
        let captions = entities
            .iter()
            .map(|e| {
                e.members
                    .first()
                    .map_or("", |&i| records[i].borrow().caption())
                    .to_string()
            })
            .collect();
        Self::from_parts(records_text, entities, captions, prepared, index)
    }

    /// Assemble a screener from stored parts (a snapshot); the identifier map is rebuilt.
    pub(crate) fn from_parts(
        records: RecordTable,
        entities: Vec<CanonicalEntity>,
        captions: Vec<String>,
        prepared: Vec<PreparedEntity>,
        index: NameIndex,
    ) -> Self {
        index.prepare();
        let mut by_identifier: Vec<(u64, u32)> = prepared
            .iter()
            .enumerate()
            .flat_map(|(i, p)| {
                p.identifier_keys()
                    .map(move |(k, n)| (id_hash(k, n), i as u32))
            })
            .collect();
        by_identifier.sort_unstable();
        by_identifier.dedup();
        by_identifier.shrink_to_fit();
        let shortest = prepared.iter().map(shortest_name).collect();
        Screener {
            records,
            entities,
            captions,
            prepared,
            shortest,
            index,
            by_identifier,
            candidates: DEFAULT_CANDIDATES,
            exhaustive: false,
        }
    }

    /// The entities that hold identifier `value` of kind `kind` (normalised).
    fn with_identifier<'a>(
        &'a self,
        kind: IdKind,
        value: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        let h = id_hash(kind, value);
        let from = self.by_identifier.partition_point(|&(x, _)| x < h);
        self.by_identifier[from..]
            .iter()
            .take_while(move |&&(x, _)| x == h)
            .map(|&(_, e)| e as usize)
            .filter(move |&e| {
                self.prepared[e]
                    .identifier_keys()
                    .any(|(k, n)| k == kind && n == value)
            })
    }

    pub(crate) fn parts(
        &self,
    ) -> (
        &RecordTable,
        &[CanonicalEntity],
        &[String],
        &[PreparedEntity],
        &NameIndex,
    ) {
        (
            &self.records,
            &self.entities,
            &self.captions,
            &self.prepared,
            &self.index,
        )
    }

    /// Member records of an entity, parsed (read from the snapshot file when the screener was
    /// loaded from one: an unreadable record is an error, not a panic).
    pub fn members(
        &self,
        entity: usize,
    ) -> impl Iterator<Item = Result<Record, crate::RecordError>> + '_ {
        self.entities[entity]
            .members
            .iter()
            .map(|&i| self.records.get(i))
    }

    /// The entity's caption: the primary name of its first member.
    pub fn caption(&self, entity: usize) -> &str {
        self.captions.get(entity).map_or("", String::as_str)
    }

    /// The prepared (analysed) form of an entity.
    pub fn prepared(&self, entity: usize) -> &PreparedEntity {
        &self.prepared[entity]
    }

    pub fn index(&self) -> &NameIndex {
        &self.index
    }

    /// Rank entities for a query using the index; at most `limit` hits with score > 0, best first,
    /// each explained.
    pub fn screen(&self, query: &Query, limit: usize, threshold: f64) -> Vec<Hit> {
        self.screen_with(query, limit, threshold, true)
    }

    /// [`Screener::screen`] with explanations only when `explain` is set: callers that show
    /// scores alone (a CSV batch, an evaluation) skip the cost of explaining the results.
    pub fn screen_with(
        &self,
        query: &Query,
        limit: usize,
        threshold: f64,
        explain: bool,
    ) -> Vec<Hit> {
        self.screen_full(query, limit, threshold, explain, self.exhaustive)
    }

    /// [`Screener::screen_with`] in exhaustive mode or not, whatever [`Screener::exhaustive`]
    /// says: for a service whose requests choose.
    pub fn screen_full(
        &self,
        query: &Query,
        limit: usize,
        threshold: f64,
        explain: bool,
        exhaustive: bool,
    ) -> Vec<Hit> {
        let pq = PreparedQuery::new(query.clone());
        let results = self.index.gather(pq.names(), |g| {
            self.score_gathered(&pq, g, threshold, exhaustive)
        });
        self.rank(&pq, results.into_iter(), limit, threshold, explain)
    }

    /// Full scores of the candidates a query gathered: the best by pre-score, the listed
    /// identifiers' holders and, when those hold a match, the further candidates that may match.
    fn score_gathered(
        &self,
        pq: &PreparedQuery,
        gathered: &Gathered,
        threshold: f64,
        exhaustive: bool,
    ) -> Vec<(usize, Scored)> {
        // The best ALWAYS_SCORED get the full score; after them, candidates that share at least
        // OWN_SHARE of what the query's own listing would, up to MIN_SCORED of them and further
        // while their pre-score is within PRE_SCORE_RATIO of the best one: a prefix of the
        // ranking by pre-score, which is ranked further only when the query holds a match.
        let floor = OWN_SHARE * gathered.own_pre_score();
        let mut leading = gathered.leading(ALWAYS_SCORED, floor);
        leading.truncate(self.candidates);
        let top = leading.first().map_or(0.0, |c| c.1);
        let cut = leading
            .iter()
            .enumerate()
            .take_while(|&(i, c)| {
                i < ALWAYS_SCORED
                    || (c.1 >= floor && (i < MIN_SCORED || c.1 >= PRE_SCORE_RATIO * top))
            })
            .count();
        let mut candidates: Vec<usize> = leading[..cut].iter().map(|c| c.0 as usize).collect();
        for id in &pq.query.identifiers {
            candidates.extend(self.with_identifier(id.kind, &id.normalized()));
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut results: Vec<(usize, Scored)> = Vec::with_capacity(candidates.len());
        self.each_prefetched(candidates.into_iter(), |i| {
            results.push((i, scored(pq, &self.prepared[i])));
        });
        if !results.iter().any(|r| is_match(r.1.score, threshold)) {
            return results;
        }
        // Further matches join the results; the candidates below the threshold stay those the
        // pre-score chose.
        let mut more = MoreMatches {
            screener: self,
            pq,
            threshold,
            scored: results.iter().map(|r| r.0).collect(),
            results,
        };
        // Blocks of the next candidates by pre-score, while each holds a match.
        let ranked = gathered.best(self.candidates);
        for block in ranked.get(cut..).unwrap_or(&[]).chunks(MATCH_BLOCK) {
            if !more.score(block.iter().map(|c| c.0 as usize)) {
                break;
            }
        }
        // Listings of part of the name.
        let covering: Vec<usize> = gathered
            .covering(&self.shortest)
            .into_iter()
            .map(|e| e as usize)
            .filter(|i| !more.scored.contains(i))
            .take(MATCH_COVERING)
            .collect();
        more.score(covering.into_iter());
        if exhaustive {
            more.score(gathered.all().iter().map(|&e| e as usize));
        }
        more.results
    }

    /// Rank by scoring every entity (no index): the reference the index is checked against.
    /// Hits carry no explanations.
    pub fn screen_brute_force(&self, query: &Query, limit: usize, threshold: f64) -> Vec<Hit> {
        let pq = PreparedQuery::new(query.clone());
        let results = self
            .prepared
            .iter()
            .enumerate()
            .map(|(i, p)| (i, scored(&pq, p)));
        self.rank(&pq, results, limit, threshold, false)
    }

    /// The best `limit` scores above zero, explained when `explain` is set (only these get
    /// explanations built).
    fn rank(
        &self,
        pq: &PreparedQuery,
        results: impl Iterator<Item = (usize, Scored)>,
        limit: usize,
        threshold: f64,
        explain: bool,
    ) -> Vec<Hit> {
        // The shown score and the match flag must agree: rank and decide on the rounded score.
        let mut ranked: Vec<(usize, f64, Scored)> = results
            .filter(|(_, s)| s.score > 0.0)
            .map(|(i, s)| (i, rounded(s.score), s))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(i, rounded, s)| Hit {
                entity: i,
                score: rounded,
                is_match: is_match(rounded, threshold),
                explanations: if explain {
                    explain_scored(pq, &self.prepared[i], &s).explanations
                } else {
                    Vec::new()
                },
            })
            .collect()
    }
}

/// The number of distinct words in the entity's shortest name (its first romanisation);
/// `u8::MAX` for an entity without names.
fn shortest_name(p: &PreparedEntity) -> u8 {
    p.names()
        .filter_map(|(_, _, n)| {
            let words = n.variants.first()?;
            // Names are short: count the words not seen before them.
            let distinct = (0..words.len())
                .filter(|&i| !words[..i].contains(&words[i]))
                .count();
            (distinct > 0).then(|| distinct.min(u8::MAX as usize) as u8)
        })
        .min()
        .unwrap_or(u8::MAX)
}

impl Screener {
    /// Hand `f` each entity of `ids` in turn, the memory of the next ones asked for while `f`
    /// handles the one before, in [`PREFETCH_STAGES`] steps (see [`prefetch_stage`]).
    fn each_prefetched(&self, ids: impl Iterator<Item = usize>, mut f: impl FnMut(usize)) {
        let ids: SmallVec<[usize; 32]> = ids.collect();
        let stage = |k: usize, s: usize| {
            if let Some(&i) = ids.get(k) {
                prefetch_stage(&self.prepared, i, s);
            }
        };
        // The first entities: every stage at once, the furthest first.
        for s in (1..=PREFETCH_STAGES).rev() {
            (0..s).for_each(|k| stage(k, s));
        }
        for (k, &i) in ids.iter().enumerate() {
            for s in 1..=PREFETCH_STAGES {
                stage(k + s, s);
            }
            f(i);
        }
    }
}

/// Entities ahead of the one being scored whose memory is asked for, one level of pointers
/// each: the entity, its names, their word lists, the words.
const PREFETCH_STAGES: usize = 4;

/// Ask the processor for one level of the memory that scoring entity `i` reads, `stage`
/// entities ahead of it: 4, the entity itself; 3, its names; 2, each name's word and join
/// lists; 1, the word analyses (shared across the lists, so they lie scattered in memory, and
/// comparing two words reads each one's letter set and text first). Each stage reads only what
/// the stage before brought in. A hint: no result changes.
fn prefetch_stage(prepared: &[PreparedEntity], i: usize, stage: usize) {
    let Some(p) = prepared.get(i) else { return };
    match stage {
        4 => prefetch_lines(p, lines_of::<PreparedEntity>()),
        3 => p
            .names()
            .for_each(|(_, _, name)| prefetch_lines(name, lines_of::<AnalyzedName>())),
        2 => p.names().for_each(|(_, _, name)| {
            if let Some(t) = name.tokens.first() {
                prefetch_at(t);
            }
            if let Some(j) = name.joined.first() {
                prefetch_at(j);
            }
        }),
        _ => p.names().for_each(|(_, _, name)| {
            for t in &name.tokens {
                prefetch_at(&t.chars);
                prefetch_at(&t.text);
            }
        }),
    }
}

/// The cache lines of a value of type `T`, at most (it may straddle one more).
const fn lines_of<T>() -> usize {
    std::mem::size_of::<T>().div_ceil(64)
}

/// Candidates scored beyond the first cut of a query that holds a match: only their matches
/// join the results.
struct MoreMatches<'a> {
    screener: &'a Screener,
    pq: &'a PreparedQuery,
    threshold: f64,
    scored: HashSet<usize>,
    results: Vec<(usize, Scored)>,
}

impl MoreMatches<'_> {
    /// Score the candidates not scored yet; whether any of them matches.
    fn score(&mut self, candidates: impl Iterator<Item = usize>) -> bool {
        let mut found = false;
        let screener = self.screener;
        screener.each_prefetched(candidates, |i| {
            if self.scored.insert(i) {
                let s = scored(self.pq, &screener.prepared[i]);
                if is_match(s.score, self.threshold) {
                    found = true;
                    self.results.push((i, s));
                }
            }
        });
        found
    }
}

/// Scores are shown, ranked and decided at three decimals.
fn rounded(score: f64) -> f64 {
    (score * 1000.0).round() / 1000.0
}

/// Whether a score raises an alert: decided on the shown (rounded) score, everywhere.
fn is_match(score: f64, threshold: f64) -> bool {
    rounded(score) >= threshold
}

/// The key of an identifier in `Screener::by_identifier`.
fn id_hash(kind: IdKind, value: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(value.as_bytes(), kind as u64)
}
