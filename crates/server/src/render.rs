//! Screening with yente's filters, and the entity shapes of the responses (yente's
//! `EntityResponse` / `ScoredEntityResponse`: FtM properties merged over the member records).

use crate::engine::{Engine, Scope};
use crate::error::ApiError;
use interdict_index::Hit;
use interdict_matching::Query;
use interdict_model::{Schema, ftm};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Which entities a request may return.
#[derive(Debug, Clone)]
pub struct Filters {
    pub scope: Scope,
    /// Only entities with a member from one of these datasets.
    pub include: Vec<String>,
    /// Entities whose every in-scope member comes from these datasets are left out.
    pub exclude: Vec<String>,
    pub exclude_schema: Vec<Schema>,
    /// Only entities with one of these topics (`sanction`, or FtM `topics` values).
    pub topics: Vec<String>,
    /// Entity indices left out (from canonical or member record ids).
    pub exclude_entities: HashSet<usize>,
}

impl Filters {
    pub fn scope(scope: Scope) -> Filters {
        Filters {
            scope,
            include: Vec::new(),
            exclude: Vec::new(),
            exclude_schema: Vec::new(),
            topics: Vec::new(),
            exclude_entities: HashSet::new(),
        }
    }

    pub fn passes(&self, engine: &Engine, entity: usize) -> bool {
        let e = &engine.screener.entities[entity];
        let in_scope: Vec<&str> = e
            .datasets
            .iter()
            .map(String::as_str)
            .filter(|d| self.scope.contains(d))
            .collect();
        if in_scope.is_empty() || self.exclude_entities.contains(&entity) {
            return false;
        }
        if !self.include.is_empty() && !in_scope.iter().any(|d| self.include.iter().any(|i| i == d))
        {
            return false;
        }
        if !self.exclude.is_empty() && in_scope.iter().all(|d| self.exclude.iter().any(|x| x == d))
        {
            return false;
        }
        if self.exclude_schema.contains(&e.schema) {
            return false;
        }
        if !self.topics.is_empty() {
            let t = engine.topics(entity);
            if !self.topics.iter().any(|x| t.contains(x)) {
                return false;
            }
        }
        true
    }
}

/// Ranked results of one query within the filters.
pub struct Screened {
    /// The best `limit` hits scoring at least the cutoff.
    pub hits: Vec<Hit>,
    /// How many results were found (at least this many when `exact` is false).
    pub total: usize,
    pub exact: bool,
}

impl Filters {
    /// True when nothing but the full scope is asked for.
    fn trivial(&self) -> bool {
        matches!(self.scope, Scope::All)
            && self.include.is_empty()
            && self.exclude.is_empty()
            && self.exclude_schema.is_empty()
            && self.topics.is_empty()
            && self.exclude_entities.is_empty()
    }
}

/// Rank entities for a query within the filters. The screener explains only the hits it
/// returns, so it is asked for a few more than `limit` when filters may drop some, and for all
/// only when that was not enough.
pub fn screen(
    engine: &Engine,
    query: &Query,
    limit: usize,
    threshold: f64,
    cutoff: f64,
    filters: &Filters,
    exhaustive: bool,
) -> Screened {
    let keep = |h: &Hit| h.score >= cutoff && filters.passes(engine, h.entity);
    let mut fetch = if filters.trivial() {
        limit
    } else {
        limit.saturating_mul(4).max(limit.saturating_add(20))
    };
    loop {
        let mut hits = engine
            .screener
            .screen_full(query, fetch, threshold, true, exhaustive);
        let complete = hits.len() < fetch;
        hits.retain(keep);
        if complete || hits.len() >= limit || fetch == usize::MAX {
            let total = hits.len();
            hits.truncate(limit);
            return Screened {
                hits,
                total,
                exact: complete,
            };
        }
        fetch = usize::MAX;
    }
}

/// An entity as yente returns it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EntityResponse {
    /// Canonical entity id (a record id for an entity listed once).
    pub id: String,
    pub caption: String,
    #[schema(example = "Person")]
    pub schema: String,
    /// FtM properties, merged over the member records.
    pub properties: BTreeMap<String, Vec<String>>,
    /// Datasets of the member records.
    pub datasets: Vec<String>,
    /// Ids of the member records.
    pub referents: Vec<String>,
    /// True when a member record is a sanctions listing.
    pub target: bool,
}

/// One feature's part of a score, yente's `FeatureResult` plus its weight.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FeatureResult {
    pub score: f64,
    pub weight: f64,
    pub detail: Option<String>,
    pub query: Option<String>,
    pub candidate: Option<String>,
}

/// A ranked result as yente returns it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ScoredEntityResponse {
    pub id: String,
    pub caption: String,
    #[schema(example = "Person")]
    pub schema: String,
    pub properties: BTreeMap<String, Vec<String>>,
    pub datasets: Vec<String>,
    pub referents: Vec<String>,
    pub target: bool,
    /// 0 to 1; see `/algorithms`.
    pub score: f64,
    /// Score at or above the threshold.
    #[serde(rename = "match")]
    pub is_match: bool,
    /// Feature name to its contribution.
    pub features: BTreeMap<String, f64>,
    /// Feature name to its explanation.
    pub explanations: BTreeMap<String, FeatureResult>,
}

/// An entity with the properties of its member records (read from the snapshot file: an
/// unreadable record is a server error, not a partial answer).
pub fn entity(engine: &Engine, i: usize) -> Result<EntityResponse, ApiError> {
    let e = &engine.screener.entities[i];
    let mut properties: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut target = false;
    for r in engine.screener.members(i) {
        let r = r?;
        target |= !r.sanctions.is_empty();
        for (k, v) in ftm::properties(&r) {
            let slot = properties.entry(k).or_default();
            for s in v
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x.as_str())
            {
                if !slot.iter().any(|x| x == s) {
                    slot.push(s.to_string());
                }
            }
        }
    }
    Ok(EntityResponse {
        id: e.id.clone(),
        caption: engine.screener.caption(i).to_string(),
        schema: e.schema.as_str().to_string(),
        properties,
        datasets: e.datasets.clone(),
        referents: e.referents.clone(),
        target,
    })
}

pub fn scored(engine: &Engine, h: &Hit) -> Result<ScoredEntityResponse, ApiError> {
    let e = entity(engine, h.entity)?;
    let mut features = BTreeMap::new();
    let mut explanations = BTreeMap::new();
    for x in &h.explanations {
        if features.contains_key(&x.feature) {
            continue;
        }
        features.insert(x.feature.clone(), x.score);
        explanations.insert(
            x.feature.clone(),
            FeatureResult {
                score: x.score,
                weight: x.weight,
                detail: (!x.detail.is_empty()).then(|| x.detail.clone()),
                query: None,
                candidate: None,
            },
        );
    }
    Ok(ScoredEntityResponse {
        id: e.id,
        caption: e.caption,
        schema: e.schema,
        properties: e.properties,
        datasets: e.datasets,
        referents: e.referents,
        target: e.target,
        score: h.score,
        is_match: h.is_match,
        features,
        explanations,
    })
}
