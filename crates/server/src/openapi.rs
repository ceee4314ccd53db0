//! The OpenAPI document at `/openapi.json`, generated from the handlers' annotations and the
//! request and response types.

use crate::routes::{admin, ops, reconcile, v1, yente};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};
use std::sync::Arc;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};

#[derive(OpenApi)]
#[openapi(
    info(title = "Interdict screening service", description = "Sanctions screening: a yente-compatible API, OpenRefine reconciliation and Interdict's own screen and batch endpoints."),
    paths(
        yente::match_entities, yente::search, yente::entity, yente::algorithms, yente::catalog,
        reconcile::manifest_or_queries, reconcile::queries, reconcile::suggest_entity,
        reconcile::suggest_type, reconcile::suggest_property,
        v1::screen, v1::batch, admin::update, ops::healthz, ops::readyz, ops::metrics,
    ),
    modifiers(&Security),
)]
pub struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let c = doc.components.get_or_insert_with(Default::default);
        c.add_security_scheme(
            "ApiKey",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "`ApiKey KEY` (yente's clients)",
            ))),
        );
        c.add_security_scheme(
            "Bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The document as JSON.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// A character the server does not trim away. The server trims Unicode white space (Rust's
/// `str::trim`), which includes U+0085 (NEL); a schema regex's `\s` (ECMAScript) does not, so
/// the patterns name it: a value the schema accepts is never blank to the server.
const NOT_BLANK: &str = "[^\\s\\u0085]";
/// An identifier written `KIND:VALUE` with a value that is not blank.
const NOT_BLANK_AFTER_COLON: &str = ":[\\s\\u0085]*[^\\s\\u0085]";

/// The document for the loaded data: `dataset` parameters list the datasets and collections
/// served (all of them: a dataset unknown when the document was read is a 404), and the
/// `/v1` query states that it needs a name or an identifier.
pub fn document_for(datasets: Option<Vec<String>>) -> Value {
    let mut doc = serde_json::to_value(document()).unwrap_or(Value::Null);
    if let Some(names) = datasets
        && let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut)
    {
        for op in paths.values_mut().filter_map(Value::as_object_mut) {
            for method in op.values_mut() {
                let params = method.get_mut("parameters").and_then(Value::as_array_mut);
                for p in params.into_iter().flatten() {
                    if p["name"] == "dataset" && p["in"] == "path" {
                        p["schema"] = json!({"type": "string", "enum": names});
                    }
                }
            }
        }
    }
    for (path, method) in [
        ("/match/{dataset}", "post"),
        ("/reconcile/{dataset}", "post"),
    ] {
        let params = doc
            .pointer_mut(&format!(
                "/paths/{}/{method}/parameters",
                path.replace('/', "~1")
            ))
            .and_then(Value::as_array_mut);
        for p in params.into_iter().flatten() {
            if p["name"] == "algorithm" {
                p["schema"] =
                    json!({"type": "string", "enum": crate::routes::yente::ALGORITHM_NAMES});
            }
        }
    }
    // A batch may be empty (no lines, no results).
    if let Some(b) = doc.pointer_mut("/paths/~1v1~1batch/post/requestBody") {
        b["required"] = json!(false);
    }
    if let Some(k) = doc.pointer_mut("/components/schemas/ScreenQuery/properties/key") {
        *k = json!({"description": "Any JSON value, echoed back in /v1/batch output"});
    }
    if let Some(p) = doc.pointer_mut("/components/schemas/EntityExample/properties/properties") {
        p["additionalProperties"] = json!({"anyOf": [
            {"type": "string"}, {"type": "array", "items": {"type": "string"}}]});
    }
    if let Some(v) = doc.pointer_mut("/components/schemas/RefineProperty/properties/v") {
        *v = json!({"description": "A string, a number, a list of strings, or {\"id\": string}",
            "anyOf": [{"type": "string"}, {"type": "number"},
                {"type": "array", "items": {"type": "string"}},
                {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}]});
    }
    if let Some(q) = doc.pointer_mut("/components/schemas/EntityMatchQuery/properties/queries") {
        q["minProperties"] = json!(1);
    }
    if let Some(i) = doc.pointer_mut("/components/schemas/ScreenQuery/properties/identifiers") {
        i["items"] = json!({"anyOf": [
            {"type": "string", "pattern": NOT_BLANK_AFTER_COLON},
            {"type": "object", "required": ["kind", "value"], "properties": {
                "kind": {"type": "string"},
                "value": {"type": "string", "pattern": NOT_BLANK},
                "country": {"type": ["string", "null"]}}}]});
    }
    if let Some(q) = doc.pointer_mut("/components/schemas/ScreenQuery") {
        q["anyOf"] = json!([
            {"required": ["name"], "properties": {"name": {"type": "string", "pattern": NOT_BLANK}}},
            {"required": ["names"], "properties": {"names": {"type": "array",
                "contains": {"type": "string", "pattern": NOT_BLANK}}}},
            {"required": ["identifiers"], "properties": {"identifiers": {"type": "array", "minItems": 1}}},
        ]);
    }
    doc
}

pub async fn serve(State(state): State<Arc<AppState>>) -> Json<Value> {
    let datasets = state.current().map(|e| {
        let mut names: Vec<String> = e.datasets.keys().cloned().collect();
        names.push(crate::engine::DEFAULT_COLLECTION.into());
        names.push(crate::engine::SANCTIONS_COLLECTION.into());
        names
    });
    Json(document_for(datasets))
}
