//! Real-data and robustness tests of the CSV list parsers: EU journal CSV, UK CSV tables, US
//! Consolidated Screening List, BIS Denied Persons List and China MFA counter-sanctions.

use interdict_model::canonical::short_hash;
use interdict_model::{IdKind, NameKind, Record, Schema, Script};
use interdict_sources::{Format, ParsedSource, SourceContext, SourceError};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

fn parse_list(rel: &str, format: Format) -> Option<ParsedSource> {
    let path = interdict_sources::testdata::list(rel)?;
    let (units, skipped) = interdict_sources::discover(&[path], None).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(units.len(), 1, "{units:?}");
    assert_eq!(units[0].format, format);
    Some(interdict_sources::parse_unit(&units[0]).unwrap())
}

fn by_id<'a>(p: &'a ParsedSource, id: &str) -> &'a Record {
    p.records
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

fn schema_count(p: &ParsedSource, s: Schema) -> usize {
    p.records.iter().filter(|r| r.schema == s).count()
}

fn has_name(r: &Record, value: &str, kind: NameKind) -> bool {
    r.names.iter().any(|n| n.value == value && n.kind == kind)
}

fn id_of(r: &Record, kind: IdKind) -> Vec<(&str, Option<&str>)> {
    r.identifiers
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| (i.value.as_str(), i.country.as_deref()))
        .collect()
}

fn ids_unique(p: &ParsedSource) {
    let mut seen = HashSet::new();
    for r in &p.records {
        assert!(seen.insert(r.id.as_str()), "duplicate id {}", r.id);
    }
}

fn warnings_with(p: &ParsedSource, needle: &str) -> usize {
    p.warnings
        .iter()
        .filter(|w| w.message.contains(needle))
        .count()
}

fn valid_vessel_imo(r: &Record) -> bool {
    r.identifiers
        .iter()
        .any(|i| i.kind == IdKind::VesselImo && i.is_valid())
}

/// Every warning names a file of the source and a line.
fn warnings_located(p: &ParsedSource) {
    for w in &p.warnings {
        assert!(!w.file.is_empty(), "{w}");
        assert!(w.location.starts_with("line "), "{w}");
    }
}

// ---------------------------------------------------------------------------------------------
// EU journal CSV

#[test]
fn eu_journal_csv_real_folder() {
    let Some(p) = parse_list("eu-journal-csv-2026-08", Format::EuJournalCsv) else {
        return;
    };
    assert_eq!(p.dataset, "eu_journal_sanctions");
    assert_eq!(p.files.len(), 45);
    ids_unique(&p);
    warnings_located(&p);

    // 8,017 rows: 29 `Asset` rows skipped (ports, airports, digital currencies), 2 rows that
    // repeat an entry of annex I of 32002R0881 merged into it.
    let merged = warnings_with(&p, "of an earlier row; merged");
    assert_eq!(p.skipped, 29);
    assert_eq!(warnings_with(&p, "unsupported schema `Asset`"), 29);
    assert_eq!(merged, 2);
    assert_eq!(p.records.len() + p.skipped + merged, 8_017);
    assert_eq!(p.records.len(), 7_986);
    assert_eq!(schema_count(&p, Schema::Person) + merged, 4_500);
    assert_eq!(schema_count(&p, Schema::Vessel), 708);
    assert_eq!(schema_count(&p, Schema::LegalEntity), 2_553);
    assert_eq!(schema_count(&p, Schema::Company), 200);
    assert_eq!(schema_count(&p, Schema::Organization), 27);
    // Every vessel has a valid IMO but one: MIN NING DE YOU 078, whose annex says the IMO
    // number "Does not exist" (the README's "all with IMO" counts that row too).
    let vessels: Vec<&Record> = p
        .records
        .iter()
        .filter(|r| r.schema == Schema::Vessel)
        .collect();
    assert_eq!(vessels.iter().filter(|r| valid_vessel_imo(r)).count(), 707);
    let no_imo = by_id(&p, "eu_journal_sanctions:32017R1509-XIV.B-33");
    assert_eq!(no_imo.caption(), "MIN NING DE YOU 078");
    assert_eq!(no_imo.properties["imoNumber"], vec!["Does not exist"]);

    // Names by script. The README counts Cyrillic 5,091, Arabic 533, Han 101, Hangul 86 on the
    // raw cells; split into one name per script and deduplicated per record the parser gives
    // Cyrillic 5,201, Arabic 550, Han 103, Hangul 86.
    let mut scripts: BTreeMap<Script, usize> = BTreeMap::new();
    for r in &p.records {
        for n in &r.names {
            *scripts.entry(n.script()).or_insert(0) += 1;
        }
    }
    assert_eq!(scripts[&Script::Hangul], 86);
    assert_eq!(scripts[&Script::Cyrillic], 5_201);
    assert_eq!(scripts[&Script::Arabic], 550);
    assert_eq!(scripts[&Script::Han], 103);

    // Spot checks.
    let r = by_id(&p, "eu_journal_sanctions:32014R0269-I.PERSONS-1");
    assert_eq!(r.schema, Schema::Person);
    assert_eq!(r.caption(), "Sergey Valeryevich AKSYONOV");
    assert!(has_name(r, "Sergei Valerievich AKSENOV", NameKind::Alias));
    assert!(has_name(r, "Сергей Валерьевич АКСЁНОВ", NameKind::Alias));
    assert!(has_name(r, "Сергiй Валерiйович АКСЬОНОВ", NameKind::Alias));
    assert_eq!(r.birth_dates[0].to_string(), "1972-11-26");
    assert_eq!(r.gender.map(|g| g.as_str()), Some("male"));
    let s = &r.sanctions[0];
    assert_eq!(s.authority, "EU");
    assert_eq!(s.list.as_deref(), Some("32014R0269"));
    assert_eq!(s.programs, vec!["EU-UKR"]);
    assert_eq!(s.listing_date.unwrap().to_string(), "2014-03-17");
    assert!(
        s.reason
            .as_deref()
            .unwrap()
            .starts_with("Sergey Aksyonov was elected")
    );

    let r = by_id(&p, "eu_journal_sanctions:32017R1509-XV.A-32");
    assert_eq!(r.caption(), "KIM Kwang Yon");
    assert!(has_name(r, "김광연", NameKind::Alias));
    assert_eq!(r.nationalities, vec!["KP"]);
    assert_eq!(
        id_of(r, IdKind::Passport),
        vec![("563210059", None), ("654410104", None)]
    );

    let r = by_id(&p, "eu_journal_sanctions:32001R2580-II.A-5");
    assert_eq!(r.caption(), "ARBABSIAR Manssor");
    assert_eq!(r.nationalities, vec!["IR", "US"]);
    assert_eq!(r.birth_dates.len(), 2);
    assert_eq!(
        id_of(r, IdKind::Passport),
        vec![("C2002515", Some("IR")), ("477845448", Some("US"))]
    );
    // Organisation 1 of annex II.B of the same regulation is another record.
    let r = by_id(&p, "eu_journal_sanctions:32001R2580-II.B-1");
    assert_eq!(r.caption(), "Abu Nidal Organisation");
    assert_eq!(r.schema, Schema::Organization);

    let r = by_id(&p, "eu_journal_sanctions:32014R0833-XLII-1");
    assert_eq!(r.schema, Schema::Vessel);
    assert_eq!(r.caption(), "Angara");
    assert_eq!(id_of(r, IdKind::VesselImo), vec![("9179842", None)]);

    let r = by_id(&p, "eu_journal_sanctions:32014R0269-I.ENTITIES-48");
    assert_eq!(r.caption(), "Joint-stock company ‘Lenpromtransproyekt’");
    assert!(has_name(r, "АО ‘Ленпромтранспроект’", NameKind::Alias));
    assert_eq!(id_of(r, IdKind::Inn), vec![("7825064262", None)]);
    assert_eq!(id_of(r, IdKind::Ogrn), vec![("1027809210054", None)]);
}

// ---------------------------------------------------------------------------------------------
// UK CSV tables

#[test]
fn uk_csv_real_tables() {
    let Some(p) = parse_list("uk-derived-csv-2026-05", Format::UkCsv) else {
        return;
    };
    assert_eq!(p.dataset, "gb_fcdo_sanctions");
    assert_eq!(p.files.len(), 5);
    ids_unique(&p);
    warnings_located(&p);
    assert_eq!(p.records.len(), 6_046);
    assert_eq!(p.skipped, 0);
    assert_eq!(schema_count(&p, Schema::Person), 3_883);
    assert_eq!(schema_count(&p, Schema::Vessel), 632);
    assert_eq!(
        schema_count(&p, Schema::Company) + schema_count(&p, Schema::Organization),
        1_531
    );
    let ships_with_imo = p
        .records
        .iter()
        .filter(|r| r.schema == Schema::Vessel && valid_vessel_imo(r))
        .count();
    assert_eq!(ships_with_imo, 631);
    // All 15,050 name rows belong to a subject (no orphan warnings), every subject has a name.
    assert_eq!(warnings_with(&p, "is not in subjects.csv"), 0);
    assert!(p.records.iter().all(|r| !r.names.is_empty()));
    // Only two countries the tables could not resolve (Occupied Golan Heights, Former GDR).
    assert_eq!(p.warnings.len(), 2, "{:#?}", p.warnings);
    // 1,018 designations dated 31/12/2020: EU listings carried over at Brexit.
    let brexit = p
        .records
        .iter()
        .filter(|r| {
            r.sanctions[0]
                .reason
                .as_deref()
                .is_some_and(|s| s.contains("Brexit"))
        })
        .count();
    assert_eq!(brexit, 1_018);

    let r = by_id(&p, "gb_fcdo_sanctions:RUS2183");
    assert_eq!(r.schema, Schema::Vessel);
    assert_eq!(r.caption(), "ANGARA");
    assert_eq!(id_of(r, IdKind::VesselImo), vec![("IMO9179842", None)]);
    let s = &r.sanctions[0];
    assert_eq!(s.authority, "UK");
    assert_eq!(s.list.as_deref(), Some("RUS"));
    assert_eq!(s.references, vec!["RUS2183"]);
    assert_eq!(s.listing_date.unwrap().to_string(), "2024-07-31");
    assert!(s.reason.is_none());

    let r = by_id(&p, "gb_fcdo_sanctions:AFG0012");
    assert_eq!(r.schema, Schema::Person);
    assert_eq!(r.caption(), "Shams Ur-Rahman ABDUL ZAHIR");
    assert!(has_name(r, "Shamsurrahman Abdurahman", NameKind::Alias));
    assert!(has_name(
        r,
        "Shams ur-Rahman Sher Alam",
        NameKind::WeakAlias
    ));
    assert_eq!(r.name_parts.first, vec!["Shams"]);
    assert_eq!(r.name_parts.last, vec!["ABDUL ZAHIR"]);
    assert_eq!(id_of(r, IdKind::UnReference), vec![("TAi.008", None)]);
    assert_eq!(
        id_of(r, IdKind::NationalId),
        vec![("2132370", Some("AF")), ("812673", Some("AF"))]
    );
    let dobs: Vec<String> = r.birth_dates.iter().map(|d| d.to_string()).collect();
    assert_eq!(dobs, vec!["1963", "1956", "1957"]);
    assert_eq!(r.nationalities, vec!["AF"]);
    assert_eq!(r.birth_places, vec!["Afghanistan"]);

    let r = by_id(&p, "gb_fcdo_sanctions:DPR0001");
    assert!(r.sanctions[0].reason.as_deref().unwrap().contains("Brexit"));
    assert!(has_name(r, "Jong Hyok An", NameKind::Alias));

    let r = by_id(&p, "gb_fcdo_sanctions:RUS0250");
    assert_eq!(r.schema, Schema::Company);
    assert_eq!(r.caption(), "VTB Bank (Public Joint-Stock Company)");
    assert_eq!(r.countries, vec!["RU"]);

    // A ship without an IMO number in the tables.
    let r = by_id(&p, "gb_fcdo_sanctions:DPR0120");
    assert_eq!(r.schema, Schema::Vessel);
    assert!(r.identifiers.is_empty());
}

// ---------------------------------------------------------------------------------------------
// US Consolidated Screening List

#[test]
fn us_csl_real_file() {
    let Some(p) = parse_list("us-csl-2022-05", Format::UsCsl) else {
        return;
    };
    assert_eq!(p.dataset, "us_trade_csl");
    ids_unique(&p);
    warnings_located(&p);
    // 14,160 rows; an entity on several lists has one row per list with the same _id: those
    // rows are one record with one sanction per row. One row (15268, BANK OF KUNLUN on the CAPTA
    // list) is there twice: merged, with a warning.
    assert_eq!(p.skipped, 0);
    let sanctions: usize = p.records.iter().map(|r| r.sanctions.len()).sum();
    let repeated = warnings_with(&p, "repeats an earlier row of the same list");
    assert_eq!(repeated, 1);
    assert_eq!(sanctions + repeated, 14_160);
    assert_eq!(p.records.len(), 14_048);
    let sdn = |r: &Record| {
        r.sanctions
            .iter()
            .filter(|s| s.list.as_deref() == Some("Specially Designated Nationals (SDN)"))
            .count()
    };
    assert_eq!(p.records.iter().map(sdn).sum::<usize>(), 10_026);
    assert_eq!(p.records.iter().filter(|r| sdn(r) > 0).count(), 10_026);
    assert_eq!(schema_count(&p, Schema::Vessel), 433);
    assert_eq!(schema_count(&p, Schema::Airplane), 283);
    assert_eq!(schema_count(&p, Schema::Person), 5_284);
    let vessels_with_imo = p
        .records
        .iter()
        .filter(|r| r.schema == Schema::Vessel && valid_vessel_imo(r))
        .count();
    // 433 vessels: 430 with a valid IMO; BONU 5 has "IMO 15411", MAR AZUL and ST. VITAMIN none.
    assert_eq!(vessels_with_imo, 430);
    // Shipping companies carry their company IMO as "Vessel Registration Identification".
    let r = by_id(&p, "us_trade_csl:19569");
    assert_eq!(id_of(r, IdKind::CompanyImo), vec![("IMO 5878589", None)]);
    // Real defects: two start dates in year 97 and one in year 17, an IMO that fails its check,
    // and the repeated row: 5 warnings in all.
    assert_eq!(warnings_with(&p, "unreadable start_date `0097-06-30`"), 2);
    assert_eq!(warnings_with(&p, "unreadable start_date `0017-05-26`"), 1);
    assert_eq!(
        warnings_with(&p, "IMO number `IMO 15411` fails its check"),
        1
    );
    assert_eq!(p.warnings.len(), 5, "{:#?}", p.warnings);

    let r = by_id(&p, "us_trade_csl:21944");
    assert_eq!(r.schema, Schema::Person);
    assert_eq!(r.caption(), "'ABBAS, Rim");
    assert_eq!(r.properties["ofacEntNum"], vec!["21944"]);
    assert_eq!(r.birth_dates[0].to_string(), "1973-03-25");
    assert_eq!(r.nationalities, vec!["SY"]);
    assert_eq!(
        r.positions,
        vec!["Scientific Studies and Research Center Employee"]
    );
    assert_eq!(r.sanctions[0].authority, "OFAC");
    assert_eq!(r.sanctions[0].programs, vec!["SYRIA"]);

    // On the SDN and SSI lists: one record, two sanctions.
    let r = by_id(&p, "us_trade_csl:18741");
    assert_eq!(r.schema, Schema::Company);
    let lists: Vec<&str> = r
        .sanctions
        .iter()
        .filter_map(|s| s.list.as_deref())
        .collect();
    assert_eq!(
        lists,
        vec![
            "Specially Designated Nationals (SDN)",
            "Sectoral Sanctions Identifications List (SSI)"
        ]
    );
    assert_eq!(id_of(r, IdKind::Ogrn), vec![("1027700256297", Some("RU"))]);
    assert!(has_name(r, "AUKTSION OOO", NameKind::Alias));
    assert_eq!(r.addresses.len(), 2);
    assert_eq!(r.addresses[0].country.as_deref(), Some("RU"));
    assert_eq!(
        r.links[0].target_name,
        "PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA"
    );
    assert_eq!(r.properties["website"], vec!["www.aukcion-sbrf.ru"]);

    let r = by_id(&p, "us_trade_csl:23156");
    assert_eq!(r.schema, Schema::Vessel);
    assert_eq!(id_of(r, IdKind::VesselImo), vec![("IMO 8898831", None)]);
    assert_eq!(r.flags, vec!["KP"]);

    let r = by_id(&p, "us_trade_csl:15445");
    assert_eq!(r.schema, Schema::Airplane);
    assert_eq!(id_of(r, IdKind::AircraftSerial), vec![("464", None)]);
    assert_eq!(r.properties["model"], vec!["A300B4-605R"]);
    assert!(r.links.iter().any(|l| l.target_name == "MAHAN AIR"));

    // A BIS Entity List row: no type, a legal form in the name.
    let r = by_id(&p, "us_trade_csl:4398d33e9e93c7477af39f1e0bfffc13ddd47bcc");
    assert_eq!(r.schema, Schema::Company);
    assert_eq!(r.caption(), "140 Repair Plant JSC");
    assert_eq!(r.sanctions[0].authority, "BIS");
    assert_eq!(r.sanctions[0].list.as_deref(), Some("Entity List (EL)"));
    assert_eq!(r.sanctions[0].references, vec!["87 FR 20299"]);
    assert_eq!(
        r.sanctions[0].listing_date.unwrap().to_string(),
        "2022-04-07"
    );
    assert_eq!(r.addresses[0].country.as_deref(), Some("BY"));
}

// ---------------------------------------------------------------------------------------------
// BIS Denied Persons List

#[test]
fn bis_dpl_real_file() {
    let Some(p) = parse_list("us-bis-dpl-2023-11", Format::BisDpl) else {
        return;
    };
    assert_eq!(p.dataset, "us_bis_denied");
    ids_unique(&p);
    warnings_located(&p);
    // 665 rows, 2 exact duplicates left out (counted as skipped, with a warning).
    assert_eq!(p.records.len() + p.skipped, 665);
    assert_eq!(p.skipped, 2);
    assert_eq!(warnings_with(&p, "duplicate of line 153"), 1);
    assert_eq!(warnings_with(&p, "duplicate of line 457"), 1);
    assert_eq!(
        schema_count(&p, Schema::LegalEntity) + schema_count(&p, Schema::Company),
        663
    );

    // The real typo 3033-09-30 (in Last_Update), named by line; the record is kept.
    let typo: Vec<_> = p
        .warnings
        .iter()
        .filter(|w| w.message.contains("3033-09-30"))
        .collect();
    assert_eq!(typo.len(), 1);
    assert_eq!(typo[0].location, "line 316");
    assert!(typo[0].file.ends_with("dpl.txt"));
    let key = "JOSE ERNESTO GARCIA|1502 HOLBROOK ROAD, #20|SAN ANTONIO|TX||78218|09/26/2022";
    let r = by_id(&p, &format!("us_bis_denied:{}", short_hash(key)));
    assert_eq!(r.caption(), "JOSE ERNESTO GARCIA");
    assert_eq!(r.properties["modifiedAt"], vec!["3033-09-30"]);
    assert_eq!(
        r.sanctions[0].listing_date.unwrap().to_string(),
        "2022-09-26"
    );
    assert_eq!(r.properties["endDate"], vec!["2030-02-03"]);
    // And the two 1023-11-01 update dates.
    assert_eq!(warnings_with(&p, "implausible year 1023"), 2);

    let key = "I. ASH|UPON THE DATE OF THE ORDER INCARCERATED AT USM NO: 26265-177, FCI \
               SEAGOVILLE, 2113 NORTH HIGHWAY 175|SEAGOVILLE|TX|US|75159|06/19/2003";
    let r = by_id(&p, &format!("us_bis_denied:{}", short_hash(key)));
    assert_eq!(r.schema, Schema::LegalEntity);
    assert_eq!(r.countries, vec!["US"]);
    assert_eq!(r.addresses[0].city.as_deref(), Some("SEAGOVILLE"));
    let s = &r.sanctions[0];
    assert_eq!(s.authority, "BIS");
    assert_eq!(s.list.as_deref(), Some("Denied Persons List"));
    assert_eq!(s.listing_date.unwrap().to_string(), "2003-06-19");
    assert_eq!(
        s.references,
        vec!["68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06 72 F.R. 4236 1/30/07"]
    );
    // ... and a state (NM) in the country column.
    assert_eq!(warnings_with(&p, "unknown country `NM`"), 1);
    assert_eq!(p.warnings.len(), 6, "{:#?}", p.warnings);
}

// ---------------------------------------------------------------------------------------------
// China MFA counter-sanctions

#[test]
fn cn_mfa_csv_real_file() {
    let Some(p) = parse_list("cn-mfa-csv-2026-08", Format::CnMfaCsv) else {
        return;
    };
    assert_eq!(p.dataset, "cn_mfa_sanctions");
    ids_unique(&p);
    warnings_located(&p);
    // 610 rows, one per decision naming an entity; 465 distinct entities.
    let sanctions: usize = p.records.iter().map(|r| r.sanctions.len()).sum();
    assert_eq!(sanctions, 610);
    assert_eq!(p.records.len(), 465);
    assert_eq!(p.skipped, 0);
    // 414 distinct Chinese-character names (the README's figure), on 425 records.
    let zh: HashSet<&str> = p
        .records
        .iter()
        .flat_map(|r| r.names.iter())
        .filter(|n| n.lang.as_deref() == Some("zh"))
        .filter(|n| {
            n.value
                .chars()
                .any(|c| Script::of_char(c) == Some(Script::Han))
        })
        .map(|n| n.value.as_str())
        .collect();
    assert_eq!(zh.len(), 414);
    let with_zh = p
        .records
        .iter()
        .filter(|r| r.names.iter().any(|n| n.lang.as_deref() == Some("zh")))
        .count();
    assert_eq!(with_zh, 425);
    assert_eq!(schema_count(&p, Schema::Person), 167);
    // Two rows give "EU" as the country.
    assert_eq!(p.warnings.len(), 2, "{:#?}", p.warnings);

    let r = by_id(&p, "cn_mfa_sanctions:Q324546");
    assert_eq!(r.caption(), "Marco Rubio");
    assert_eq!(r.schema, Schema::Person);
    assert!(r.names.iter().any(|n| n.value == "鲁比欧"
        && n.kind == NameKind::Alias
        && n.lang.as_deref() == Some("zh")));
    let dates: Vec<String> = r
        .sanctions
        .iter()
        .map(|s| s.listing_date.unwrap().to_string())
        .collect();
    assert_eq!(dates, vec!["2020-07-13", "2020-08-10"]);
    assert_eq!(r.sanctions[0].authority, "China MFA");
    assert_eq!(r.countries, vec!["US"]);

    let name = "Lockheed Martin Missile System Integration Lab";
    let r = by_id(&p, &format!("cn_mfa_sanctions:{}", short_hash(name)));
    assert_eq!(r.schema, Schema::Company);
    assert_eq!(r.sanctions.len(), 3);
    assert_eq!(
        r.sanctions[2].list.as_deref(),
        Some("List of Export Controls")
    );
    assert_eq!(r.sanctions[2].programs, vec!["Ministry of Commerce"]);

    let r = by_id(
        &p,
        &format!("cn_mfa_sanctions:{}", short_hash("Human Rights Watch")),
    );
    assert_eq!(r.schema, Schema::Organization);
    assert_eq!(
        r.sanctions[0].listing_date.unwrap().to_string(),
        "2019-12-02"
    );
    assert_eq!(
        r.sanctions[0].list.as_deref(),
        Some("Ministry of Foreign Affairs")
    );
}

// ---------------------------------------------------------------------------------------------
// Whole-file errors

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn err_names_file(res: Result<(), SourceError>, path: &Path) -> String {
    let e = res.expect_err("expected a whole-file error");
    let msg = e.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    msg
}

#[test]
fn missing_required_column_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "32001R2580.csv",
        b"celex,recordId,programKey,annex,name\n1,2,3,4,x\n",
    );
    let mut ctx = SourceContext::new(Format::EuJournalCsv, "t");
    let msg = err_names_file(
        interdict_sources::eu_journal_csv::parse(&[p], &mut ctx),
        &dir.path().join("32001R2580.csv"),
    );
    assert!(msg.contains("`schema`"), "{msg}");

    let p = write(dir.path(), "dpl.txt", b"\"Name\"\t\"City\"\n\"X\"\t\"Y\"\n");
    let mut ctx = SourceContext::new(Format::BisDpl, "t");
    let msg = err_names_file(
        interdict_sources::bis_dpl::parse(std::slice::from_ref(&p), &mut ctx),
        &p,
    );
    assert!(msg.contains("Street_Address"), "{msg}");

    let p = write(
        dir.path(),
        "subjects.csv",
        b"unique_id,subject_type\nRUS1,individual\n",
    );
    let mut ctx = SourceContext::new(Format::UkCsv, "t");
    let msg = err_names_file(
        interdict_sources::uk_csv::parse(std::slice::from_ref(&p), &mut ctx),
        &p,
    );
    assert!(msg.contains("date_designated"), "{msg}");
}

#[test]
fn truncated_real_files_are_errors_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // A gzip stream cut in the middle.
    if let Some(src) = interdict_sources::testdata::list("us-csl-2022-05/consolidated.csv.gz") {
        let bytes = std::fs::read(src).unwrap();
        let p = write(dir.path(), "consolidated.csv.gz", &bytes[..bytes.len() / 2]);
        let mut ctx = SourceContext::new(Format::UsCsl, "t");
        err_names_file(
            interdict_sources::us_csl::parse(std::slice::from_ref(&p), &mut ctx),
            &p,
        );
    }
    // Plain CSV / TSV files cut in the middle of a row.
    for (rel, name, format) in [
        ("us-bis-dpl-2023-11/dpl.txt", "dpl.txt", Format::BisDpl),
        (
            "cn-mfa-csv-2026-08/sanctions.csv",
            "sanctions.csv",
            Format::CnMfaCsv,
        ),
        (
            "eu-journal-csv-2026-08/32001R2580.csv",
            "32001R2580.csv",
            Format::EuJournalCsv,
        ),
    ] {
        let Some(src) = interdict_sources::testdata::list(rel) else {
            return;
        };
        let text = std::fs::read_to_string(src).unwrap();
        let cut = text
            .char_indices()
            .map(|(i, _)| i)
            .find(|&i| i >= text.len() * 2 / 3 && text[..i].ends_with(','))
            .or_else(|| {
                text.char_indices()
                    .map(|(i, _)| i)
                    .find(|&i| i >= text.len() * 2 / 3 && text[..i].ends_with('\t'))
            })
            .unwrap();
        let p = write(dir.path(), name, &text.as_bytes()[..cut]);
        let mut ctx = SourceContext::new(format, "t");
        let res = match format {
            Format::BisDpl => interdict_sources::bis_dpl::parse(std::slice::from_ref(&p), &mut ctx),
            Format::CnMfaCsv => {
                interdict_sources::cn_mfa_csv::parse(std::slice::from_ref(&p), &mut ctx)
            }
            _ => interdict_sources::eu_journal_csv::parse(std::slice::from_ref(&p), &mut ctx),
        };
        let msg = err_names_file(res, &p);
        assert!(msg.contains("truncated"), "{msg}");
    }
}

#[test]
fn uk_orphans_and_missing_subjects() {
    let dir = tempfile::tempdir().unwrap();
    let names = write(
        dir.path(),
        "subject_names.csv",
        "name_id,unique_id,name_type,alias_strength,full_name,name_6,name_1,name_2,name_3,name_4,name_5\n\
         1,RUS1,primary,,Ivan PETROV,PETROV,Ivan,,,,\n\
         2,RUS9,primary,,Nobody,Nobody,,,,,\n"
            .as_bytes(),
    );
    let mut ctx = SourceContext::new(Format::UkCsv, "t");
    let msg = err_names_file(
        interdict_sources::uk_csv::parse(std::slice::from_ref(&names), &mut ctx),
        &names,
    );
    assert!(msg.contains("subjects.csv"), "{msg}");

    let subjects = write(
        dir.path(),
        "subjects.csv",
        b"unique_id,subject_type,un_reference_number,ofsi_group_id,date_designated,last_updated\n\
          RUS1,individual,,1,31/12/2020,01/01/2021\n",
    );
    let mut ctx = SourceContext::new(Format::UkCsv, "t");
    interdict_sources::uk_csv::parse(&[names.clone(), subjects], &mut ctx).unwrap();
    assert_eq!(ctx.records.len(), 1);
    assert_eq!(ctx.records[0].caption(), "Ivan PETROV");
    assert_eq!(ctx.warnings.len(), 1, "{:?}", ctx.warnings);
    let w = &ctx.warnings[0];
    assert!(w.file.ends_with("subject_names.csv"), "{w}");
    assert_eq!(w.location, "line 3");
    assert!(w.message.contains("RUS9"), "{w}");
}

// ---------------------------------------------------------------------------------------------
// Robustness: arbitrary and mutated input never panics.

type ParseFn = fn(&[PathBuf], &mut SourceContext) -> Result<(), SourceError>;

const HEADERS: [(&str, &str, Format, ParseFn); 4] = [
    (
        "32001R2580.csv",
        "celex,recordId,programKey,annex,measure,startDate,reason,schema,name,alias,weakAlias,previousName,country,nationality,jurisdiction,birthDate,birthPlace,position,passportNumber,gender,appearance,ethnicity,fatherName,motherName,incorporationDate,legalForm,sector,registrationNumber,taxNumber,idNumber,innCode,ogrnCode,kppCode,okpoCode,leiCode,swiftBic,ticker,imoNumber,mmsi,flag,address,phone,email,website,notes\n",
        Format::EuJournalCsv,
        interdict_sources::eu_journal_csv::parse,
    ),
    (
        "consolidated.csv",
        "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n",
        Format::UsCsl,
        interdict_sources::us_csl::parse,
    ),
    (
        "dpl.txt",
        "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n",
        Format::BisDpl,
        interdict_sources::bis_dpl::parse,
    ),
    (
        "sanctions.csv",
        "Type,QID,Name,Alias,Chinese name,Country,Topics,Summary,Chinese summary,Body,List,Date,End date,Source URL,Address\n",
        Format::CnMfaCsv,
        interdict_sources::cn_mfa_csv::parse,
    ),
];

/// Cells that exercise the free-text readers: dates, countries, identifiers, names in scripts.
const CELLS: &[&str] = &[
    "Person",
    "Vessel",
    "Entity",
    "Individual",
    "\"(a) 1.1.1968, (b) 23.4.1968\"",
    "13.07.20",
    "3033-09-30",
    "06/19/2003",
    "Iranian and US",
    "C2002515 (Iran); 477845448 (USA)",
    "Сергей (Сергей Валерьевич АКСЁНОВ)",
    "KIM Kwang Yon 김광연",
    "ﻋﺒﺪ (a.k.a.",
    "(",
    ")",
    "RU, 2017-05-30, 515458008, Passport",
    "IMO 9179842, Vessel Registration Identification",
    "Male, Gender",
    "INN: 6608003052OGRN: 1026600000460",
    "\"",
    ";",
    "; ;",
    "ö",
    "\u{feff}",
    "9179842",
    "Russian: Иван",
    "(Linked To: X)",
    "a/b/c",
    "1959/1960",
    "Q1",
    "",
];

fn check_no_panic(name: &str, format: Format, parse: ParseFn, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), name, bytes);
    let mut ctx = SourceContext::new(format, "t");
    let _ = parse(&[p], &mut ctx);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic(which in 0usize..4, body in proptest::collection::vec(any::<u8>(), 0..600)) {
        let (name, header, format, parse) = HEADERS[which];
        check_no_panic(name, format, parse, &body);
        let mut with_header = header.as_bytes().to_vec();
        with_header.extend_from_slice(&body);
        check_no_panic(name, format, parse, &with_header);
    }

    #[test]
    fn rows_of_tricky_cells_never_panic(
        which in 0usize..4,
        rows in proptest::collection::vec(proptest::collection::vec(0usize..CELLS.len(), 0..50), 1..6),
    ) {
        let (name, header, format, parse) = HEADERS[which];
        let sep = if format == Format::BisDpl { "\t" } else { "," };
        let mut text = header.to_string();
        for row in rows {
            let cells: Vec<String> = row
                .iter()
                .map(|&i| {
                    let c = CELLS[i];
                    if c.contains([',', '"', '\t', '\n']) {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            text.push_str(&cells.join(sep));
            text.push('\n');
        }
        check_no_panic(name, format, parse, text.as_bytes());
    }

    #[test]
    fn uk_tables_never_panic(
        subjects in proptest::collection::vec(any::<u8>(), 0..300),
        names in proptest::collection::vec(0usize..CELLS.len(), 0..40),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = b"unique_id,subject_type,un_reference_number,ofsi_group_id,date_designated,last_updated\nRUS1,ship,,,31/12/2020,\n".to_vec();
        s.extend_from_slice(&subjects);
        let sp = write(dir.path(), "subjects.csv", &s);
        let mut n = String::from("name_id,unique_id,name_type,alias_strength,full_name,name_6,name_1,name_2,name_3,name_4,name_5\n");
        for chunk in names.chunks(11) {
            let cells: Vec<String> = chunk
                .iter()
                .map(|&i| format!("\"{}\"", CELLS[i].replace('"', "\"\"")))
                .collect();
            n.push_str(&cells.join(","));
            n.push('\n');
        }
        let np = write(dir.path(), "subject_names.csv", n.as_bytes());
        let dp = write(dir.path(), "subject_dobs.csv", b"dob_id,unique_id,year,month,day,precision,parse_issues\n1,RUS1,99999,13,40,exact,\n2,RUS1,,,,,\n");
        let mut ctx = SourceContext::new(Format::UkCsv, "t");
        let _ = interdict_sources::uk_csv::parse(&[np, dp, sp], &mut ctx);
    }
}

#[test]
fn mutated_real_rows_never_panic() {
    let Some(src) = interdict_sources::testdata::list("eu-journal-csv-2026-08/32002R0881.csv")
    else {
        return;
    };
    let bytes = std::fs::read(src).unwrap();
    let bytes = &bytes[..bytes.len().min(40_000)];
    // Deterministic mutations: flip bytes at many offsets, cut at many points.
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..40 {
        let mut b = bytes.to_vec();
        for _ in 0..20 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let i = (seed as usize) % b.len();
            b[i] = (seed >> 32) as u8;
        }
        let cut = (seed as usize >> 3) % b.len();
        check_no_panic(
            "32002R0881.csv",
            Format::EuJournalCsv,
            interdict_sources::eu_journal_csv::parse,
            &b,
        );
        check_no_panic(
            "32002R0881.csv",
            Format::EuJournalCsv,
            interdict_sources::eu_journal_csv::parse,
            &b[..cut],
        );
    }
}
