//! FollowTheMoney JSON lines (`entities.ftm.json`) and FtM delta files (`entities.delta.json`,
//! one `{"op": "ADD"|"MOD"|"DEL", "entity": {...}}` per line). Delta files of one list are applied
//! in path order (version folders sort by time), so the source holds the state after the last one.

use crate::{Format, SourceContext, SourceError};
use interdict_model::Record;
use interdict_model::ftm::{FtmError, record_from_ftm};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::PathBuf;

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    let mut files = files.to_vec();
    files.sort();
    // id -> record, in first-seen order for stable output.
    let mut order: Vec<String> = Vec::new();
    let mut state: BTreeMap<String, Record> = BTreeMap::new();
    for path in &files {
        ctx.begin_file(path)?;
        let reader = crate::input::open(path)?;
        for (i, line) in reader.lines().enumerate() {
            let lineno = i + 1;
            let line = line.map_err(|e| {
                SourceError::malformed(path, format!("line {lineno}"), e.to_string())
            })?;
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let v: Value = serde_json::from_str(line).map_err(|e| {
                SourceError::malformed(path, format!("line {lineno}"), e.to_string())
            })?;
            let (op, entity) = if ctx.format == Format::FtmDelta {
                let op = v
                    .get("op")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_ascii_uppercase();
                let Some(entity) = v.get("entity") else {
                    ctx.skip(format!("line {lineno}"), "delta line has no `entity`");
                    continue;
                };
                (op, entity)
            } else {
                ("ADD".to_string(), &v)
            };
            let loc = format!("line {lineno}");
            match op.as_str() {
                "DEL" => {
                    let id = entity.get("id").and_then(Value::as_str).unwrap_or("");
                    let suffix = format!(":{id}");
                    let key = state.keys().find(|k| k.ends_with(&suffix)).cloned();
                    match key {
                        Some(k) => {
                            state.remove(&k);
                        }
                        None => ctx.warn(loc, format!("DEL of entity `{id}` that is not present")),
                    }
                }
                "ADD" | "MOD" => match record_from_ftm(entity, &ctx.dataset) {
                    Ok((mut r, warnings)) => {
                        for w in warnings {
                            ctx.warn(loc.clone(), w);
                        }
                        if r.provenance.file.is_empty() {
                            r.provenance.file = ctx.file().to_string();
                        }
                        if !state.contains_key(&r.id) {
                            order.push(r.id.clone());
                        }
                        state.insert(r.id.clone(), r);
                    }
                    Err(e @ FtmError::UnsupportedSchema { .. }) => ctx.skip(loc, e.to_string()),
                    Err(e) => ctx.skip(loc, e.to_string()),
                },
                other => ctx.skip(loc, format!("unknown delta op `{other}`")),
            }
        }
    }
    for id in order {
        if let Some(r) = state.remove(&id) {
            let mut r = r;
            if r.provenance.content_hash.is_empty() {
                r.provenance.content_hash = ctx_hash_for(ctx, &r.provenance.file);
            }
            ctx.records.push(r);
        }
    }
    Ok(())
}

/// The content hash of one of the files read so far.
fn ctx_hash_for(ctx: &SourceContext, file: &str) -> String {
    ctx.files()
        .iter()
        .find(|f| f.path == file)
        .map(|f| f.sha256.clone())
        .unwrap_or_default()
}
