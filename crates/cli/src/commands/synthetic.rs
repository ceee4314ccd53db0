//! Synthetic screening corpora for `interdict bench --synthetic N`: records whose names, scripts,
//! birth dates, countries and identifiers follow the distributions of the imported lists, so that
//! index sizes, posting-list lengths and query costs at N entities resemble a real corpus of that
//! size.
//!
//! How a corpus is learned from the real records ([`Distributions::learn`]):
//!
//! * per schema family (person; organisation / company / legal entity; vessel; airplane) and per
//!   script of the name, the tokens of every primary name and alias, by position: first token,
//!   middle tokens (patronymics and middle names for people), last token (surnames, legal forms);
//!   `LAST, First Middle` names put the part before the comma in the last position. Tokens are
//!   kept once per occurrence, so sampling is frequency-weighted (common names stay common);
//! * the number of tokens per name, the share of `LAST, First` names, the script mix of primary
//!   names and of aliases, the number and kinds of aliases;
//! * birth years, genders, countries, and identifier templates (kind, shape, issuing country).
//!
//! A generated record ([`Distributions::record`]) picks a schema by the real mix, then a primary
//! name and aliases by the real script mix and token-count distribution, sampling each position's
//! tokens independently. A share of Latin tokens ([`VARIANT_RATE`]) gets one spelling edit (a
//! vowel swapped, a letter doubled or dropped), like transliteration variants, so the vocabulary
//! keeps growing with N as real lists' does instead of recombining a fixed set of words.
//! Identifier values are real templates with every digit and letter redrawn, which breaks their
//! check digits: synthetic records do not group with each other or with real records.
//!
//! Generation is deterministic: record `i` draws from its own SplitMix64 stream seeded by
//! `(seed, i)`, so the corpus does not depend on the number of threads.

use interdict_model::{DateValue, Gender, IdKind, Identifier, NameKind, Record, Schema, Script};
use rayon::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap};

/// Share of sampled Latin tokens that get one spelling edit.
pub const VARIANT_RATE: f64 = 0.2;
/// The dataset name of synthetic records (ids `synthetic:<n>`).
pub const DATASET: &str = "synthetic";

/// SplitMix64: a tiny, fast, well-mixed deterministic generator (Steele, Lea, Flood 2014).
#[derive(Debug, Clone)]
pub struct Rng(u64);

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// An independent stream for item `i` of a run seeded with `seed`.
    pub fn for_item(seed: u64, i: u64) -> Self {
        Rng(mix(
            seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ mix(i.wrapping_add(1))
        ))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            Some(&items[self.below(items.len())])
        }
    }

    /// Pick by weight from `(item, weight)` pairs.
    pub fn weighted<'a, T>(&mut self, items: &'a [(T, usize)]) -> Option<&'a T> {
        let total: usize = items.iter().map(|(_, w)| w).sum();
        if total == 0 {
            return None;
        }
        let mut x = self.below(total);
        for (item, w) in items {
            if x < *w {
                return Some(item);
            }
            x -= w;
        }
        None
    }
}

/// The schema families that share name distributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Family {
    Person,
    Organization,
    Vessel,
    Airplane,
}

impl Family {
    fn of(schema: Schema) -> Family {
        match schema {
            Schema::Person => Family::Person,
            Schema::Vessel => Family::Vessel,
            Schema::Airplane => Family::Airplane,
            Schema::Organization | Schema::Company | Schema::LegalEntity => Family::Organization,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Family::Person => "person",
            Family::Organization => "organization",
            Family::Vessel => "vessel",
            Family::Airplane => "airplane",
        }
    }
}

/// Token positions of one family's names in one script (token numbers into the vocabulary).
#[derive(Debug, Default)]
struct Pool {
    first: Vec<u32>,
    middle: Vec<u32>,
    last: Vec<u32>,
    /// Tokens per name, one entry per learned name.
    lengths: Vec<u8>,
    /// Names written `LAST, First ...`.
    comma: usize,
}

impl Pool {
    fn names(&self) -> usize {
        self.lengths.len()
    }
}

/// What is learned about one family.
#[derive(Debug, Default)]
struct FamilyStats {
    pools: BTreeMap<Script, Pool>,
    primary_scripts: BTreeMap<Script, usize>,
    alias_scripts: BTreeMap<Script, usize>,
    /// Non-primary names per record, one entry per record.
    alias_counts: Vec<u8>,
    /// Kinds of the non-primary names.
    alias_kinds: BTreeMap<NameKind, usize>,
    records: usize,
    with_birth_date: usize,
    birth_years: Vec<i32>,
    /// One entry per record (`None` when the list gives no gender).
    genders: Vec<Option<Gender>>,
    with_country: usize,
    countries: Vec<String>,
    /// Identifiers per record, one entry per record.
    id_counts: Vec<u8>,
    id_templates: Vec<Identifier>,
    /// The three maps above as weighted lists, for sampling.
    primary_w: Vec<(Script, usize)>,
    alias_w: Vec<(Script, usize)>,
    alias_kinds_w: Vec<(NameKind, usize)>,
}

/// Name and attribute distributions learned from real records.
#[derive(Debug, Default)]
pub struct Distributions {
    vocab: Vec<String>,
    schemas: Vec<(Schema, usize)>,
    families: BTreeMap<Family, FamilyStats>,
}

fn weights<K: Copy>(m: &BTreeMap<K, usize>) -> Vec<(K, usize)> {
    m.iter().map(|(k, v)| (*k, *v)).collect()
}

impl Distributions {
    /// Learn the distributions of `records`.
    pub fn learn(records: &[Record]) -> Distributions {
        let mut d = Distributions::default();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut schemas: BTreeMap<Schema, usize> = BTreeMap::new();
        for r in records {
            *schemas.entry(r.schema).or_default() += 1;
            let fam = Family::of(r.schema);
            let st = d.families.entry(fam).or_default();
            st.records += 1;
            let mut aliases = 0u8;
            let primary = r
                .names
                .iter()
                .position(|n| n.kind == NameKind::Primary)
                .unwrap_or(0);
            for (k, n) in r.names.iter().enumerate() {
                let script = n.script();
                if k == primary {
                    *st.primary_scripts.entry(script).or_default() += 1;
                } else {
                    aliases = aliases.saturating_add(1);
                    *st.alias_scripts.entry(script).or_default() += 1;
                    *st.alias_kinds.entry(n.kind).or_default() += 1;
                }
                let pool = st.pools.entry(script).or_default();
                learn_name(&n.value, fam, pool, &mut d.vocab, &mut ids);
            }
            st.alias_counts.push(aliases);
            if !r.birth_dates.is_empty() {
                st.with_birth_date += 1;
                st.birth_years
                    .extend(r.birth_dates.iter().map(|b| b.from.year));
            }
            st.genders.push(r.gender);
            let countries: Vec<&String> = match fam {
                Family::Person => r.nationalities.iter().chain(&r.citizenships).collect(),
                Family::Vessel | Family::Airplane => r.flags.iter().chain(&r.countries).collect(),
                Family::Organization => r.countries.iter().collect(),
            };
            if !countries.is_empty() {
                st.with_country += 1;
                st.countries
                    .extend(countries.iter().take(2).map(|c| (*c).clone()));
            }
            st.id_counts
                .push(r.identifiers.len().min(u8::MAX as usize) as u8);
            st.id_templates.extend(r.identifiers.iter().cloned());
        }
        d.schemas = weights(&schemas);
        for st in d.families.values_mut() {
            st.primary_w = weights(&st.primary_scripts);
            st.alias_w = weights(&st.alias_scripts);
            st.alias_kinds_w = weights(&st.alias_kinds);
        }
        d
    }

    /// A summary for reports: per family, records, names learned by script and distinct tokens.
    pub fn summary(&self) -> Value {
        let families: serde_json::Map<String, Value> = self
            .families
            .iter()
            .map(|(f, st)| {
                let scripts: serde_json::Map<String, Value> = st
                    .pools
                    .iter()
                    .map(|(s, p)| (format!("{s:?}").to_lowercase(), json!(p.names())))
                    .collect();
                (
                    f.as_str().to_string(),
                    json!({"records": st.records, "names_by_script": scripts}),
                )
            })
            .collect();
        json!({"vocabulary": self.vocab.len(), "variant_rate": VARIANT_RATE, "families": families})
    }

    /// Generate `n` records (ids `synthetic:0` ...), in parallel and deterministically.
    pub fn generate(&self, n: usize, seed: u64) -> Vec<Record> {
        (0..n)
            .into_par_iter()
            .map(|i| self.record(i, &mut Rng::for_item(seed, i as u64)))
            .collect()
    }

    /// Generate record number `i`.
    pub fn record(&self, i: usize, rng: &mut Rng) -> Record {
        let schema = rng
            .weighted(&self.schemas)
            .copied()
            .unwrap_or(Schema::Person);
        let fam = Family::of(schema);
        let mut r = Record::new(DATASET, &i.to_string(), schema);
        r.provenance.file = DATASET.to_string();
        let Some(st) = self.families.get(&fam) else {
            r.add_name(&format!("Synthetic {i}"), NameKind::Primary);
            return r;
        };
        let script = rng.weighted(&st.primary_w).copied();
        let primary = script.and_then(|s| self.name(st, s, fam, rng));
        r.add_name(
            primary.as_deref().unwrap_or(&format!("Synthetic {i}")),
            NameKind::Primary,
        );
        let aliases = rng.pick(&st.alias_counts).copied().unwrap_or(0).min(12);
        for _ in 0..aliases {
            let Some(&s) = rng.weighted(&st.alias_w) else {
                break;
            };
            let kind = rng
                .weighted(&st.alias_kinds_w)
                .copied()
                .unwrap_or(NameKind::Alias);
            if let Some(name) = self.name(st, s, fam, rng) {
                r.add_name(&name, kind);
            }
        }
        if st.records > 0
            && rng.below(st.records) < st.with_birth_date
            && let Some(&y) = rng.pick(&st.birth_years)
        {
            let year = (y + rng.below(7) as i32 - 3).clamp(1900, 2010);
            let date = if rng.chance(0.7) {
                DateValue::exact(year, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8)
            } else {
                DateValue::year(year)
            };
            if let Ok(d) = date {
                r.birth_dates.push(d);
            }
        }
        if fam == Family::Person {
            r.gender = rng.pick(&st.genders).copied().flatten();
        }
        if st.records > 0
            && rng.below(st.records) < st.with_country
            && let Some(c) = rng.pick(&st.countries)
        {
            let list = match fam {
                Family::Person => &mut r.nationalities,
                Family::Vessel | Family::Airplane => &mut r.flags,
                Family::Organization => &mut r.countries,
            };
            Record::push_unique(list, c.clone());
        }
        let ids = rng.pick(&st.id_counts).copied().unwrap_or(0).min(4);
        for _ in 0..ids {
            if let Some(t) = rng.pick(&st.id_templates) {
                r.add_identifier(redraw_identifier(t, rng));
            }
        }
        r
    }

    /// A name of the family in the script, or `None` when nothing was learned for it.
    fn name(&self, st: &FamilyStats, script: Script, fam: Family, rng: &mut Rng) -> Option<String> {
        let pool = st.pools.get(&script)?;
        let len = usize::from(*rng.pick(&pool.lengths)?).clamp(1, 8);
        let tok = |list: &[u32], rng: &mut Rng| -> Option<String> {
            let list = if list.is_empty() {
                [&pool.last, &pool.first, &pool.middle]
                    .into_iter()
                    .find(|l| !l.is_empty())?
                    .as_slice()
            } else {
                list
            };
            let t = &self.vocab[*rng.pick(list)? as usize];
            Some(variant(t, rng))
        };
        let last = tok(&pool.last, rng)?;
        if len == 1 {
            return Some(last);
        }
        let first = tok(&pool.first, rng)?;
        let mut middle = Vec::new();
        for _ in 2..len {
            middle.push(tok(&pool.middle, rng)?);
        }
        let comma = fam == Family::Person && rng.below(pool.names()) < pool.comma;
        let mut out = String::new();
        if comma {
            out.push_str(&last);
            out.push_str(", ");
            out.push_str(&first);
            for m in &middle {
                out.push(' ');
                out.push_str(m);
            }
        } else {
            out.push_str(&first);
            for m in &middle {
                out.push(' ');
                out.push_str(m);
            }
            out.push(' ');
            out.push_str(&last);
        }
        Some(out)
    }
}

/// Split a name into positional tokens and add them to the pool.
fn learn_name(
    name: &str,
    fam: Family,
    pool: &mut Pool,
    vocab: &mut Vec<String>,
    ids: &mut HashMap<String, u32>,
) {
    let mut intern = |t: &str| -> u32 {
        if let Some(&i) = ids.get(t) {
            return i;
        }
        let i = vocab.len() as u32;
        vocab.push(t.to_string());
        ids.insert(t.to_string(), i);
        i
    };
    let raw: Vec<&str> = name.split_whitespace().collect();
    // `LAST, First Middle` (people only): the part before the first comma is the last name.
    let comma_at = if fam == Family::Person {
        raw.iter()
            .position(|t| t.ends_with(','))
            .filter(|&k| k + 1 < raw.len())
    } else {
        None
    };
    let tokens: Vec<&str> = raw
        .iter()
        .map(|t| t.trim_matches(|c: char| c == ',' || c == ';'))
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.is_empty() {
        return;
    }
    pool.lengths.push(tokens.len().min(u8::MAX as usize) as u8);
    if let Some(k) = comma_at {
        pool.comma += 1;
        // Tokens up to the comma form the last name (kept as one token when several).
        let (before, after) = raw.split_at(k + 1);
        let last = before
            .iter()
            .map(|t| t.trim_matches(','))
            .collect::<Vec<_>>()
            .join(" ");
        pool.last.push(intern(&last));
        let rest: Vec<&str> = after
            .iter()
            .map(|t| t.trim_matches(|c: char| c == ',' || c == ';'))
            .filter(|t| !t.is_empty())
            .collect();
        if let Some((f, mid)) = rest.split_first() {
            pool.first.push(intern(f));
            for m in mid {
                pool.middle.push(intern(m));
            }
        }
        return;
    }
    match tokens.as_slice() {
        [one] => pool.last.push(intern(one)),
        [first, mid @ .., last] => {
            pool.first.push(intern(first));
            for m in mid {
                pool.middle.push(intern(m));
            }
            pool.last.push(intern(last));
        }
        [] => {}
    }
}

/// With probability [`VARIANT_RATE`], one spelling edit of an ASCII token of 4+ letters.
fn variant(token: &str, rng: &mut Rng) -> String {
    if token.len() < 4 || !token.is_ascii() || !rng.chance(VARIANT_RATE) {
        return token.to_string();
    }
    let mut b: Vec<u8> = token.as_bytes().to_vec();
    let i = 1 + rng.below(b.len() - 2);
    if !b[i].is_ascii_alphabetic() {
        return token.to_string();
    }
    let upper = b[i].is_ascii_uppercase();
    match rng.below(3) {
        0 => {
            let v = b"aeiouy"[rng.below(6)];
            b[i] = if upper { v.to_ascii_uppercase() } else { v };
        }
        1 => b.insert(i, b[i]),
        _ => {
            b.remove(i);
        }
    }
    String::from_utf8(b).unwrap_or_else(|_| token.to_string())
}

/// The template's kind and country with every digit and letter of its value redrawn.
fn redraw_identifier(t: &Identifier, rng: &mut Rng) -> Identifier {
    let value: String = t
        .value
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from(b'0' + rng.below(10) as u8)
            } else if c.is_ascii_uppercase() {
                char::from(b'A' + rng.below(26) as u8)
            } else if c.is_ascii_lowercase() {
                char::from(b'a' + rng.below(26) as u8)
            } else {
                c
            }
        })
        .collect();
    let mut id = Identifier::new(t.kind, value);
    id.country = t.country.clone();
    // A redrawn UN reference would still look like one; keep those out of grouping keys.
    if id.kind == IdKind::UnReference {
        id.kind = IdKind::Other;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, alias: &str) -> Record {
        let mut r = Record::new("t", name, Schema::Person);
        r.add_name(name, NameKind::Primary);
        r.add_name(alias, NameKind::Alias);
        r.nationalities.push("RU".into());
        r.birth_dates.push(DateValue::year(1960).unwrap());
        r
    }

    #[test]
    fn rng_is_deterministic_and_spread() {
        let a: Vec<u64> = (0..5).map(|_| Rng::for_item(7, 0).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut r = Rng::for_item(7, 0);
        let mut counts = [0usize; 10];
        for _ in 0..10_000 {
            counts[r.below(10)] += 1;
        }
        assert!(
            counts.iter().all(|&c| (800..1200).contains(&c)),
            "{counts:?}"
        );
        assert_ne!(
            Rng::for_item(1, 0).next_u64(),
            Rng::for_item(1, 1).next_u64()
        );
    }

    #[test]
    fn generates_deterministic_records_from_learned_tokens() {
        let real = vec![
            person("Vladimir Vladimirovich PUTIN", "Владимир Путин"),
            person("SALEK, Abdul Hai", "Abdulhai Salek"),
            person("Ivan Petrovich SIDOROV", "Иван Сидоров"),
        ];
        let d = Distributions::learn(&real);
        assert!(d.summary()["vocabulary"].as_u64() >= Some(10));
        let a = d.generate(200, 3);
        let b = d.generate(200, 3);
        assert_eq!(a, b);
        assert!(
            a.iter()
                .all(|r| r.schema == Schema::Person && !r.names.is_empty())
        );
        assert!(
            a.iter()
                .any(|r| r.names.iter().any(|n| n.script() == Script::Cyrillic))
        );
        assert!(a.iter().all(|r| r.id.starts_with("synthetic:")));
        assert!(a.iter().any(|r| !r.birth_dates.is_empty()));
        assert!(a.iter().any(|r| r.nationalities == ["RU"]));
    }
}
