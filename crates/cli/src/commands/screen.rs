//! `interdict screen [NAME] [--id KIND:VALUE]...`

use anyhow::{Context, anyhow, bail};
use interdict_matching::{ALGORITHM, DEFAULT_THRESHOLD, Query};
use interdict_model::{DateValue, Identifier, Schema, country};
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The name to screen
    name: Option<String>,
    /// Schema of the query: Person, Organization, Company, LegalEntity, Vessel, Airplane
    #[arg(long)]
    schema: Option<String>,
    /// Birth date (1970-05-07, 1970, 07 May 1970, ...); repeatable
    #[arg(long = "birth-date")]
    birth_dates: Vec<String>,
    /// Country (name or ISO code); repeatable
    #[arg(long = "country")]
    countries: Vec<String>,
    /// Identifier as KIND:VALUE, e.g. imo:9179842, passport:RU:123 is not needed: use --country; repeatable
    #[arg(long = "id")]
    ids: Vec<String>,
    /// Maximum number of results
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Score at or above which a result is a match
    #[arg(long, default_value_t = DEFAULT_THRESHOLD)]
    threshold: f64,
    /// When a query holds a match, score every listed entity sharing a name key with it, so that
    /// no weaker match (another listing, an alias) is left out; slower for matching queries
    #[arg(long)]
    exhaustive: bool,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// Build a query from command-line style values; errors name the bad value.
pub fn build_query(
    name: Option<&str>,
    schema: Option<&str>,
    birth_dates: &[String],
    countries: &[String],
    ids: &[String],
) -> anyhow::Result<Query> {
    let schema = schema.map(str::parse::<Schema>).transpose()?;
    let birth_dates = birth_dates
        .iter()
        .map(|d| DateValue::parse_loose(d).with_context(|| format!("--birth-date `{d}`")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let countries = countries
        .iter()
        .map(|c| country::to_code(c).ok_or_else(|| anyhow!("--country `{c}`: unknown country")))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let identifiers = ids
        .iter()
        .map(|s| {
            let (kind, value) = s
                .split_once(':')
                .ok_or_else(|| anyhow!("--id `{s}`: expected KIND:VALUE, e.g. imo:9179842"))?;
            let kind = kind.parse().with_context(|| format!("--id `{s}`"))?;
            Ok(Identifier::new(kind, value))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let names: Vec<String> = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .into_iter()
        .collect();
    if names.is_empty() && identifiers.is_empty() {
        bail!("give a NAME or at least one --id KIND:VALUE");
    }
    Ok(Query {
        schema,
        names,
        birth_dates,
        countries,
        identifiers,
    })
}

pub fn run(dir: &Path, args: Args) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.threshold) {
        bail!("--threshold must be between 0 and 1");
    }
    let query = build_query(
        args.name.as_deref(),
        args.schema.as_deref(),
        &args.birth_dates,
        &args.countries,
        &args.ids,
    )?;
    let opened = super::open::screener(dir)?;
    let versions = super::open::versions(&opened.manifest);
    let mut screener = opened.screener;
    screener.exhaustive = args.exhaustive;
    let hits = screener.screen(&query, args.limit, args.threshold);
    let any_match = hits.iter().any(|h| h.is_match);
    if args.json {
        let results: Vec<_> = hits
            .iter()
            .map(|h| {
                let e = &screener.entities[h.entity];
                serde_json::json!({
                    "id": e.id, "caption": screener.caption(h.entity), "schema": e.schema,
                    "score": h.score, "match": h.is_match, "datasets": e.datasets,
                    "referents": e.referents, "explanations": h.explanations,
                })
            })
            .collect();
        let out = serde_json::json!({
            "query": {"name": args.name, "schema": args.schema, "birth_dates": args.birth_dates,
                      "countries": args.countries, "ids": args.ids},
            "algorithm": ALGORITHM, "threshold": args.threshold, "lists": versions,
            "results": results,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else if hits.is_empty() {
        println!("no results");
    } else {
        for h in &hits {
            let e = &screener.entities[h.entity];
            println!(
                "{:.3} {} {} [{}] {} ({})",
                h.score,
                if h.is_match { "MATCH" } else { "     " },
                screener.caption(h.entity),
                e.schema,
                e.id,
                e.datasets.join(", ")
            );
            for x in &h.explanations {
                println!("        {:<20} {:+.3}  {}", x.feature, x.score, x.detail);
            }
        }
    }
    Ok(if any_match {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
