//! Screening a query against every loaded entity: identifier lookups and name-index candidates,
//! then the full matcher score on the best candidates, ranked.

use crate::NameIndex;
use interdict_matching::{MatchResult, PreparedEntity, PreparedQuery, Query, score};
use interdict_model::{CanonicalEntity, IdKind, Record};
use serde::Serialize;
use std::collections::HashMap;

/// How many name candidates get the full score.
pub const DEFAULT_CANDIDATES: usize = 100;

/// The entities to screen against, prepared and indexed once.
pub struct Screener {
    pub records: Vec<Record>,
    pub entities: Vec<CanonicalEntity>,
    prepared: Vec<PreparedEntity>,
    index: NameIndex,
    by_identifier: HashMap<(IdKind, String), Vec<usize>>,
    /// Name candidates scored per query.
    pub candidates: usize,
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
    pub fn new(records: Vec<Record>, entities: Vec<CanonicalEntity>) -> Self {
        use rayon::prelude::*;
        let prepared: Vec<PreparedEntity> = entities
            .par_iter()
            .map(|e| {
                let members: Vec<&Record> = e.members.iter().map(|&i| &records[i]).collect();
                PreparedEntity::new(e.schema, &members)
            })
            .collect();
        let index = NameIndex::build(
            prepared
                .par_iter()
                .map(|p| p.names().map(|(_, _, a)| a).collect()),
        );
        let mut by_identifier: HashMap<(IdKind, String), Vec<usize>> = HashMap::new();
        for (i, p) in prepared.iter().enumerate() {
            for (k, n) in p.identifier_keys() {
                let slot = by_identifier.entry((k, n.to_string())).or_default();
                if slot.last() != Some(&i) {
                    slot.push(i);
                }
            }
        }
        Screener {
            records,
            entities,
            prepared,
            index,
            by_identifier,
            candidates: DEFAULT_CANDIDATES,
        }
    }

    /// Member records of an entity.
    pub fn members(&self, entity: usize) -> impl Iterator<Item = &Record> {
        self.entities[entity]
            .members
            .iter()
            .map(|&i| &self.records[i])
    }

    /// The entity's caption: the primary name of its first member.
    pub fn caption(&self, entity: usize) -> &str {
        self.members(entity).next().map_or("", |r| r.caption())
    }

    pub fn index(&self) -> &NameIndex {
        &self.index
    }

    /// Rank entities for a query using the index; at most `limit` hits with score > 0, best first.
    pub fn screen(&self, query: &Query, limit: usize, threshold: f64) -> Vec<Hit> {
        let pq = PreparedQuery::new(query.clone());
        let mut candidates: Vec<usize> = self
            .index
            .candidates(pq.names(), self.candidates)
            .into_iter()
            .map(|e| e as usize)
            .collect();
        for id in &query.identifiers {
            if let Some(list) = self.by_identifier.get(&(id.kind, id.normalized())) {
                candidates.extend(list);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let results = candidates
            .into_iter()
            .map(|i| (i, score(&pq, &self.prepared[i])));
        rank(results, limit, threshold)
    }

    /// Rank by scoring every entity (no index): the reference the index is checked against.
    pub fn screen_brute_force(&self, query: &Query, limit: usize, threshold: f64) -> Vec<Hit> {
        let pq = PreparedQuery::new(query.clone());
        let results = self
            .prepared
            .iter()
            .enumerate()
            .map(|(i, p)| (i, score(&pq, p)));
        rank(results, limit, threshold)
    }
}

fn rank(
    results: impl Iterator<Item = (usize, MatchResult)>,
    limit: usize,
    threshold: f64,
) -> Vec<Hit> {
    let mut hits: Vec<Hit> = results
        .filter(|(_, r)| r.score > 0.0)
        .map(|(i, r)| {
            // The shown score and the match flag must agree: decide on the rounded score.
            let score = (r.score * 1000.0).round() / 1000.0;
            Hit {
                entity: i,
                score,
                is_match: score >= threshold,
                explanations: r.explanations,
            }
        })
        .collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
    hits.truncate(limit);
    hits
}
