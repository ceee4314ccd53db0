//! A match that ranks low by pre-score is still found when the best candidates hold matches:
//! the screener scores further blocks of candidates while they hold matches, and in exhaustive
//! mode every candidate.

use interdict_index::Screener;
use interdict_index::screen::{MIN_SCORED, PRE_SCORE_RATIO};
use interdict_matching::{PreparedQuery, Query};
use interdict_model::canonical::group_records;
use interdict_model::{DateValue, NameKind, Record, Schema};

fn person(id: usize, names: &[&str]) -> Record {
    let mut r = Record::new("test", &format!("p{id}"), Schema::Person);
    for (i, n) in names.iter().enumerate() {
        let kind = if i == 0 {
            NameKind::Primary
        } else {
            NameKind::Alias
        };
        r.add_name(n, kind);
    }
    r
}

/// The entity of test person `id`.
/// A person query giving these names.
fn person_query(names: &[&str]) -> Query {
    Query {
        schema: Some(Schema::Person),
        names: names.iter().map(|n| n.to_string()).collect(),
        ..Query::default()
    }
}

fn entity_of(screener: &Screener, id: usize) -> usize {
    let suffix = format!(":p{id}");
    screener
        .entities
        .iter()
        .position(|e| e.referents.iter().any(|r| r.ends_with(&suffix)))
        .expect("target entity")
}

/// The matches of a result list: (entity, score) in rank order.
fn matches(h: &[interdict_index::Hit]) -> Vec<(usize, f64)> {
    h.iter()
        .filter(|x| x.is_match)
        .map(|x| (x.entity, x.score))
        .collect()
}

#[test]
fn matches_beyond_the_pre_score_cut_are_found() {
    // Many listings of the query's three names (they take the best pre-scores), and one person
    // who matches only the first name, through an alias in another spelling.
    let names = [
        "Karimullah Abdulrahman Yusufzai",
        "Hashim Qaderi Nurzada",
        "Sayed Tokhi Barakzai",
    ];
    let mut records: Vec<Record> = (0..40).map(|i| person(i, &names)).collect();
    records.push(person(
        100,
        &["Gul Ahmad Wardak", "Karimulah Abdulrahman Yusufzay"],
    ));
    let entities = group_records(&records);
    let screener = Screener::new(records, entities);
    let query = person_query(&names);
    let target_entity = entity_of(&screener, 100);

    // Precondition: the target is outside the first cut (rank and pre-score).
    let pq = PreparedQuery::new(query.clone());
    let ranked = screener.index().ranked_candidates(pq.names(), 100);
    let top = ranked[0].1;
    let rank = ranked
        .iter()
        .position(|c| c.0 as usize == target_entity)
        .expect("target is a candidate");
    eprintln!(
        "target rank {rank}, pre-score {} of top {top}",
        ranked[rank].1
    );
    assert!(rank >= MIN_SCORED, "target ranks {rank}");
    assert!(
        ranked[rank].1 < PRE_SCORE_RATIO * top,
        "target pre-score {} of top {top}",
        ranked[rank].1
    );

    let brute = screener.screen_brute_force(&query, 100, 0.75);
    let brute_target = brute
        .iter()
        .find(|h| h.entity == target_entity)
        .expect("brute force scores the target");
    assert!(
        brute_target.is_match,
        "target scores {}",
        brute_target.score
    );

    let hits = screener.screen_with(&query, 100, 0.75, false);
    let found = hits.iter().find(|h| h.entity == target_entity);
    assert_eq!(found.map(|h| h.score), Some(brute_target.score));
    assert_eq!(matches(&hits), matches(&brute));
}

#[test]
fn exhaustive_mode_finds_matches_beyond_every_block() {
    // The query's own listing, then 200 namesakes born elsewhere on another date (they tie with
    // it on pre-score, fill every candidate place and every place of the listings of part of
    // the name, and score below the threshold), and one person who matches through an alias in
    // another spelling.
    let name = "Karimullah Abdulrahman Yusufzai";
    let born = DateValue::parse_loose("1970-03-04").expect("date");
    let mut listing = person(0, &[name]);
    listing.birth_dates.push(born);
    listing.nationalities.push("af".into());
    let mut records = vec![listing];
    for i in 1..=200 {
        let mut namesake = person(i, &[name]);
        namesake
            .birth_dates
            .push(DateValue::parse_loose("1955-01-01").expect("date"));
        namesake.nationalities.push("pk".into());
        records.push(namesake);
    }
    records.push(person(
        1000,
        &["Gul Ahmad Wardak", "Karimulah Abdulrahman Yusufzay"],
    ));
    let entities = group_records(&records);
    let mut screener = Screener::new(records, entities);
    let query = Query {
        schema: Some(Schema::Person),
        names: vec![name.to_string()],
        birth_dates: vec![born],
        countries: vec!["af".into()],
        ..Query::default()
    };
    let target = entity_of(&screener, 1000);
    let brute = screener.screen_brute_force(&query, 100, 0.75);
    assert!(
        brute.iter().any(|h| h.entity == target && h.is_match),
        "brute force matches the target"
    );
    assert!(
        brute.iter().filter(|h| h.is_match).count() == 2,
        "the namesakes stay below the threshold: {:?}",
        matches(&brute)
    );

    // Default: the target ranks beyond the candidates and the blocks scored.
    let default = screener.screen_with(&query, 100, 0.75, false);
    assert!(default.iter().all(|h| h.entity != target));

    screener.exhaustive = true;
    let hits = screener.screen_with(&query, 100, 0.75, false);
    assert_eq!(matches(&hits), matches(&brute));

    // A query without a match is screened as before.
    let other = Query {
        schema: Some(Schema::Person),
        names: vec!["Abdulrahman Tokhi".to_string()],
        ..Query::default()
    };
    screener.exhaustive = false;
    let ranked = |h: Vec<interdict_index::Hit>| -> Vec<(usize, f64)> {
        h.iter().map(|x| (x.entity, x.score)).collect()
    };
    let before = ranked(screener.screen_with(&other, 100, 0.75, false));
    assert!(before.iter().all(|h| h.1 < 0.75), "{before:?}");
    screener.exhaustive = true;
    assert_eq!(
        ranked(screener.screen_with(&other, 100, 0.75, false)),
        before
    );
}

#[test]
fn a_listing_of_part_of_the_name_is_found_beyond_every_candidate() {
    // The query's own listing, then 150 namesakes with a fifth word, born elsewhere on another
    // date: they share every word of the query and its joined pairs, take every candidate place
    // by pre-score and score below the threshold. The target is listed under three of the four
    // words: it ranks behind all of them, and matches.
    let name = "Karimullah Abdulrahman Yusufzai Sayed";
    let born = DateValue::parse_loose("1970-03-04").expect("date");
    let mut listing = person(0, &[name]);
    listing.birth_dates.push(born);
    let mut records = vec![listing];
    for i in 1..=200 {
        let mut namesake = person(i, &[&format!("{name} Khan")]);
        namesake
            .birth_dates
            .push(DateValue::parse_loose("1955-01-01").expect("date"));
        records.push(namesake);
    }
    let mut target = person(1000, &["Karimullah Abdulrahman Sayed"]);
    target.birth_dates.push(born);
    records.push(target);
    let entities = group_records(&records);
    let screener = Screener::new(records, entities);
    let query = Query {
        schema: Some(Schema::Person),
        names: vec![name.to_string()],
        birth_dates: vec![born],
        ..Query::default()
    };
    let target = entity_of(&screener, 1000);

    // Preconditions: beyond the candidates by pre-score; a match by brute force, as is the
    // query's own listing, and no namesake.
    let pq = PreparedQuery::new(query.clone());
    let ranked = screener.index().ranked_candidates(pq.names(), 100);
    assert!(ranked.iter().all(|c| c.0 as usize != target));
    let brute = screener.screen_brute_force(&query, 200, 0.75);
    let brute_matches = matches(&brute);
    assert_eq!(brute_matches.len(), 2, "{brute_matches:?}");
    assert!(brute_matches.iter().any(|m| m.0 == target));

    let hits = screener.screen_with(&query, 200, 0.75, false);
    assert_eq!(matches(&hits), brute_matches);
}

#[test]
fn a_listing_of_one_of_several_query_names_is_scored() {
    // A query of four names; the target is listed under the first alone, whose words are common
    // in the lists. Twelve others share two rare words of each other name: they take the best
    // pre-scores without matching. The target must still get the full score: the pre-score a
    // candidate needs goes by one name of the query, not by all four together.
    let names = [
        "Karimullah Abdulrahman Yusufzai",
        "Hashim Qaderi Nurzada",
        "Sayed Tokhi Barakzai",
        "Walid Jamil Sharifzada",
    ];
    let mut records: Vec<Record> = (0..12)
        .map(|i| person(i, &["Qaderi Nurzada Tokhi Barakzai Jamil Sharifzada"]))
        .collect();
    for (k, word) in ["Karimullah", "Abdulrahman", "Yusufzai"].iter().enumerate() {
        for i in 0..60 {
            records.push(person(1000 + k * 100 + i, &[&format!("{word} Zadran")]));
        }
    }
    records.push(person(100, &["Karimullah Abdulrahman Yusufzai"]));
    let entities = group_records(&records);
    let screener = Screener::new(records, entities);
    let query = person_query(&names);
    let target = entity_of(&screener, 100);
    let brute = screener.screen_brute_force(&query, 100, 0.75);
    assert!(brute.iter().any(|h| h.entity == target && h.is_match));
    let ranked = screener
        .index()
        .ranked_candidates(PreparedQuery::new(query.clone()).names(), 100);
    let rank = ranked.iter().position(|c| c.0 as usize == target);
    assert!(
        rank.is_some_and(|r| r >= 5),
        "the target ranks behind the others by pre-score: {rank:?}"
    );
    let hits = screener.screen_with(&query, 100, 0.75, false);
    assert_eq!(matches(&hits), matches(&brute));
}
