//! Screening a query against every loaded entity: identifier lookups first, then name scoring of
//! every compatible entity, ranked.

use crate::score::{MatchResult, PreparedEntity, PreparedQuery, Query, score};
use interdict_model::{CanonicalEntity, IdKind, Record};
use serde::Serialize;
use std::collections::HashMap;

/// The entities to screen against, prepared once.
pub struct Screener {
    pub records: Vec<Record>,
    pub entities: Vec<CanonicalEntity>,
    prepared: Vec<PreparedEntity>,
    by_identifier: HashMap<(IdKind, String), Vec<usize>>,
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
    pub explanations: Vec<crate::Explanation>,
}

impl Screener {
    pub fn new(records: Vec<Record>, entities: Vec<CanonicalEntity>) -> Self {
        let prepared: Vec<PreparedEntity> = entities
            .iter()
            .map(|e| {
                let members: Vec<&Record> = e.members.iter().map(|&i| &records[i]).collect();
                PreparedEntity::new(e.schema, &members)
            })
            .collect();
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
            by_identifier,
        }
    }

    /// Member records of an entity.
    pub fn members(&self, entity: usize) -> impl Iterator<Item = &Record> {
        self.entities[entity].members.iter().map(|&i| &self.records[i])
    }

    /// The entity's caption: the primary name of its first member.
    pub fn caption(&self, entity: usize) -> &str {
        self.members(entity).next().map_or("", |r| r.caption())
    }

    /// Rank entities for a query; returns at most `limit` hits with score > 0, best first.
    pub fn screen(&self, query: &Query, limit: usize, threshold: f64) -> Vec<Hit> {
        let pq = PreparedQuery::new(query.clone());
        let q = &pq;
        let mut candidates: Vec<usize> = Vec::new();
        for id in &query.identifiers {
            if let Some(list) = self.by_identifier.get(&(id.kind, id.normalized())) {
                candidates.extend(list);
            }
        }
        let results: Vec<(usize, MatchResult)> = if query.names.is_empty() {
            candidates.sort_unstable();
            candidates.dedup();
            candidates
                .into_iter()
                .map(|i| (i, score(q, &self.prepared[i])))
                .collect()
        } else {
            self.prepared
                .iter()
                .enumerate()
                .map(|(i, p)| (i, score(q, p)))
                .collect()
        };
        let mut hits: Vec<Hit> = results
            .into_iter()
            .filter(|(_, r)| r.score > 0.0)
            .map(|(i, r)| Hit {
                entity: i,
                score: (r.score * 1000.0).round() / 1000.0,
                is_match: r.score >= threshold,
                explanations: r.explanations,
            })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entity.cmp(&b.entity)));
        hits.truncate(limit);
        hits
    }
}
