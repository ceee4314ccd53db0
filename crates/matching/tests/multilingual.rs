//! Cross-script quality on labelled data: the watchman cross-script pairs (each above its listed
//! minimum score, except the two Japanese kanji names, which need readings no permissive crate
//! offers) and the 81 spellings of one person's name in putin_names.txt against the real OFAC
//! SDN record (a regression floor; see the README for the figure).

use interdict_matching::{DEFAULT_THRESHOLD, PreparedEntity, PreparedQuery, Query, score};
use interdict_model::{NameKind, Record, Schema};
use interdict_sources::testdata;

fn person(name: &str) -> PreparedEntity {
    let mut r = Record::new("t", "1", Schema::Person);
    r.add_name(name, NameKind::Primary);
    PreparedEntity::new(Schema::Person, &[&r])
}

fn query(name: &str) -> PreparedQuery {
    PreparedQuery::new(Query {
        schema: Some(Schema::Person),
        names: vec![name.to_string()],
        ..Query::default()
    })
}

#[test]
fn cross_script_pairs_reach_their_minimum() {
    let Some(dir) = testdata::data_dir() else {
        return;
    };
    let text = std::fs::read_to_string(
        dir.join("eval/watchman_cross_script_pairs/cross_script_pairs.csv"),
    )
    .unwrap();
    let mut failures = Vec::new();
    let mut total = 0;
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let f: Vec<&str> = line.split(',').collect();
        let (q, expected, min): (&str, &str, f64) = (f[0], f[1], f[2].parse().unwrap());
        total += 1;
        let s = score(&query(q), &person(expected)).score;
        println!("{s:.3} (min {min:.2}) {q} ~ {expected}");
        let japanese = q == "山田太郎" || q == "田中花子";
        if s < min && !japanese {
            failures.push(format!("{q} ~ {expected}: {s:.3} < {min}"));
        }
    }
    assert_eq!(total, 22);
    assert!(failures.is_empty(), "below minimum: {failures:#?}");
}

#[test]
fn putin_spellings_find_the_sdn_record() {
    let Some(dir) = testdata::data_dir() else {
        return;
    };
    let (units, _) =
        interdict_sources::discover(&[dir.join("lists/ofac-sdn-2024-05-03")], None).unwrap();
    let parsed = interdict_sources::parse_unit(&units[0]).unwrap();
    let putin = parsed
        .records
        .iter()
        .find(|r| r.caption() == "PUTIN, Vladimir Vladimirovich")
        .expect("SDN lists PUTIN, Vladimir Vladimirovich");
    let entity = PreparedEntity::new(Schema::Person, &[putin]);
    let text =
        std::fs::read_to_string(dir.join("eval/nomenklatura_putin_names/putin_names.txt")).unwrap();
    let names: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(names.len(), 81);
    let mut found = 0;
    for n in &names {
        let s = score(&query(n), &entity).score;
        if s >= DEFAULT_THRESHOLD {
            found += 1;
        } else {
            println!("miss {s:.3} {n}");
        }
    }
    println!("putin_names: {found}/81 at threshold {DEFAULT_THRESHOLD}");
    // The product target is 73/81 (90%), reached with titles, patronymic spellings, Ukrainian
    // and Belarusian forms, Hungarian palatals, Persian and Hangul loanword readings. Misses
    // left: Kana, Han and Myanmar transcriptions of the foreign name, Georgian -i, Dutch oe,
    // Indic bh for v and Hebrew vav read as v (see the README).
    assert!(found >= 73, "only {found}/81 spellings match");
}
