//! The OpenRefine reconciliation API (version 0.2) at `/reconcile/{dataset}`: the service
//! manifest, queries (form field `queries` or a JSON body; also `GET ?queries=`), and suggest
//! services for entities, types and properties.

use crate::error::{ApiError, ErrorResponse};
use crate::limits::Deadline;
use crate::query::{EntityExample, Params, QUERY_SCHEMAS, from_example};
use crate::render::{self, Filters};
use crate::routes::yente::{blocking, check_algorithm, scope_filters};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use interdict_matching::DEFAULT_THRESHOLD;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;

/// FtM properties a reconciliation query may use (and `suggest/property` offers).
const PROPERTIES: [(&str, &str); 20] = [
    ("name", "Name"),
    ("alias", "Other name"),
    ("firstName", "First name"),
    ("lastName", "Last name"),
    ("birthDate", "Birth date"),
    ("nationality", "Nationality"),
    ("citizenship", "Citizenship"),
    ("country", "Country"),
    ("jurisdiction", "Jurisdiction"),
    ("address", "Address"),
    ("passportNumber", "Passport number"),
    ("idNumber", "ID number"),
    ("taxNumber", "Tax number"),
    ("registrationNumber", "Registration number"),
    ("innCode", "INN"),
    ("ogrnCode", "OGRN"),
    ("leiCode", "LEI"),
    ("swiftBic", "SWIFT/BIC"),
    ("imoNumber", "IMO number"),
    ("mmsi", "MMSI"),
];

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RefineType {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RefineCandidate {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    #[serde(rename = "type")]
    pub types: Vec<RefineType>,
    pub score: f64,
    #[serde(rename = "match")]
    pub is_match: bool,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct RefineResult {
    pub result: Vec<RefineCandidate>,
}

/// A property constraint of a reconciliation query.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RefineProperty {
    /// FtM property name (`birthDate`, `nationality`, ...; `Person:birthDate` also accepted).
    pub pid: String,
    /// A string, a number, a list of strings, or `{"id": string}`.
    #[schema(value_type = Object)]
    pub v: Value,
}

/// One reconciliation query.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RefineQuery {
    #[serde(default)]
    pub query: Option<String>,
    #[serde(default, rename = "type")]
    #[schema(value_type = Option<crate::query::QuerySchema>)]
    pub schema: Option<Value>,
    #[serde(default, deserialize_with = "crate::query::de_count")]
    pub limit: Option<usize>,
    #[serde(default)]
    pub properties: Vec<RefineProperty>,
}

fn types(schema: &str) -> Vec<RefineType> {
    vec![RefineType {
        id: schema.to_string(),
        name: schema.to_string(),
    }]
}

fn base_url(headers: &HeaderMap, dataset: &str) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}/reconcile/{dataset}")
}

/// The service manifest, or answers to `?queries=` (GET form of the query call).
#[utoipa::path(get, path = "/reconcile/{dataset}", tag = "reconciliation",
    params(("dataset" = String, Path)),
    responses((status = 200, description = "Service manifest (with `?queries=JSON`: results by query key, as POST)", body = Object),
        (status = 400, body = ErrorResponse), (status = 404, body = ErrorResponse), (status = 503, body = ErrorResponse)))]
pub async fn manifest_or_queries(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
    Extension(deadline): Extension<Deadline>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let p = Params::from_raw(raw.as_deref());
    let engine = state.engine()?;
    scope_filters(&engine, &dataset)?;
    if let Some(q) = p.get("queries")? {
        return run(state, dataset, q.to_string(), &p, deadline).await;
    }
    let base = base_url(&headers, &dataset);
    let root = base
        .trim_end_matches(&format!("/reconcile/{dataset}"))
        .to_string();
    Ok(Json(json!({
        "versions": ["0.2"],
        "name": format!("Interdict ({dataset})"),
        "identifierSpace": format!("{root}/entities/"),
        "schemaSpace": "https://followthemoney.tech/explorer/schemata/",
        "view": {"url": format!("{root}/entities/{{{{id}}}}")},
        "batchSize": 50,
        "defaultTypes": QUERY_SCHEMAS.iter().map(|s| json!({"id": s, "name": s})).collect::<Vec<_>>(),
        "suggest": {
            "entity": {"service_url": base, "service_path": "/suggest/entity"},
            "type": {"service_url": base, "service_path": "/suggest/type"},
            "property": {"service_url": base, "service_path": "/suggest/property"},
        },
    }))
    .into_response())
}

/// Reconciliation queries: form field `queries` (JSON), or the JSON object as the body.
#[utoipa::path(post, path = "/reconcile/{dataset}", tag = "reconciliation",
    params(("dataset" = String, Path)),
    request_body(content = BTreeMap<String, RefineQuery>, content_type = "application/json",
        description = "Queries by key. OpenRefine sends the same JSON as the form field `queries` (application/x-www-form-urlencoded), also accepted."),
    responses((status = 200, description = "Results by query key", body = BTreeMap<String, RefineResult>),
        (status = 400, body = ErrorResponse), (status = 404, body = ErrorResponse),
        (status = 413, body = ErrorResponse), (status = 503, body = ErrorResponse)))]
pub async fn queries(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
    Extension(deadline): Extension<Deadline>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let p = Params::from_raw(raw.as_deref());
    let text = String::from_utf8_lossy(&body);
    let json = if text.trim_start().starts_with('{') {
        text.into_owned()
    } else {
        Params::from_raw(Some(&text))
            .get("queries")?
            .map(str::to_string)
            .ok_or_else(|| ApiError::bad_request("missing form field `queries`"))?
    };
    run(state, dataset, json, &p, deadline).await
}

async fn run(
    state: Arc<AppState>,
    dataset: String,
    json: String,
    p: &Params,
    deadline: Deadline,
) -> Result<Response, ApiError> {
    check_algorithm(p)?;
    let engine = state.engine()?;
    let filters: Filters = scope_filters(&engine, &dataset)?;
    let malformed =
        |e: String| ApiError::bad_request(format!("malformed reconciliation queries: {e}"));
    let raw: BTreeMap<String, Value> =
        serde_json::from_str(&json).map_err(|e| malformed(e.to_string()))?;
    let mut batch: BTreeMap<String, RefineQuery> = BTreeMap::new();
    for (k, v) in raw {
        if !v.is_object() {
            return Err(malformed(format!("query `{k}` is not an object")));
        }
        batch.insert(
            k,
            serde_json::from_value(v).map_err(|e| malformed(e.to_string()))?,
        );
    }
    if batch.len() > state.config.max_queries {
        return Err(ApiError::bad_request(format!(
            "too many queries in one request (limit: {})",
            state.config.max_queries
        )));
    }
    let max_limit = state.config.max_limit;
    let mut prepared = Vec::new();
    for (key, q) in batch {
        let schema = match &q.schema {
            Some(Value::String(s)) => s.clone(),
            None | Some(Value::Null) => "LegalEntity".into(),
            Some(_) => {
                return Err(malformed(format!(
                    "query `{key}`: `type` must be a schema name"
                )));
            }
        };
        let mut properties: BTreeMap<String, Value> = BTreeMap::new();
        if let Some(n) = q.query.as_deref().filter(|n| !n.trim().is_empty()) {
            properties.insert("name".into(), json!([n]));
        }
        for prop in q.properties {
            let name = prop.pid.rsplit(':').next().unwrap_or(&prop.pid).to_string();
            let values: Vec<Value> = match prop.v {
                Value::Array(a) if a.iter().all(Value::is_string) => a,
                Value::Object(o) if o.get("id").is_some_and(Value::is_string) => {
                    o.get("id").cloned().into_iter().collect()
                }
                Value::String(s) => vec![Value::String(s)],
                Value::Number(n) => vec![Value::String(n.to_string())],
                _ => {
                    return Err(malformed(format!(
                        "query `{key}`: property `{}`: `v` must be a string, a number, a list of strings or {{\"id\": string}}",
                        prop.pid
                    )));
                }
            };
            let slot = properties.entry(name).or_insert_with(|| json!([]));
            if let Value::Array(list) = slot {
                list.extend(values);
            }
        }
        let example = EntityExample {
            id: None,
            schema,
            properties,
        };
        let query = from_example(&example)?;
        let limit = q.limit.unwrap_or(5).clamp(1, max_limit);
        prepared.push((key, query, limit));
    }
    let out = blocking(move || {
        let mut out = BTreeMap::new();
        for (key, query, limit) in prepared {
            deadline.check()?;
            let hits = render::screen(
                &engine,
                &query,
                limit,
                DEFAULT_THRESHOLD,
                0.0,
                &filters,
                false,
            )
            .hits;
            let result = hits
                .iter()
                .map(|h| {
                    let e = &engine.screener.entities[h.entity];
                    RefineCandidate {
                        id: e.id.clone(),
                        name: engine.screener.caption(h.entity).to_string(),
                        description: Some(e.datasets.join(", ")),
                        types: types(e.schema.as_str()),
                        score: h.score,
                        is_match: h.is_match,
                    }
                })
                .collect();
            out.insert(key, RefineResult { result });
        }
        Ok(out)
    })
    .await?;
    Ok(Json(out).into_response())
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct SuggestResponse {
    pub code: String,
    pub status: String,
    pub prefix: String,
    #[schema(value_type = Vec<Object>)]
    pub result: Vec<Value>,
}

fn suggest(prefix: String, result: Vec<Value>) -> Json<SuggestResponse> {
    Json(SuggestResponse {
        code: "/api/status/ok".into(),
        status: "200 OK".into(),
        prefix,
        result,
    })
}

/// Entities whose names match a prefix (ranked by name score).
#[utoipa::path(get, path = "/reconcile/{dataset}/suggest/entity", tag = "reconciliation",
    params(("dataset" = String, Path), ("prefix" = Option<String>, Query), ("limit" = Option<usize>, Query)),
    responses((status = 200, body = SuggestResponse), (status = 400, body = ErrorResponse),
        (status = 404, body = ErrorResponse), (status = 503, body = ErrorResponse)))]
pub async fn suggest_entity(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SuggestResponse>, ApiError> {
    let p = Params::from_raw(raw.as_deref());
    let engine = state.engine()?;
    let filters = scope_filters(&engine, &dataset)?;
    let limit = p
        .count("limit")?
        .unwrap_or(10)
        .clamp(1, state.config.max_limit);
    let prefix = p.get("prefix")?.unwrap_or("").to_string();
    if prefix.trim().is_empty() {
        return Ok(suggest(prefix, Vec::new()));
    }
    blocking(move || {
        let query = interdict_matching::Query {
            names: vec![prefix.clone()],
            ..Default::default()
        };
        let hits = render::screen(&engine, &query, limit, 1.0, 0.0, &filters, false).hits;
        let result = hits
            .iter()
            .map(|h| {
                let e = &engine.screener.entities[h.entity];
                json!({"id": e.id, "name": engine.screener.caption(h.entity),
                       "type": types(e.schema.as_str()), "description": e.datasets.join(", ")})
            })
            .collect();
        Ok(suggest(prefix, result))
    })
    .await
}

fn prefix_matches(prefix: &str, id: &str, label: &str) -> bool {
    let p = prefix.trim().to_lowercase();
    p.is_empty() || id.to_lowercase().contains(&p) || label.to_lowercase().contains(&p)
}

/// Schemas matching a prefix.
#[utoipa::path(get, path = "/reconcile/{dataset}/suggest/type", tag = "reconciliation",
    params(("dataset" = String, Path), ("prefix" = Option<String>, Query)),
    responses((status = 200, body = SuggestResponse), (status = 404, body = ErrorResponse),
        (status = 503, body = ErrorResponse)))]
pub async fn suggest_type(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SuggestResponse>, ApiError> {
    let p = Params::from_raw(raw.as_deref());
    let engine = state.engine()?;
    scope_filters(&engine, &dataset)?;
    let prefix = p.get("prefix")?.unwrap_or("").to_string();
    let result = QUERY_SCHEMAS
        .iter()
        .filter(|s| prefix_matches(&prefix, s, s))
        .map(|s| json!({"id": s, "name": s}))
        .collect();
    Ok(suggest(prefix, result))
}

/// Properties matching a prefix.
#[utoipa::path(get, path = "/reconcile/{dataset}/suggest/property", tag = "reconciliation",
    params(("dataset" = String, Path), ("prefix" = Option<String>, Query)),
    responses((status = 200, body = SuggestResponse), (status = 404, body = ErrorResponse),
        (status = 503, body = ErrorResponse)))]
pub async fn suggest_property(
    State(state): State<Arc<AppState>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<SuggestResponse>, ApiError> {
    let p = Params::from_raw(raw.as_deref());
    let engine = state.engine()?;
    scope_filters(&engine, &dataset)?;
    let prefix = p.get("prefix")?.unwrap_or("").to_string();
    let result = PROPERTIES
        .iter()
        .filter(|(id, label)| prefix_matches(&prefix, id, label))
        .map(|(id, label)| json!({"id": id, "name": label}))
        .collect();
    Ok(suggest(prefix, result))
}
