//! OFAC enhanced XML (`sanctionsData`, namespace `.../exports/ENHANCED_XML`), also zipped
//! (`SDN_ENHANCED.ZIP`, `CONS_ENHANCED.ZIP`).
//!
//! Reference values are resolved in the file itself (each reference carries its text), so the
//! `referenceValues` and `featureTypes` sections are not needed: each `entities/entity` is read
//! as one element tree and mapped to a record whose id is the entity `id` (the SDN `ent_num`).
//! Every name translation becomes a name tagged with its declared script.

use crate::ofac_xml::{
    Node, Relation, XmlStream, add_address, add_birth_date, add_link, add_name_lang, alias_kind,
    apply_fact, date_from_span, entity_schema, join_last_first, list_name, outside_record_id,
    relation, strip_bidi,
};
use crate::{SourceContext, SourceError};
use interdict_model::date::PartialDate;
use interdict_model::{DateValue, Link, LinkKind, NameKind, Record, Sanction, Schema};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub fn parse(files: &[PathBuf], ctx: &mut SourceContext) -> Result<(), SourceError> {
    for path in files {
        ctx.begin_file(path)?;
        parse_file(path, ctx)?;
    }
    Ok(())
}

/// A link to put on another record of the same file once every record is read
/// ("X owns, controls, or operates Y" becomes "Y owned by X").
struct PendingLink {
    holder: String,
    link: Link,
    /// Where the link goes when the holder is not in the file.
    source: String,
    fallback: Link,
}

fn parse_file(path: &Path, ctx: &mut SourceContext) -> Result<(), SourceError> {
    let mut xs = XmlStream::open(path)?;
    xs.expect_root("sanctionsData")?;
    let first_record = ctx.records.len();
    let mut pending: Vec<PendingLink> = Vec::new();
    let mut ordinal = 0usize;
    while let Some((node, empty)) = xs.next_open()? {
        match node.name.as_str() {
            "publicationInfo" => {
                let info = xs.read_element(node, empty)?;
                if let Some(d) = info.child_text("dataAsOf") {
                    match iso_date(d) {
                        Some((y, m, day)) => match PartialDate::new(y, Some(m), Some(day)) {
                            Ok(p) => ctx.set_list_date(p.to_string()),
                            Err(e) => ctx.warn("publicationInfo", format!("dataAsOf `{d}`: {e}")),
                        },
                        None => ctx.warn("publicationInfo", format!("unreadable dataAsOf `{d}`")),
                    }
                }
            }
            "entity" => {
                ordinal += 1;
                let entity = xs.read_element(node, empty)?;
                read_entity(ctx, &entity, ordinal, &mut pending);
            }
            _ => {}
        }
    }
    let index: HashMap<String, usize> = ctx
        .records
        .iter()
        .enumerate()
        .skip(first_record)
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    for p in pending {
        if let Some(r) = index.get(&p.holder).and_then(|&i| ctx.records.get_mut(i)) {
            add_link(r, p.link);
        } else if let Some(r) = index.get(&p.source).and_then(|&i| ctx.records.get_mut(i)) {
            add_link(r, p.fallback);
        }
    }
    // Links to entries the file does not hold point at the SDN list (see `outside_record_id`).
    let prefix = format!("{}:", ctx.dataset);
    for r in ctx.records.iter_mut().skip(first_record) {
        for l in &mut r.links {
            if let Some(t) = &l.target_id
                && !index.contains_key(t)
                && let Some(num) = t.strip_prefix(&prefix)
            {
                l.target_id = Some(outside_record_id(&ctx.dataset, num));
            }
        }
    }
    Ok(())
}

/// `2024-08-28T00:00:00` or `2024-08-28` to its parts.
fn iso_date(s: &str) -> Option<(i32, u8, u8)> {
    let day = s.trim().get(..10)?;
    let mut it = day.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    Some((y, m, d))
}

fn is_true(v: Option<&str>) -> bool {
    v.is_some_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

fn is_latin(script: Option<&str>) -> bool {
    script.is_none_or(|s| s.eq_ignore_ascii_case("latin"))
}

fn read_entity(ctx: &mut SourceContext, n: &Node, ordinal: usize, pending: &mut Vec<PendingLink>) {
    let Some(id) = n.attr("id") else {
        ctx.skip(format!("entity #{ordinal}"), "entity without id");
        return;
    };
    let loc = format!("entity {id}");
    let info = n.child("generalInfo");
    let entity_type = info.and_then(|g| g.child_text("entityType")).unwrap_or("");
    let schema = match entity_type.to_ascii_lowercase().as_str() {
        "individual" => Schema::Person,
        "vessel" => Schema::Vessel,
        "aircraft" => Schema::Airplane,
        "entity" => Schema::Organization,
        other => {
            ctx.warn(
                &loc,
                format!("unknown entityType `{other}`, read as an entity"),
            );
            Schema::Organization
        }
    };
    let mut r = Record::new(&ctx.dataset, id, schema);
    if let Some(g) = info {
        if let Some(rem) = g.child_text("remarks") {
            Record::push_unique(&mut r.remarks, rem);
        }
        if let Some(t) = g.child_text("title") {
            Record::push_unique(&mut r.positions, t);
        }
        if let Some(s) = g.child_text("livingStatus") {
            r.add_property("status", s);
        }
    }

    read_names(&mut r, n);
    if r.names.is_empty() {
        ctx.warn(&loc, "entity without a name");
    }
    if r.schema == Schema::Organization {
        r.schema = entity_schema(r.names.iter().map(|n| n.value.as_str()));
    }

    let programs: Vec<String> = n
        .path(&["sanctionsPrograms", "sanctionsProgram"])
        .filter_map(Node::text)
        .map(str::to_string)
        .collect();
    for l in n.path(&["sanctionsLists", "sanctionsList"]) {
        let listing_date = match l.attr("datePublished") {
            Some(d) => match iso_date(d).map(|(y, m, day)| DateValue::exact(y, m, day)) {
                Some(Ok(v)) => Some(v),
                _ => {
                    ctx.warn(&loc, format!("unreadable datePublished `{d}`"));
                    None
                }
            },
            None => None,
        };
        r.sanctions.push(Sanction {
            authority: "OFAC".into(),
            list: l.text().map(list_name),
            programs: programs.clone(),
            listing_date,
            ..Sanction::default()
        });
    }
    if r.sanctions.is_empty() {
        r.sanctions.push(Sanction {
            authority: "OFAC".into(),
            programs,
            ..Sanction::default()
        });
    }
    for t in n
        .path(&["sanctionsTypes", "sanctionsType"])
        .filter_map(Node::text)
    {
        r.add_property("provisions", t);
    }
    for t in n
        .path(&["legalAuthorities", "legalAuthority"])
        .filter_map(Node::text)
    {
        r.add_property("legalBasis", t);
    }

    for a in n.path(&["addresses", "address"]) {
        let country = a.child_text("country");
        let translations: Vec<&Node> = a.path(&["translations", "translation"]).collect();
        let mut added = false;
        for t in &translations {
            let parts: Vec<(&str, &str)> = t
                .path(&["addressParts", "addressPart"])
                .filter_map(|p| Some((p.child_text("type")?, p.child_text("value")?)))
                .collect();
            if !parts.is_empty() {
                add_address(ctx, &mut r, &loc, &parts, country, None);
                added = true;
            }
        }
        if !added && country.is_some() {
            add_address(ctx, &mut r, &loc, &[], country, None);
        }
    }

    for f in n.path(&["features", "feature"]) {
        let Some(kind) = f.child_text("type") else {
            ctx.warn(&loc, "feature without a type");
            continue;
        };
        let value = f.child_text("value");
        let span = f.child("valueDate").map(value_date);
        if kind.trim().eq_ignore_ascii_case("birthdate") {
            birth_date(ctx, &mut r, &loc, value, span);
        } else {
            match (value, span) {
                (Some(v), _) => apply_fact(ctx, &mut r, &loc, kind, v, None),
                (None, Some(Ok(d))) => apply_fact(ctx, &mut r, &loc, kind, &d.to_string(), None),
                _ => ctx.warn(&loc, format!("feature `{kind}` without a value")),
            }
        }
        if let Some(c) = f.child_text("comments") {
            Record::push_unique(&mut r.remarks, format!("{}: {c}", kind.trim()));
        }
    }

    for d in n.path(&["identityDocuments", "identityDocument"]) {
        let (Some(kind), Some(number)) = (d.child_text("type"), d.child_text("documentNumber"))
        else {
            ctx.warn(&loc, "identity document without a type or number");
            continue;
        };
        // Russian registrations name their register in issuingAuthority (`INN`, `OGRN`).
        let kind = d
            .child_text("issuingAuthority")
            .filter(|a| {
                ["INN", "OGRN", "OGRNIP"]
                    .iter()
                    .any(|k| a.eq_ignore_ascii_case(k))
            })
            .unwrap_or(kind);
        apply_fact(
            ctx,
            &mut r,
            &loc,
            kind,
            number,
            d.child_text("issuingCountry"),
        );
        if let Some(c) = d.child_text("comments") {
            Record::push_unique(&mut r.remarks, format!("{} {number}: {c}", kind.trim()));
        }
    }

    for rel in n.path(&["relationships", "relationship"]) {
        let kind = rel.child_text("type").unwrap_or("");
        let Some(target) = rel.child("relatedEntity") else {
            ctx.warn(
                &loc,
                format!("relationship `{kind}` without a related entity"),
            );
            continue;
        };
        let target_name = target.text().map(strip_bidi).unwrap_or_default();
        let target_id = target
            .attr("entityId")
            .map(|t| format!("{}:{t}", ctx.dataset));
        if target_name.is_empty() && target_id.is_none() {
            ctx.warn(
                &loc,
                format!("relationship `{kind}` without a related entity"),
            );
            continue;
        }
        let forward = |k: LinkKind| Link {
            kind: k,
            target_name: target_name.clone(),
            target_id: target_id.clone(),
        };
        match (relation(kind), &target_id) {
            (Relation::Inverse(k), Some(holder)) => pending.push(PendingLink {
                holder: holder.clone(),
                link: Link {
                    kind: k,
                    target_name: r.caption().to_string(),
                    target_id: Some(r.id.clone()),
                },
                source: r.id.clone(),
                fallback: forward(LinkKind::LinkedTo),
            }),
            (Relation::Inverse(_), None) => add_link(&mut r, forward(LinkKind::LinkedTo)),
            (Relation::Forward(k), _) => add_link(&mut r, forward(k)),
        }
    }
    ctx.push(r);
}

/// Names: every translation of every name, tagged with its script. The primary name's
/// non-primary translations (its Arabic or Cyrillic spelling) are aliases.
fn read_names(r: &mut Record, n: &Node) {
    for name in n.path(&["names", "name"]) {
        let primary = is_true(name.child_text("isPrimary"));
        let base = if primary {
            NameKind::Primary
        } else {
            alias_kind(
                name.child_text("aliasType").unwrap_or(""),
                is_true(name.child_text("isLowQuality")),
            )
        };
        for t in name.path(&["translations", "translation"]) {
            let script = t.child_text("script");
            let main = is_true(t.child_text("isPrimary"));
            let kind = if base == NameKind::Primary && !main {
                NameKind::Alias
            } else {
                base
            };
            let parts: Vec<(&str, &str)> = t
                .path(&["nameParts", "namePart"])
                .filter_map(|p| Some((p.child_text("type")?, p.child_text("value")?)))
                .collect();
            let full = match t.child_text("formattedFullName") {
                Some(f) => f.to_string(),
                None => {
                    let joined = join_last_first(
                        t.child_text("formattedLastName"),
                        t.child_text("formattedFirstName"),
                    );
                    if joined.is_empty() {
                        parts.iter().map(|(_, v)| *v).collect::<Vec<_>>().join(" ")
                    } else {
                        joined
                    }
                }
            };
            add_name_lang(r, &full, kind, script);
            if kind == NameKind::Primary && r.schema == Schema::Person && is_latin(script) {
                for (ptype, value) in &parts {
                    let value = strip_bidi(value);
                    let np = &mut r.name_parts;
                    let slot = match ptype.to_ascii_lowercase().as_str() {
                        "first name" => &mut np.first,
                        "middle name" => &mut np.middle,
                        "last name" | "maiden name" => &mut np.last,
                        "patronymic" => &mut np.patronymic,
                        _ => continue,
                    };
                    Record::push_unique(slot, value);
                }
            }
        }
    }
}

/// A `valueDate` (`fromDateBegin` … `toDateEnd`, `isApproximate`) as a date value.
fn value_date(n: &Node) -> Result<DateValue, String> {
    let get = |k: &str| n.child_text(k).and_then(iso_date);
    let lo = get("fromDateBegin")
        .or_else(|| get("fromDateEnd"))
        .ok_or_else(|| "valueDate without fromDateBegin".to_string())?;
    let hi = get("toDateEnd")
        .or_else(|| get("toDateBegin"))
        .or_else(|| get("fromDateEnd"))
        .unwrap_or(lo);
    date_from_span(lo, hi, is_true(n.child_text("isApproximate"))).map_err(|e| e.to_string())
}

/// A birth date from the feature's text (`1972`, `circa 1960`, `Mar 1955 to Mar 1956`), else
/// from its `valueDate`; unreadable ones are kept as text with a warning.
fn birth_date(
    ctx: &mut SourceContext,
    r: &mut Record,
    loc: &str,
    value: Option<&str>,
    span: Option<Result<DateValue, String>>,
) {
    if let Some(v) = value
        && DateValue::parse_loose(v).is_ok()
    {
        add_birth_date(ctx, r, loc, v);
        return;
    }
    match (span, value) {
        (Some(Ok(d)), _) => {
            if !r.birth_dates.contains(&d) {
                r.birth_dates.push(d);
            }
        }
        (_, Some(v)) => add_birth_date(ctx, r, loc, v),
        (Some(Err(e)), None) => ctx.warn(loc, format!("birth date: {e}")),
        (None, None) => ctx.warn(loc, "Birthdate feature without a value"),
    }
}
