//! Scoring a query against one listed entity (the records of one canonical entity).

use crate::names::{
    Alignment, AnalyzedName, Ids, JoinScratch, Side, SimCache, analyze, analyze_listed, compare_as,
    compare_cached,
};
use interdict_model::{DateValue, IdKind, Identifier, NameKind, Record, Schema};
use serde::{Deserialize, Serialize};

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
    /// Tokens of all names numbered together (see [`TokenIds`]).
    ids: TokenIds,
    /// `query.identifiers`, normalised.
    identifiers: Vec<String>,
    /// A name has a word from an abjad: listed joins compared with it need their skeletons.
    abjad: bool,
}

impl PreparedQuery {
    pub fn new(query: Query) -> Self {
        let names: Vec<AnalyzedName> = query.names.iter().map(|n| analyze(n)).collect();
        let identifiers = query.identifiers.iter().map(|i| i.normalized()).collect();
        let ids = TokenIds::new(names.iter());
        let abjad = names.iter().any(AnalyzedName::has_abjad);
        PreparedQuery {
            query,
            names,
            ids,
            identifiers,
            abjad,
        }
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

/// The tokens of several names numbered together, equal tokens (same text, same script kind)
/// sharing a number: a query token is compared with each distinct token of an entity once,
/// however many names, variants and joins repeat it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct TokenIds {
    /// Where each name's numbers end, then the numbers of each token of each name, name after
    /// name: one array per entity (a listed entity is kept for the life of the process), of
    /// two bytes a number when every number and end fits.
    numbers: Numbers,
    names: u32,
    count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
enum Numbers {
    Narrow(Box<[u16]>),
    Wide(Box<[u32]>),
}

impl Default for TokenIds {
    fn default() -> Self {
        TokenIds {
            numbers: Numbers::Narrow(Box::default()),
            names: 0,
            count: 0,
        }
    }
}

impl TokenIds {
    fn new<'a>(names: impl Iterator<Item = &'a AnalyzedName>) -> TokenIds {
        use compact_str::CompactString;
        let mut seen: std::collections::HashMap<(CompactString, bool), u32> = Default::default();
        let (mut ids, mut ends) = (Vec::new(), Vec::new());
        for n in names {
            let words = n.tokens.iter().map(|t| (t.text.clone(), t.arabic));
            let joins = n
                .joined
                .iter()
                .map(|j| (j.text(&n.tokens, &n.variants), j.arabic()));
            for key in words.chain(joins) {
                let next = seen.len() as u32;
                ids.push(*seen.entry(key).or_insert(next));
            }
            ends.push(ids.len() as u32);
        }
        let names = ends.len() as u32;
        ends.extend(ids);
        let narrow: Option<Box<[u16]>> = ends.iter().map(|&x| u16::try_from(x).ok()).collect();
        TokenIds {
            numbers: narrow.map_or_else(|| Numbers::Wide(ends.into()), Numbers::Narrow),
            names,
            count: seen.len() as u32,
        }
    }

    /// Name `i`'s side, its joins analysed in `scratch` by their numbers here.
    fn side<'a>(&'a self, i: usize, name: &'a AnalyzedName, scratch: &'a JoinScratch) -> Side<'a> {
        let ids = match &self.numbers {
            Numbers::Narrow(n) => numbers_of(n, self.names, i).map(Ids::Narrow),
            Numbers::Wide(w) => numbers_of(w, self.names, i).map(Ids::Wide),
        };
        Side::numbered(name, ids.unwrap_or(Ids::InOrder), scratch)
    }
}

/// Name `i`'s numbers in `numbers`: the ends of `names` names' numbers, then the numbers.
fn numbers_of<T: Copy + Into<u32>>(numbers: &[T], names: u32, i: usize) -> Option<&[T]> {
    let names = names as usize;
    if i >= names {
        return None;
    }
    let end = |k: usize| numbers.get(k).map(|&e| e.into() as usize);
    let start = match i.checked_sub(1) {
        Some(p) => end(p)?,
        None => 0,
    };
    numbers.get(names + start..names + end(i)?)
}

/// A listed entity prepared once for many comparisons.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PreparedEntity {
    pub schema: Schema,
    /// Each name's kind and analysis (which keeps the name as written). Boxed slices: an
    /// entity is kept for the life of the process.
    names: Box<[(NameKind, AnalyzedName)]>,
    ids: TokenIds,
    identifiers: Box<[(IdKind, String, String)]>,
    birth_dates: Box<[DateValue]>,
    countries: Box<[String]>,
}

impl PreparedEntity {
    pub fn new(schema: Schema, records: &[&Record]) -> Self {
        let mut names = Vec::new();
        let mut identifiers = Vec::new();
        let mut birth_dates = Vec::new();
        let mut countries: Vec<String> = Vec::new();
        for r in records {
            for n in &r.names {
                let parts = slash_alternatives(&n.value);
                for v in std::iter::once(n.value.as_str()).chain(parts) {
                    if names
                        .iter()
                        .any(|(_, x): &(NameKind, AnalyzedName)| *x.original == *v)
                    {
                        continue;
                    }
                    let a = analyze_listed(v);
                    // Lists that name one person alike differ in case, order and punctuation
                    // ("KIM Jong Un", "Kim, Jong-un"): one analysis compares the same as its
                    // copies, so it is kept once, under its strongest kind.
                    match names.iter_mut().find(|(_, b)| a.compares_as(b)) {
                        Some(same) => {
                            if same.0 == NameKind::WeakAlias && n.kind != NameKind::WeakAlias {
                                *same = (n.kind, a);
                            }
                        }
                        None => names.push((n.kind, a)),
                    }
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
        let ids = TokenIds::new(names.iter().map(|(_, a)| a));
        PreparedEntity {
            schema,
            names: names.into(),
            ids,
            identifiers: identifiers.into(),
            birth_dates: birth_dates.into(),
            countries: countries.into(),
        }
    }

    /// Make this entity's tokens the shared ones of `interner` (prepared entities repeat the
    /// same words: sharing them is most of the memory of a large list).
    pub fn share_tokens(&mut self, interner: &crate::names::TokenInterner) {
        for (_, a) in &mut self.names {
            for t in a.tokens.iter_mut().chain(a.native.iter_mut()) {
                interner.intern(t);
            }
        }
    }

    /// The analysed listed names with their kinds.
    pub fn names(&self) -> impl Iterator<Item = (&str, NameKind, &AnalyzedName)> {
        self.names.iter().map(|(k, a)| (&*a.original, *k, a))
    }

    /// Normalised identifiers, for exact lookups.
    pub fn identifier_keys(&self) -> impl Iterator<Item = (IdKind, &str)> {
        self.identifiers.iter().map(|(k, n, _)| (*k, n.as_str()))
    }
}

/// The alternatives of a name that lists write joined by a slash ("Al-Qa'ida/Islamic Army"):
/// each part is also a name of the entity. Only when every part has at least four letters, so
/// that "A/S", "S/A" and "c/o" stay as written.
fn slash_alternatives(name: &str) -> Vec<&str> {
    if !name.contains('/') {
        return Vec::new();
    }
    let parts: Vec<&str> = name.split('/').map(str::trim).collect();
    let letters = |p: &str| p.chars().filter(|c| c.is_alphabetic()).count();
    if parts.len() > 1 && parts.iter().all(|p| letters(p) >= 4) {
        parts
    } else {
        Vec::new()
    }
}

fn same_kind(a: IdKind, b: IdKind) -> bool {
    a == b || matches!((a, b), (IdKind::Other, _) | (_, IdKind::Other))
}

/// Explanations, built only when asked for: screening scores every candidate without them and
/// explains only the results it returns.
struct Notes {
    on: bool,
    list: Vec<Explanation>,
}

impl Notes {
    fn add(&mut self, feature: &str, score: f64, detail: impl FnOnce() -> String) {
        if self.on {
            self.list.push(Explanation {
                feature: feature.into(),
                score,
                weight: 1.0,
                detail: detail(),
                alignment: Vec::new(),
            });
        }
    }
}

/// Score a query against a prepared entity, explaining every feature.
pub fn score(pq: &PreparedQuery, e: &PreparedEntity) -> MatchResult {
    evaluate(pq, e, true, None)
}

/// The same score as [`score`], without building its explanations (the cost per candidate).
pub fn score_value(pq: &PreparedQuery, e: &PreparedEntity) -> f64 {
    scored(pq, e).score
}

/// A candidate's score and the name pair behind it, so that explaining it later (for the
/// results shown) does not compare every name pair again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub score: f64,
    /// (name score, query name, listed name) of the best pair; `None` when no name was compared.
    best_name: Option<(f64, usize, usize)>,
}

/// [`score_value`] with what [`explain`] needs.
pub fn scored(pq: &PreparedQuery, e: &PreparedEntity) -> Scored {
    let best_name = best_name(pq, e);
    Scored {
        score: evaluate(pq, e, false, Some(best_name)).score,
        best_name,
    }
}

/// The explained result of a [`scored`] candidate: equal to [`score`], at the cost of one name
/// alignment instead of all of them.
pub fn explain(pq: &PreparedQuery, e: &PreparedEntity, s: &Scored) -> MatchResult {
    evaluate(pq, e, true, Some(s.best_name))
}

/// The best query/listed name pair: (score, query name, listed name).
fn best_name(pq: &PreparedQuery, e: &PreparedEntity) -> Option<(f64, usize, usize)> {
    if let Some(s) = pq.query.schema
        && !s.compatible(e.schema)
    {
        return None;
    }
    SCRATCH.with_borrow_mut(|s| {
        s.cache.reset(pq.ids.count as usize, e.ids.count as usize);
        s.listed.reset(e.ids.count as usize, pq.abjad);
        best_name_with(pq, e, &mut s.cache, &s.query, &s.listed)
    })
}

/// What [`best_name`] reuses from candidate to candidate: the token-similarity cache and the
/// listed entity's joins analysed so far (a query's are analysed with it: `query` stays empty).
#[derive(Default)]
struct Scratch {
    cache: SimCache,
    query: JoinScratch,
    listed: JoinScratch,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Whether the query and the listed entity compare as persons: the entity is a person and the
/// query is one, or a legal entity, or of no stated kind. Only persons' names are found whole in
/// longer ones (see [`crate::names::partial`]).
fn persons(pq: &PreparedQuery, e: &PreparedEntity) -> bool {
    e.schema == Schema::Person
        && pq
            .query
            .schema
            .is_none_or(|s| matches!(s, Schema::Person | Schema::LegalEntity))
}

fn best_name_with(
    pq: &PreparedQuery,
    e: &PreparedEntity,
    cache: &mut SimCache,
    query_joins: &JoinScratch,
    listed_joins: &JoinScratch,
) -> Option<(f64, usize, usize)> {
    let mut best: Option<(f64, usize, usize)> = None;
    let persons = persons(pq, e);
    for (qi, qt) in pq.names.iter().enumerate() {
        let qs = pq.ids.side(qi, qt, query_joins);
        for (ci, (kind, ct)) in e.names.iter().enumerate() {
            let cs = e.ids.side(ci, ct, listed_joins);
            let mut s = compare_cached(qt, qs, ct, cs, cache, persons);
            if *kind == NameKind::WeakAlias {
                // OFAC weak a.k.a. must not raise an alert on its own.
                s *= 0.8;
            }
            if best.is_none_or(|b| s > b.0) {
                best = Some((s, qi, ci));
                if s >= 1.0 {
                    // No name pair scores above 1: a later one cannot replace this one.
                    return best;
                }
            }
        }
    }
    best
}

/// The score and (when `explain`) its explanations; `names` is the best name pair when the
/// caller has it already.
fn evaluate(
    pq: &PreparedQuery,
    e: &PreparedEntity,
    explain: bool,
    names: Option<Option<(f64, usize, usize)>>,
) -> MatchResult {
    let q = &pq.query;
    let mut ex = Notes {
        on: explain,
        list: Vec::new(),
    };
    if let Some(s) = q.schema
        && !s.compatible(e.schema)
    {
        ex.add("schema", 0.0, || {
            format!("query is a {s}, listed entity is a {}", e.schema)
        });
        return MatchResult {
            score: 0.0,
            explanations: ex.list,
        };
    }
    // Names: the best query/listed pair; its alignment is rebuilt only when explaining.
    let best = names.unwrap_or_else(|| best_name(pq, e));
    let mut total = 0.0;
    if let Some((s, qi, ci)) = best {
        total = s;
        if explain {
            let (qt, (kind, ct)) = (&pq.names[qi], &e.names[ci]);
            let ln = &ct.original;
            let (_, alignment, reading) = compare_as(qt, ct, persons(pq, e));
            let mut detail = format!("query name `{}` vs listed {kind:?} `{ln}`", qt.original);
            if let Some(r) = reading {
                detail.push_str(&format!(" ({r})"));
            }
            ex.list.push(Explanation {
                feature: "name".into(),
                score: s,
                weight: 1.0,
                detail,
                alignment,
            });
        }
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
        ex.add("schema", total - before, || {
            format!(
                "query is a {s}, listed entity is a {} (kind not stated)",
                e.schema
            )
        });
    }
    // Identifiers.
    let mut id_match = false;
    for (qi, qn) in q.identifiers.iter().zip(&pq.identifiers) {
        let mut same = false;
        let mut differs = None;
        for (k, n, raw) in &e.identifiers {
            if !same_kind(qi.kind, *k) {
                continue;
            }
            if n == qn {
                same = true;
            } else if qi.kind == *k {
                differs = Some(raw);
            }
        }
        if same {
            id_match = true;
            ex.add("identifier", 1.0, || {
                format!("{} {} equals a listed identifier", qi.kind, qi.value)
            });
        } else if let Some(raw) = differs {
            total -= 0.2;
            ex.add("identifier_mismatch", -0.2, || {
                format!("{} {} differs from listed {raw}", qi.kind, qi.value)
            });
        }
    }
    if id_match {
        total = total.max(0.99);
    }
    // Birth dates.
    if !q.birth_dates.is_empty() && !e.birth_dates.is_empty() {
        let (s, detail) = date_feature(&q.birth_dates, &e.birth_dates, explain);
        total += s;
        ex.add("birth_date", s, || detail);
    }
    // Countries.
    if !q.countries.is_empty() && !e.countries.is_empty() {
        let shared = q
            .countries
            .iter()
            .any(|c| e.countries.iter().any(|x| x == c));
        let s = if shared { 0.02 } else { -0.08 };
        total += s;
        ex.add("country", s, || {
            format!(
                "query {} vs listed {}",
                q.countries.join(","),
                e.countries.join(",")
            )
        });
    }
    MatchResult {
        score: total.clamp(0.0, 1.0),
        explanations: ex.list,
    }
}

/// +0.05 for a date within the listed value, 0 for the same year only, −0.2 when none overlap.
/// The detail text is built only when `explain` is set.
fn date_feature(q: &[DateValue], l: &[DateValue], explain: bool) -> (f64, String) {
    let text = |f: &dyn Fn() -> String| if explain { f() } else { String::new() };
    for a in q {
        for b in l {
            if a.to.is_none() && b.to.is_none() && !a.approximate && !b.approximate {
                let (fa, fb) = (a.from, b.from);
                if fa == fb {
                    return (0.05, text(&|| format!("{a} equals listed {b}")));
                }
                // Swapped day and month.
                if fa.year == fb.year
                    && fa.month.is_some()
                    && fa.month.map(u32::from) == fb.day.map(u32::from)
                    && fa.day.map(u32::from) == fb.month.map(u32::from)
                {
                    return (
                        0.03,
                        text(&|| format!("{a} equals listed {b} with day and month swapped")),
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
                return (0.0, text(&|| format!("{a} overlaps listed {b}")));
            }
        }
    }
    (
        -0.2,
        text(&|| {
            let listed: Vec<String> = l.iter().map(ToString::to_string).collect();
            format!("no listed birth date ({}) fits", listed.join(", "))
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use interdict_model::Record;

    #[test]
    fn token_numbers_are_shared_across_names_and_read_back_per_name() {
        let names = [
            analyze("Kim Jong Un"),
            analyze("Jong Un Kim"),
            analyze("Petrov"),
        ];
        let ids = TokenIds::new(names.iter());
        assert!(matches!(ids.numbers, Numbers::Narrow(_)));
        let Numbers::Narrow(n) = &ids.numbers else {
            unreachable!()
        };
        let first = numbers_of(n, ids.names, 0).map(<[u16]>::to_vec);
        let second = numbers_of(n, ids.names, 1).map(<[u16]>::to_vec);
        let (first, second) = (first.unwrap_or_default(), second.unwrap_or_default());
        assert_eq!(first.len(), names[0].token_count());
        // The same words, in another order: the same numbers for kim, jong and un.
        let mut a = first[..3].to_vec();
        let mut b = second[..3].to_vec();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
        assert_eq!(numbers_of(n, ids.names, 2).map(<[u16]>::len), Some(1));
        assert_eq!(numbers_of(n, ids.names, 3), None);
        // Four-byte numbers read the same way.
        let wide: Vec<u32> = n.iter().map(|&x| u32::from(x)).collect();
        let back = numbers_of(&wide, ids.names, 1).map(|x| x.iter().map(|&v| v as u16).collect());
        assert_eq!(back, Some(second));
    }

    fn entity(schema: Schema, name: &str, f: impl FnOnce(&mut Record)) -> PreparedEntity {
        let mut r = Record::new("t", "1", schema);
        r.add_name(name, NameKind::Primary);
        f(&mut r);
        PreparedEntity::new(schema, &[&r])
    }

    #[test]
    fn the_name_explanation_says_how_the_names_were_read() {
        let detail = |q: &str, listed: &str| {
            let pq = PreparedQuery::new(Query {
                names: vec![q.into()],
                ..Query::default()
            });
            score(&pq, &entity(Schema::Person, listed, |_| {})).explanations[0]
                .detail
                .clone()
        };
        let d = detail("광수 김", "KIM Su Gwang");
        assert!(d.contains("other way round"), "{d}");
        assert!(detail("광수 김", "KIM Kwang Su").contains("syllable by syllable"));
        assert!(!detail("Vladimir Putin", "PUTIN, Vladimir").contains('('));
        assert!(detail("Omar bin Abdullah", "Abdullah bin Omar").contains("filiation"));
        assert!(!detail("Mohammed bin Salman", "Mohammed bin Salman").contains('('));
        let d = detail("Akhtar Mansour", "Akhtar Mohammad Mansour Shah Mohammed");
        assert!(d.contains("found whole"), "{d}");
        // A patronymic left over is not a word: the names are compared as before, no note.
        assert!(!detail("Sergej Lawrow", "Sergei Viktorovich Lavrov").contains("found whole"));
    }

    #[test]
    fn only_persons_are_named_by_part_of_the_name() {
        let query = |schema: Option<Schema>, name: &str| {
            PreparedQuery::new(Query {
                schema,
                names: vec![name.into()],
                ..Query::default()
            })
        };
        let person = entity(
            Schema::Person,
            "Akhtar Mohammad Mansour Shah Mohammed",
            |_| {},
        );
        for schema in [Some(Schema::Person), None] {
            let s = score(&query(schema, "Akhtar Mansour"), &person).score;
            assert!(s >= 0.78, "{schema:?}: {s}");
        }
        let company = entity(Schema::Company, "Mahan Air Cargo Express", |_| {});
        let s = score(&query(Some(Schema::Company), "Mahan Air"), &company).score;
        assert!(s < 0.75, "{s}");
        let vessel = entity(Schema::Vessel, "Blue Ocean Star Navigation", |_| {});
        let s = score(&query(None, "Ocean Star"), &vessel).score;
        assert!(s < 0.75, "{s}");
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

    #[test]
    fn names_that_analyse_alike_are_kept_once_under_the_strongest_kind() {
        let mut r = Record::new("t", "1", Schema::Person);
        r.add_name("KIM JONG UN", NameKind::WeakAlias);
        r.add_name("Kim Jong Un", NameKind::Alias);
        r.add_name("Kim Jong Il", NameKind::Alias);
        let e = PreparedEntity::new(Schema::Person, &[&r]);
        let names: Vec<(&str, NameKind)> = e.names().map(|(v, k, _)| (v, k)).collect();
        assert_eq!(
            names,
            [
                ("Kim Jong Un", NameKind::Alias),
                ("Kim Jong Il", NameKind::Alias)
            ]
        );
        // One copy under the strongest kind scores as the copies did.
        let pq = PreparedQuery::new(Query {
            names: vec!["Kim Jong Un".into()],
            ..Query::default()
        });
        assert!(score_value(&pq, &e) > 0.99);
    }

    #[test]
    fn explaining_a_scored_candidate_equals_scoring_it_explained() {
        let e = entity(Schema::Person, "KIM Jong Un", |r| {
            r.add_name("Kim Jong-un", NameKind::Alias);
            r.add_name("Jong Un Kim Weak", NameKind::WeakAlias);
            r.birth_dates.push(DateValue::exact(1984, 1, 8).unwrap());
        });
        for names in [
            vec!["Kim Jong Un"],
            vec!["Jongun Kim", "K. J. Un"],
            vec!["Maria Garcia"],
        ] {
            let q = Query {
                names: names.iter().map(|n| n.to_string()).collect(),
                birth_dates: vec![DateValue::exact(1984, 1, 8).unwrap()],
                ..Query::default()
            };
            let pq = PreparedQuery::new(q);
            let s = scored(&pq, &e);
            assert_eq!(s.score, score_value(&pq, &e));
            assert_eq!(explain(&pq, &e, &s), score(&pq, &e));
        }
        let vessel = entity(Schema::Vessel, "EBANO", |_| {});
        let pq = PreparedQuery::new(Query {
            schema: Some(Schema::Person),
            names: vec!["EBANO".into()],
            ..Query::default()
        });
        let s = scored(&pq, &vessel);
        assert_eq!(explain(&pq, &vessel, &s), score(&pq, &vessel));
    }
}
