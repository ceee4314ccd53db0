//! yente-compatible routes: `/match/{dataset}`, `/search/{dataset}`, `/entities/{id}`,
//! `/algorithms`, `/catalog`. Shapes follow yente; see the README ("HTTP service") for where
//! Interdict differs and why.

use crate::engine::{DEFAULT_COLLECTION, Engine, SANCTIONS_COLLECTION};
use crate::error::{ApiError, ApiJson, ErrorResponse};
use crate::limits::Deadline;
use crate::query::{EntityExample, Params, from_example, parse_schema};
use crate::render::{self, EntityResponse, Filters, ScoredEntityResponse};
use crate::state::{AppState, UpdateStatus};
use axum::Json;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use interdict_matching::{ALGORITHM, DEFAULT_THRESHOLD};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Algorithm names yente clients send; all are answered by Interdict's matcher.
pub const ALGORITHM_NAMES: [&str; 13] = [
    ALGORITHM,
    "best",
    "default",
    "logic-v1",
    "logic-v2",
    "name-based",
    "name-qualified",
    "regression-v1",
    "regression-v2",
    "regression-v3",
    "ofac",
    "ofac-249",
    "er-unstable",
];

/// `POST /match` body.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct EntityMatchQuery {
    /// Accepted for compatibility; Interdict's feature weights are fixed.
    #[serde(default)]
    pub weights: BTreeMap<String, f64>,
    /// Accepted for compatibility; ignored.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub config: BTreeMap<String, serde_json::Value>,
    /// Example entities by a key of the caller's choice.
    pub queries: BTreeMap<String, EntityExample>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TotalSpec {
    pub value: usize,
    /// `eq`, or `gte` when there may be more.
    pub relation: String,
}

impl TotalSpec {
    fn of(s: &render::Screened) -> TotalSpec {
        TotalSpec {
            value: s.total,
            relation: if s.exact { "eq" } else { "gte" }.into(),
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EntityMatches {
    pub status: u16,
    pub results: Vec<ScoredEntityResponse>,
    pub total: TotalSpec,
    pub query: EntityExample,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FeatureDoc {
    pub description: Option<String>,
    pub coefficient: f64,
    pub url: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct EntityMatchResponse {
    pub responses: BTreeMap<String, EntityMatches>,
    pub matcher: BTreeMap<String, FeatureDoc>,
    pub limit: usize,
    /// The index answered from (manifest hash).
    pub index_version: String,
}

fn feature_docs() -> BTreeMap<String, FeatureDoc> {
    let url = "https://github.com/interdict/interdict#matching".to_string();
    [
        ("name", 1.0, "Similarity of the best-aligned query and listed name pair (romanisations, sound-alikes, token alignment)."),
        ("identifier", 1.0, "An equal strong identifier (IMO, passport with country, INN, ...) raises the score to 0.99."),
        ("identifier_mismatch", -0.2, "A different identifier of the same kind."),
        ("birth_date", -0.2, "A birth date that fits no listed one."),
        ("country", -0.08, "No country in common."),
        ("schema", 0.9, "A person compared with a record whose kind the list did not state (x0.9); incompatible schemas score 0."),
    ]
    .into_iter()
    .map(|(n, c, d)| {
        (
            n.to_string(),
            FeatureDoc {
                description: Some(d.to_string()),
                coefficient: c,
                url: url.clone(),
            },
        )
    })
    .collect()
}

/// Check an `algorithm` parameter.
pub fn check_algorithm(p: &Params) -> Result<(), ApiError> {
    match p.get("algorithm")? {
        None => Ok(()),
        Some(a) if ALGORITHM_NAMES.contains(&a) => Ok(()),
        Some(a) => Err(ApiError::bad_request(format!(
            "unknown algorithm `{a}` (accepted: {})",
            ALGORITHM_NAMES.join(", ")
        ))),
    }
}

/// The dataset scope of a path, 404 when unknown.
pub fn scope_filters(engine: &Engine, dataset: &str) -> Result<Filters, ApiError> {
    engine
        .scope(dataset)
        .map(Filters::scope)
        .ok_or_else(|| ApiError::not_found(format!("unknown dataset `{dataset}`; see /catalog")))
}

/// yente's filter parameters on top of a scope.
fn add_filters(engine: &Engine, f: &mut Filters, p: &Params) -> Result<(), ApiError> {
    f.include = p.all_nonempty("include_dataset");
    f.exclude = p.all_nonempty("exclude_dataset");
    f.topics = p.all_nonempty("topics");
    f.exclude_schema = p
        .all("exclude_schema")
        .iter()
        .map(|s| parse_schema(s))
        .collect::<Result<_, _>>()?;
    f.exclude_entities = p
        .all_nonempty("exclude_entity_ids")
        .iter()
        .filter_map(|id| engine.resolve(id))
        .collect();
    Ok(())
}

/// `limit`, brought into 1..=max_limit (as yente does with its page limits).
fn limit_param(state: &AppState, p: &Params, default: usize) -> Result<usize, ApiError> {
    let limit = p.count("limit")?.unwrap_or(default);
    Ok(limit.clamp(1, state.config.max_limit))
}

fn unit_param(p: &Params, key: &str, default: f64) -> Result<f64, ApiError> {
    let v = p.num::<f64>(key)?.unwrap_or(default);
    if !(0.0..=1.0).contains(&v) {
        return Err(ApiError::bad_request(format!(
            "`{key}` must be between 0 and 1"
        )));
    }
    Ok(v)
}

/// Run CPU-bound work off the async workers.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

/// Query-by-example matching, yente's `/match`.
#[utoipa::path(post, path = "/match/{dataset}", tag = "yente",
    params(
        ("dataset" = String, Path, description = "A dataset (see /catalog), `default` or `sanctions`"),
        ("limit" = Option<usize>, Query, description = "Results per query (default 5)"),
        ("threshold" = Option<f64>, Query, minimum = 0.0, maximum = 1.0, description = "Score at or above which `match` is true (default 0.75)"),
        ("cutoff" = Option<f64>, Query, minimum = 0.0, maximum = 1.0, description = "Results below this score are left out (default 0)"),
        ("algorithm" = Option<String>, Query, description = "Any yente algorithm name; all use Interdict's matcher"),
        ("include_dataset" = Option<Vec<String>>, Query, description = "Only entities listed in these datasets"),
        ("exclude_dataset" = Option<Vec<String>>, Query, description = "Leave out entities listed only in these datasets"),
        ("exclude_schema" = Option<Vec<crate::query::QuerySchema>>, Query, description = "Leave out these schemas"),
        ("topics" = Option<Vec<String>>, Query, description = "Only entities with one of these topics (e.g. `sanction`)"),
        ("exclude_entity_ids" = Option<Vec<String>>, Query, description = "Leave out these entities (canonical or member ids; no cap)"),
        ("changed_since" = Option<String>, Query, description = "Accepted for compatibility; ignored"),
        ("fuzzy" = Option<bool>, Query, description = "Accepted for compatibility; ignored"),
    ),
    request_body = EntityMatchQuery,
    responses(
        (status = 200, body = EntityMatchResponse),
        (status = 400, body = ErrorResponse, description = "Malformed body, unknown schema or bad parameter"),
        (status = 404, body = ErrorResponse, description = "Unknown dataset"),
        (status = 413, body = ErrorResponse), (status = 503, body = ErrorResponse, description = "Index not loaded or time limit"),
        (status = 500, body = ErrorResponse, description = "A listed record cannot be read from the snapshot"),
    ))]
pub async fn match_entities(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
    Extension(deadline): Extension<Deadline>,
    ApiJson(body): ApiJson<EntityMatchQuery>,
) -> Result<Json<EntityMatchResponse>, ApiError> {
    let p = Params::from_raw(raw.as_deref());
    let engine = state.engine()?;
    let mut filters = scope_filters(&engine, &dataset)?;
    add_filters(&engine, &mut filters, &p)?;
    check_algorithm(&p)?;
    p.flag("fuzzy")?;
    let limit = limit_param(&state, &p, 5)?;
    let threshold = unit_param(&p, "threshold", DEFAULT_THRESHOLD)?;
    let cutoff = unit_param(&p, "cutoff", 0.0)?;
    if body.queries.is_empty() {
        return Err(ApiError::bad_request("no queries provided"));
    }
    if body.queries.len() > state.config.max_queries {
        return Err(ApiError::bad_request(format!(
            "too many queries in one request (limit: {})",
            state.config.max_queries
        )));
    }
    let queries = body
        .queries
        .into_iter()
        .map(|(k, ex)| from_example(&ex).map(|q| (k, ex, q)))
        .collect::<Result<Vec<_>, _>>()?;
    let responses = blocking(move || {
        let mut responses = BTreeMap::new();
        for (key, example, q) in queries {
            deadline.check()?;
            let found = render::screen(&engine, &q, limit, threshold, cutoff, &filters, false);
            let results = found
                .hits
                .iter()
                .map(|h| render::scored(&engine, h))
                .collect::<Result<_, _>>()?;
            responses.insert(
                key,
                EntityMatches {
                    status: 200,
                    results,
                    total: TotalSpec::of(&found),
                    query: example,
                },
            );
        }
        Ok((responses, engine.version.clone()))
    })
    .await?;
    Ok(Json(EntityMatchResponse {
        responses: responses.0,
        matcher: feature_docs(),
        limit,
        index_version: responses.1,
    }))
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SearchResponse {
    pub limit: usize,
    pub offset: usize,
    pub total: TotalSpec,
    pub results: Vec<EntityResponse>,
    #[schema(value_type = Object)]
    pub facets: BTreeMap<String, serde_json::Value>,
}

/// Name search, yente's `/search` (results ranked by the matcher's name score).
#[utoipa::path(get, path = "/search/{dataset}", tag = "yente",
    params(
        ("dataset" = String, Path, description = "A dataset, `default` or `sanctions`"),
        ("q" = Option<String>, Query, description = "Name to search for; empty lists entities"),
        ("schema" = Option<crate::query::QuerySchema>, Query, description = "Schema of the query"),
        ("limit" = Option<usize>, Query), ("offset" = Option<usize>, Query, maximum = 10000),
        ("include_dataset" = Option<Vec<String>>, Query), ("exclude_dataset" = Option<Vec<String>>, Query),
        ("topics" = Option<Vec<String>>, Query),
    ),
    responses(
        (status = 200, body = SearchResponse),
        (status = 400, body = ErrorResponse), (status = 404, body = ErrorResponse),
        (status = 503, body = ErrorResponse),
        (status = 500, body = ErrorResponse, description = "A listed record cannot be read from the snapshot"),
    ))]
pub async fn search(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SearchResponse>, ApiError> {
    let p = Params::from_raw(raw.as_deref());
    let engine = state.engine()?;
    let mut filters = scope_filters(&engine, &dataset)?;
    add_filters(&engine, &mut filters, &p)?;
    let limit = limit_param(&state, &p, 10)?;
    let offset = p.count("offset")?.unwrap_or(0);
    if offset > 10_000 {
        return Err(ApiError::bad_request("`offset` must be at most 10000"));
    }
    let schema = p.get("schema")?.map(parse_schema).transpose()?;
    let q = p.get("q")?.unwrap_or("").trim().to_string();
    blocking(move || {
        let (ids, total): (Vec<usize>, TotalSpec) = if q.is_empty() {
            let all: Vec<usize> = (0..engine.entities())
                .filter(|&i| filters.passes(&engine, i))
                .filter(|&i| {
                    schema.is_none_or(|s| s.compatible(engine.screener.entities[i].schema))
                })
                .collect();
            let total = TotalSpec {
                value: all.len(),
                relation: "eq".into(),
            };
            (all.into_iter().skip(offset).take(limit).collect(), total)
        } else {
            let query = interdict_matching::Query {
                schema,
                names: vec![q],
                ..Default::default()
            };
            let found = render::screen(
                &engine,
                &query,
                offset.saturating_add(limit),
                1.0,
                0.0,
                &filters,
                false,
            );
            let total = TotalSpec::of(&found);
            (
                found.hits.iter().skip(offset).map(|h| h.entity).collect(),
                total,
            )
        };
        Ok(Json(SearchResponse {
            limit,
            offset,
            total,
            results: ids
                .into_iter()
                .map(|i| render::entity(&engine, i))
                .collect::<Result<_, _>>()?,
            facets: BTreeMap::new(),
        }))
    })
    .await
}

/// Percent-encode an id for a path segment.
fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// One entity by canonical id; a member record's id redirects (308) to its entity.
#[utoipa::path(get, path = "/entities/{id}", tag = "yente",
    params(("id" = String, Path, description = "Canonical entity id or a member record id")),
    responses(
        (status = 200, body = EntityResponse),
        (status = 308, description = "Redirect to the canonical entity"),
        (status = 404, body = ErrorResponse), (status = 503, body = ErrorResponse),
        (status = 500, body = ErrorResponse, description = "A listed record cannot be read from the snapshot"),
    ))]
pub async fn entity(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let engine = state.engine()?;
    match engine.lookup(&id) {
        Ok(i) => Ok(Json(render::entity(&engine, i)?).into_response()),
        Err(Some(canonical)) => Ok(Redirect::permanent(&format!(
            "/entities/{}",
            encode_segment(canonical)
        ))
        .into_response()),
        Err(None) => Err(ApiError::not_found(format!("no entity with id `{id}`"))),
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Algorithm {
    pub name: String,
    pub description: Option<String>,
    pub features: BTreeMap<String, FeatureDoc>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AlgorithmResponse {
    pub algorithms: Vec<Algorithm>,
    pub default: String,
    pub best: String,
    /// Every `algorithm` value accepted (yente's names map to Interdict's matcher).
    pub accepted: Vec<String>,
}

/// The matcher and the algorithm names accepted.
#[utoipa::path(get, path = "/algorithms", tag = "yente",
    responses((status = 200, body = AlgorithmResponse)))]
pub async fn algorithms() -> Json<AlgorithmResponse> {
    Json(AlgorithmResponse {
        algorithms: vec![Algorithm {
            name: ALGORITHM.into(),
            description: Some("Interdict's name matcher with identifier, birth date and country adjustments; explanations per feature.".into()),
            features: feature_docs(),
        }],
        default: ALGORITHM.into(),
        best: ALGORITHM.into(),
        accepted: ALGORITHM_NAMES.iter().map(|s| s.to_string()).collect(),
    })
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DatasetModel {
    pub name: String,
    pub title: String,
    pub summary: Option<String>,
    pub load: bool,
    /// The list date of the newest source, else its import time.
    pub version: String,
    pub index_version: Option<String>,
    pub index_current: bool,
    pub children: Vec<String>,
    /// Active source records.
    pub records: usize,
    /// Source paths and formats.
    pub sources: Vec<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct DataCatalogModel {
    pub datasets: Vec<DatasetModel>,
    pub current: Vec<String>,
    pub outdated: Vec<String>,
    pub index_stale: bool,
    /// Load and update status: a failed update says why here.
    pub update: UpdateStatus,
    pub index_version: Option<String>,
    pub entities: usize,
}

/// Datasets and collections, the index version, and the last update's outcome.
#[utoipa::path(get, path = "/catalog", tag = "yente",
    responses((status = 200, body = DataCatalogModel)))]
pub async fn catalog(State(state): State<Arc<AppState>>) -> Json<DataCatalogModel> {
    let update = state.status().clone();
    let Some(engine) = state.current() else {
        return Json(DataCatalogModel {
            datasets: Vec::new(),
            current: Vec::new(),
            outdated: Vec::new(),
            index_stale: true,
            update,
            index_version: None,
            entities: 0,
        });
    };
    let v = Some(engine.version.clone());
    let mut datasets: Vec<DatasetModel> = engine
        .datasets
        .values()
        .map(|d| DatasetModel {
            name: d.name.clone(),
            title: d.name.clone(),
            summary: None,
            load: true,
            version: d.list_date.clone().unwrap_or_else(|| d.imported_at.clone()),
            index_version: v.clone(),
            index_current: true,
            children: Vec::new(),
            records: d.records,
            sources: d
                .sources
                .iter()
                .map(|(k, f)| format!("{k} [{f}]"))
                .collect(),
        })
        .collect();
    for (name, title, pick) in [
        (DEFAULT_COLLECTION, "All imported lists", false),
        (
            SANCTIONS_COLLECTION,
            "Lists whose records carry sanctions",
            true,
        ),
    ] {
        let children: Vec<&crate::engine::DatasetInfo> = engine
            .datasets
            .values()
            .filter(|d| !pick || d.sanctions)
            .collect();
        datasets.push(DatasetModel {
            name: name.into(),
            title: title.into(),
            summary: None,
            load: true,
            version: engine.version.clone(),
            index_version: v.clone(),
            index_current: true,
            children: children.iter().map(|d| d.name.clone()).collect(),
            records: children.iter().map(|d| d.records).sum(),
            sources: Vec::new(),
        });
    }
    let current = datasets.iter().map(|d| d.name.clone()).collect();
    Json(DataCatalogModel {
        datasets,
        current,
        outdated: Vec::new(),
        index_stale: false,
        update,
        index_version: v,
        entities: engine.entities(),
    })
}
