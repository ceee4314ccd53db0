//! Scoring a query against one listed entity (the records of one canonical entity).

use crate::names::{Alignment, AnalyzedName, analyze, compare};
use interdict_model::{DateValue, IdKind, Identifier, NameKind, Record, Schema};
use serde::Serialize;

/// What is being screened.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub schema: Option<Schema>,
    pub names: Vec<String>,
    pub birth_dates: Vec<DateValue>,
    /// ISO alpha-2.
    pub countries: Vec<String>,
    pub identifiers: Vec<Identifier>,
}

/// A query analysed once for many comparisons.
pub struct PreparedQuery {
    pub query: Query,
    names: Vec<AnalyzedName>,
}

impl PreparedQuery {
    pub fn new(query: Query) -> Self {
        let names = query.names.iter().map(|n| analyze(n)).collect();
        PreparedQuery { query, names }
    }

    /// The analysed query names.
    pub fn names(&self) -> &[AnalyzedName] {
        &self.names
    }
}

/// One feature's contribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub feature: String,
    pub score: f64,
    pub weight: f64,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alignment: Vec<Alignment>,
}

/// The outcome of one comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchResult {
    pub score: f64,
    pub explanations: Vec<Explanation>,
}

/// A listed entity prepared once for many comparisons.
pub struct PreparedEntity {
    pub schema: Schema,
    names: Vec<(String, NameKind, AnalyzedName)>,
    identifiers: Vec<(IdKind, String, String)>,
    birth_dates: Vec<DateValue>,
    countries: Vec<String>,
}

impl PreparedEntity {
    pub fn new(schema: Schema, records: &[&Record]) -> Self {
        let mut names = Vec::new();
        let mut identifiers = Vec::new();
        let mut birth_dates = Vec::new();
        let mut countries: Vec<String> = Vec::new();
        for r in records {
            for n in &r.names {
                if !names
                    .iter()
                    .any(|(v, _, _): &(String, NameKind, AnalyzedName)| v == &n.value)
                {
                    names.push((n.value.clone(), n.kind, analyze(&n.value)));
                }
            }
            for id in &r.identifiers {
                identifiers.push((id.kind, id.normalized(), id.value.clone()));
            }
            birth_dates.extend(r.birth_dates.iter().copied());
            for c in r.all_countries() {
                if !countries.iter().any(|x| x == c) {
                    countries.push(c.to_string());
                }
            }
        }
        PreparedEntity {
            schema,
            names,
            identifiers,
            birth_dates,
            countries,
        }
    }

    /// The analysed listed names with their kinds.
    pub fn names(&self) -> impl Iterator<Item = (&str, NameKind, &AnalyzedName)> {
        self.names.iter().map(|(v, k, a)| (v.as_str(), *k, a))
    }

    /// Normalised identifiers, for exact lookups.
    pub fn identifier_keys(&self) -> impl Iterator<Item = (IdKind, &str)> {
        self.identifiers.iter().map(|(k, n, _)| (*k, n.as_str()))
    }
}

fn same_kind(a: IdKind, b: IdKind) -> bool {
    a == b || matches!((a, b), (IdKind::Other, _) | (_, IdKind::Other))
}

/// Score a query against a prepared entity.
pub fn score(pq: &PreparedQuery, e: &PreparedEntity) -> MatchResult {
    let q = &pq.query;
    let mut ex = Vec::new();
    if let Some(s) = q.schema
        && !s.compatible(e.schema)
    {
        ex.push(Explanation {
            feature: "schema".into(),
            score: 0.0,
            weight: 1.0,
            detail: format!("query is a {s}, listed entity is a {}", e.schema),
            alignment: Vec::new(),
        });
        return MatchResult {
            score: 0.0,
            explanations: ex,
        };
    }
    // Names.
    let mut best: Option<(f64, &str, &str, NameKind, Vec<Alignment>)> = None;
    for qt in &pq.names {
        let qn = qt.original.as_str();
        for (value, kind, ct) in &e.names {
            let (mut s, al) = compare(qt, ct);
            if *kind == NameKind::WeakAlias {
                // OFAC weak a.k.a. must not raise an alert on its own.
                s *= 0.8;
            }
            if best.as_ref().is_none_or(|b| s > b.0) {
                best = Some((s, qn, value.as_str(), *kind, al));
            }
        }
    }
    let mut total = 0.0;
    if let Some((s, qn, ln, kind, al)) = best {
        total = s;
        ex.push(Explanation {
            feature: "name".into(),
            score: s,
            weight: 1.0,
            detail: format!("query name `{qn}` vs listed {kind:?} `{ln}`"),
            alignment: al,
        });
    }
    // A person query against a listed entity of unknown kind (LegalEntity: the list did not say
    // whether it is a person or an organisation) is a weaker name match.
    if let Some(s) = q.schema
        && s != e.schema
        && (s == Schema::LegalEntity || e.schema == Schema::LegalEntity)
        && (s == Schema::Person || e.schema == Schema::Person)
    {
        let before = total;
        total *= 0.9;
        ex.push(Explanation {
            feature: "schema".into(),
            score: total - before,
            weight: 1.0,
            detail: format!(
                "query is a {s}, listed entity is a {} (kind not stated)",
                e.schema
            ),
            alignment: Vec::new(),
        });
    }
    // Identifiers.
    let mut id_match = false;
    for qi in &q.identifiers {
        let qn = qi.normalized();
        let mut same = false;
        let mut differs = None;
        for (k, n, raw) in &e.identifiers {
            if !same_kind(qi.kind, *k) {
                continue;
            }
            if *n == qn {
                same = true;
            } else if qi.kind == *k {
                differs = Some(raw.clone());
            }
        }
        if same {
            id_match = true;
            ex.push(Explanation {
                feature: "identifier".into(),
                score: 1.0,
                weight: 1.0,
                detail: format!("{} {} equals a listed identifier", qi.kind, qi.value),
                alignment: Vec::new(),
            });
        } else if let Some(raw) = differs {
            total -= 0.2;
            ex.push(Explanation {
                feature: "identifier_mismatch".into(),
                score: -0.2,
                weight: 1.0,
                detail: format!("{} {} differs from listed {raw}", qi.kind, qi.value),
                alignment: Vec::new(),
            });
        }
    }
    if id_match {
        total = total.max(0.99);
    }
    // Birth dates.
    if !q.birth_dates.is_empty() && !e.birth_dates.is_empty() {
        let (s, detail) = date_feature(&q.birth_dates, &e.birth_dates);
        total += s;
        ex.push(Explanation {
            feature: "birth_date".into(),
            score: s,
            weight: 1.0,
            detail,
            alignment: Vec::new(),
        });
    }
    // Countries.
    if !q.countries.is_empty() && !e.countries.is_empty() {
        let shared = q
            .countries
            .iter()
            .any(|c| e.countries.iter().any(|x| x == c));
        let s = if shared { 0.02 } else { -0.08 };
        total += s;
        ex.push(Explanation {
            feature: "country".into(),
            score: s,
            weight: 1.0,
            detail: format!(
                "query {} vs listed {}",
                q.countries.join(","),
                e.countries.join(",")
            ),
            alignment: Vec::new(),
        });
    }
    MatchResult {
        score: total.clamp(0.0, 1.0),
        explanations: ex,
    }
}

/// +0.05 for a date within the listed value, 0 for the same year only, −0.2 when none overlap.
fn date_feature(q: &[DateValue], l: &[DateValue]) -> (f64, String) {
    for a in q {
        for b in l {
            if a.to.is_none() && b.to.is_none() && !a.approximate && !b.approximate {
                let (fa, fb) = (a.from, b.from);
                if fa == fb {
                    return (0.05, format!("{a} equals listed {b}"));
                }
                // Swapped day and month.
                if fa.year == fb.year
                    && fa.month.is_some()
                    && fa.month.map(u32::from) == fb.day.map(u32::from)
                    && fa.day.map(u32::from) == fb.month.map(u32::from)
                {
                    return (
                        0.03,
                        format!("{a} equals listed {b} with day and month swapped"),
                    );
                }
            }
        }
    }
    for a in q {
        let (alo, ahi) = a.year_span();
        for b in l {
            let (blo, bhi) = b.year_span();
            if alo <= bhi && blo <= ahi {
                return (0.0, format!("{a} overlaps listed {b}"));
            }
        }
    }
    let listed: Vec<String> = l.iter().map(ToString::to_string).collect();
    (
        -0.2,
        format!("no listed birth date ({}) fits", listed.join(", ")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::Record;

    fn entity(schema: Schema, name: &str, f: impl FnOnce(&mut Record)) -> PreparedEntity {
        let mut r = Record::new("t", "1", schema);
        r.add_name(name, NameKind::Primary);
        f(&mut r);
        PreparedEntity::new(schema, &[&r])
    }

    #[test]
    fn schema_identifier_and_dates() {
        let v = entity(Schema::Vessel, "EBANO", |r| {
            r.add_identifier(Identifier::new(IdKind::VesselImo, "IMO 7406784"))
        });
        let q = Query {
            schema: Some(Schema::Person),
            names: vec!["EBANO".into()],
            ..Query::default()
        };
        assert_eq!(score(&PreparedQuery::new(q), &v).score, 0.0);
        let q = Query {
            identifiers: vec![Identifier::new(IdKind::VesselImo, "7406784")],
            ..Query::default()
        };
        assert!(score(&PreparedQuery::new(q), &v).score >= 0.99);

        let p = entity(Schema::Person, "DUMONT, Lionel", |r| {
            r.birth_dates.push(DateValue::exact(1971, 1, 21).unwrap())
        });
        let mut q = Query {
            names: vec!["Lionel Dumont".into()],
            birth_dates: vec![DateValue::exact(1971, 1, 21).unwrap()],
            ..Query::default()
        };
        assert!(score(&PreparedQuery::new(q.clone()), &p).score > 0.99);
        q.birth_dates = vec![DateValue::exact(1990, 3, 1).unwrap()];
        let r = score(&PreparedQuery::new(q), &p);
        assert!(r.score < 0.85, "{r:?}");
        assert!(r.explanations.iter().any(|e| e.feature == "birth_date"));
    }
}
