//! OFAC legacy CSV (`sdn.csv` + companions, `cons_*.csv`) on the real lists.

use interdict_model::{IdKind, LinkKind, NameKind, Record, Schema};
use interdict_sources::{Format, ParsedSource, SourceContext, discover, ofac_csv, parse_unit};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn load(rel: &str) -> Option<ParsedSource> {
    let path = interdict_sources::testdata::list(rel)?;
    let (units, skipped) = discover(&[path], None).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(units.len(), 1, "{units:?}");
    assert_eq!(units[0].format, Format::OfacCsv);
    Some(parse_unit(&units[0]).unwrap())
}

fn schema_counts(p: &ParsedSource) -> BTreeMap<Schema, usize> {
    let mut m = BTreeMap::new();
    for r in &p.records {
        *m.entry(r.schema).or_default() += 1;
    }
    m
}

fn by_id<'a>(p: &'a ParsedSource, id: &str) -> &'a Record {
    p.records
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

fn names_of(r: &Record, kind: NameKind) -> Vec<&str> {
    r.names
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.value.as_str())
        .collect()
}

fn count_names(p: &ParsedSource, kinds: &[NameKind]) -> usize {
    p.records
        .iter()
        .flat_map(|r| &r.names)
        .filter(|n| kinds.contains(&n.kind))
        .count()
}

fn ids_of(r: &Record, kind: IdKind) -> Vec<(&str, Option<&str>)> {
    r.identifiers
        .iter()
        .filter(|i| i.kind == kind)
        .map(|i| (i.value.as_str(), i.country.as_deref()))
        .collect()
}

#[test]
fn sdn_2024_counts_and_vessels() {
    let Some(p) = load("ofac-sdn-2024-05-03") else {
        return;
    };
    assert_eq!(p.dataset, "us_ofac_sdn");
    assert_eq!(p.records.len(), 14_965);
    assert_eq!(p.skipped, 0);
    let c = schema_counts(&p);
    assert_eq!(c[&Schema::Organization] + c[&Schema::Company], 6_884);
    assert_eq!(c[&Schema::Person], 6_854);
    assert_eq!(c[&Schema::Vessel], 851);
    assert_eq!(c[&Schema::Airplane], 376);
    assert!(!c.contains_key(&Schema::LegalEntity));

    // 844 vessels carry a valid ship IMO number.
    let with_imo = p
        .records
        .iter()
        .filter(|r| r.schema == Schema::Vessel)
        .filter(|r| {
            r.identifiers
                .iter()
                .any(|i| i.kind == IdKind::VesselImo && i.is_valid())
        })
        .count();
    assert_eq!(with_imo, 844);
    // A ship's IMO only ever sits on a vessel; "Identification Number IMO" is a company's.
    for r in &p.records {
        if r.schema != Schema::Vessel {
            assert!(ids_of(r, IdKind::VesselImo).is_empty(), "{}", r.id);
        }
    }
    let v = p
        .records
        .iter()
        .find(|r| ids_of(r, IdKind::VesselImo).contains(&("9179842", None)))
        .expect("vessel with IMO 9179842");
    assert_eq!(v.schema, Schema::Vessel);
    // 47371 NS LEADER (vessel) writes its IMO as "Identification Number IMO 9339301": on a
    // vessel record it is the ship's own number.
    let r = by_id(&p, "us_ofac_sdn:47371");
    assert_eq!(ids_of(r, IdKind::VesselImo), [("9339301", None)]);
    assert_eq!(ids_of(r, IdKind::Mmsi), [("636013272", None)]);
    // 19569 CHONGBONG SHIPPING CO LTD writes "Vessel Registration Identification IMO 5878589"
    // and 23513 HWASONG SHIPPING CO LTD "Company Number IMO 543400": company numbers.
    let r = by_id(&p, "us_ofac_sdn:19569");
    assert_eq!(r.schema, Schema::Company);
    assert_eq!(ids_of(r, IdKind::CompanyImo), [("5878589", None)]);
    assert_eq!(
        ids_of(by_id(&p, "us_ofac_sdn:23513"), IdKind::CompanyImo),
        [("543400", None)]
    );
    // 17104 RYONG GUN BONG: "Vessel Registration Identification 8606173" has no IMO label:
    // kept as a register number; 37479: "RS 150443 (Russia)".
    assert_eq!(
        ids_of(by_id(&p, "us_ofac_sdn:17104"), IdKind::Registration),
        [("8606173", None)]
    );
    assert_eq!(
        ids_of(by_id(&p, "us_ofac_sdn:37479"), IdKind::Registration),
        [("RS 150443", Some("RU"))]
    );

    let company_imo = p
        .records
        .iter()
        .filter(|r| !ids_of(r, IdKind::CompanyImo).is_empty())
        .count();
    assert!(company_imo > 100, "{company_imo}");
    for r in p
        .records
        .iter()
        .filter(|r| !ids_of(r, IdKind::CompanyImo).is_empty())
    {
        assert!(r.schema.is_party(), "{} carries a company IMO", r.id);
    }

    // Every record has its OFAC sanction with programs; the file states no date.
    assert!(p.records.iter().all(|r| r.sanctions.len() == 1
        && r.sanctions[0].authority == "OFAC"
        && r.sanctions[0].list.as_deref() == Some("SDN")));
    assert_eq!(p.list_date, None);
    assert_eq!(p.files.len(), 1);
}

#[test]
fn sdn_2024_spot_checks() {
    let Some(p) = load("ofac-sdn-2024-05-03") else {
        return;
    };

    // 36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",...
    let r = by_id(&p, "us_ofac_sdn:36");
    assert_eq!(r.caption(), "AEROCARIBBEAN AIRLINES");
    assert_eq!(r.schema, Schema::Organization);
    assert_eq!(r.sanctions[0].programs, ["CUBA"]);
    // 173,"ANGLO-CARIBBEAN CO., LTD."
    assert_eq!(by_id(&p, "us_ofac_sdn:173").schema, Schema::Company);
    // 306 BANCO NACIONAL DE CUBA: a.k.a. 'BNC' in remarks is OFAC's weak alias.
    assert_eq!(
        names_of(by_id(&p, "us_ofac_sdn:306"), NameKind::WeakAlias),
        ["BNC"]
    );

    // 36030 SANLI, Hakki Selcuk (SDGT] [IFSR)
    let r = by_id(&p, "us_ofac_sdn:36030");
    assert_eq!(r.schema, Schema::Person);
    assert_eq!(r.caption(), "SANLI, Hakki Selcuk");
    assert_eq!(r.name_parts.last, ["SANLI"]);
    assert_eq!(r.name_parts.first, ["Hakki Selcuk"]);
    assert_eq!(r.sanctions[0].programs, ["SDGT", "IFSR"]);
    assert_eq!(r.birth_dates[0].to_string(), "1956-04-01");
    assert_eq!(r.birth_places, ["Adana, Turkey"]);
    assert_eq!(r.nationalities, ["TR"]);
    assert!(r.countries.is_empty());
    assert_eq!(r.gender, Some(interdict_model::record::Gender::Male));
    assert_eq!(ids_of(r, IdKind::Passport), [("U24492445", Some("TR"))]);
    assert_eq!(ids_of(r, IdKind::NationalId), [("17107188340", Some("TR"))]);
    assert_eq!(r.links.len(), 1);
    assert_eq!(r.links[0].kind, LinkKind::LinkedTo);
    assert_eq!(r.links[0].target_name, "SHAHRIYARI, Behnam");

    // 34982 KINAHAN, Daniel Joseph: two DOBs, five passports, three UAE identification numbers.
    let r = by_id(&p, "us_ofac_sdn:34982");
    let dobs: Vec<String> = r.birth_dates.iter().map(ToString::to_string).collect();
    assert_eq!(dobs, ["1977-06-25", "1979-05-26"]);
    assert_eq!(r.citizenships, ["IE", "GB"]);
    assert_eq!(ids_of(r, IdKind::Passport).len(), 5);
    assert_eq!(ids_of(r, IdKind::NationalId).len(), 3);

    // 36556: Russian tax id and registration number are an INN and an OGRN.
    // (OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU: a limited liability company.)
    let r = by_id(&p, "us_ofac_sdn:36556");
    assert_eq!(r.schema, Schema::Company);
    assert_eq!(ids_of(r, IdKind::Inn), [("7802208912", Some("RU"))]);
    assert_eq!(ids_of(r, IdKind::Ogrn), [("1037804040031", Some("RU"))]);

    // 18784 NOVIKOMBANK: SWIFT/BIC, website, directive texts as provisions.
    let r = by_id(&p, "us_ofac_sdn:18784");
    assert_eq!(ids_of(r, IdKind::Bic), [("CNOVRUMM", None)]);
    assert_eq!(r.properties["website"], ["http://www.novikom.ru"]);
    assert_eq!(r.properties["incorporationDate"], ["1993"]);
    assert!(r.properties["provisions"].len() >= 2);
    assert_eq!(r.links[0].target_name, "STATE CORPORATION ROSTEC");

    // 25538 EP-IBK (aircraft): MSN, model, operator, build date.
    let r = by_id(&p, "us_ofac_sdn:25538");
    assert_eq!(r.schema, Schema::Airplane);
    assert_eq!(ids_of(r, IdKind::AircraftSerial), [("671", None)]);
    assert_eq!(r.properties["model"], ["A310"]);
    assert_eq!(r.properties["buildDate"], ["1993-02-19"]);
    assert!(
        r.links
            .iter()
            .any(|l| l.kind == LinkKind::OperatedBy && l.target_name == "Iran Air")
    );

    // Remarks cut at 1,000 characters without a comments file: the cut segment stays text.
    let r = by_id(&p, "us_ofac_sdn:47682");
    assert!(
        r.remarks.iter().any(|s| s == "a.k.a. '@"),
        "{:?}",
        r.remarks
    );
    assert!(p.warnings.iter().any(|w| w.location == "record 47682"
        && w.message.contains("cut short")
        && w.file.ends_with("sdn.csv")));
}

#[test]
fn sdn_2022_with_companions() {
    let Some(p) = load("ofac-sdn-2022-01-31") else {
        return;
    };
    assert_eq!(p.records.len(), 9_044);
    assert_eq!(p.skipped, 0);
    assert_eq!(p.files.len(), 3);
    // The last sdn.csv row repeats ent_num 2677 (a person's) for a Zambian company: kept.
    let dup = by_id(&p, "us_ofac_sdn:2677-2");
    assert_eq!(dup.caption(), "HAMER AND NAIL CONSTRUCTION LIMITED");
    assert_eq!(by_id(&p, "us_ofac_sdn:2677").schema, Schema::Person);
    assert!(
        p.warnings
            .iter()
            .any(|w| w.message.contains("duplicate ent_num 2677"))
    );
    // alt.csv: 12,409 rows (12,036 aka + 19 nka -> Alias, 354 fka -> FormerName), none dropped;
    // 28 more former names come from remarks `f.k.a.`.
    assert_eq!(count_names(&p, &[NameKind::Alias]), 12_036 + 19);
    assert_eq!(count_names(&p, &[NameKind::FormerName]), 354 + 28);
    let alias_warnings = p
        .warnings
        .iter()
        .filter(|w| w.file.ends_with("alt.csv"))
        .count();
    assert_eq!(alias_warnings, 0);
    // add.csv: 13,625 rows, 2,328 of them all `-0-`; one refers to an unknown ent_num.
    let addresses: usize = p.records.iter().map(|r| r.addresses.len()).sum();
    assert_eq!(addresses, 13_625 - 2_328 - 1);
    let unknown: Vec<_> = p
        .warnings
        .iter()
        .filter(|w| w.file.ends_with("add.csv") && w.message.contains("unknown ent_num"))
        .collect();
    assert_eq!(unknown.len(), 1, "{unknown:?}");

    // 306 BANCO NACIONAL DE CUBA: strong alias from alt.csv, weak one from remarks, 3+ addresses.
    let r = by_id(&p, "us_ofac_sdn:306");
    assert!(names_of(r, NameKind::Alias).contains(&"NATIONAL BANK OF CUBA"));
    assert_eq!(names_of(r, NameKind::WeakAlias), ["BNC"]);
    let zurich = r
        .addresses
        .iter()
        .find(|a| a.city.as_deref() == Some("Zurich CH-8022"))
        .expect("Zurich address");
    assert_eq!(zurich.full, "Zweierstrasse 35, Zurich CH-8022, Switzerland");
    assert_eq!(zurich.country.as_deref(), Some("CH"));
}

#[test]
fn sdn_2021_comments_are_appended() {
    let Some(p) = load("ofac-sdn-2021-07-07") else {
        return;
    };
    assert_eq!(p.records.len(), 8_976);
    assert_eq!(p.files.len(), 4);
    // 11,910 alt rows (11,523 aka + 18 nka, 369 fka); six a.k.a. rows repeat a name of their
    // record (two exact duplicate rows, four equal to the primary name): warned, not attached
    // twice. 24 more former names come from remarks `f.k.a.`.
    assert_eq!(count_names(&p, &[NameKind::Alias]), 11_523 + 18 - 6);
    assert_eq!(count_names(&p, &[NameKind::FormerName]), 369 + 24);
    let repeats = p
        .warnings
        .iter()
        .filter(|w| w.file.ends_with("alt.csv") && w.message.contains("repeats"))
        .count();
    assert_eq!(repeats, 6);
    // 12300: the link cut at "PROMO RAI" continues as "Z S.A.S." in sdn_comments.csv.
    let r = by_id(&p, "us_ofac_sdn:12300");
    assert!(
        r.links.iter().any(|l| l.target_name == "PROMO RAIZ S.A.S."),
        "{:?}",
        r.links
    );
    assert!(r.links.iter().any(|l| l.target_name == "R D I S.A."));
    // 28263: the weak alias cut at 'snowsjo continues with hn'.
    let r = by_id(&p, "us_ofac_sdn:28263");
    assert!(names_of(r, NameKind::WeakAlias).contains(&"snowsjohn"));
    assert!(r.links.iter().any(|l| l.target_name == "LAZARUS GROUP"));
    // No remark is reported cut short: every long one is continued.
    assert!(!p.warnings.iter().any(|w| w.message.contains("cut short")));
}

#[test]
fn consolidated_csv() {
    let Some(p) = load("ofac-cons-csv-2025-12-19") else {
        return;
    };
    assert_eq!(p.dataset, "us_ofac_cons");
    assert_eq!(p.records.len(), 442);
    assert_eq!(p.files.len(), 4);
    // 1,073 alias rows (932 aka, 141 fka); two aka rows repeat the primary name (warned);
    // three former names come from remarks `f.k.a.`.
    assert_eq!(count_names(&p, &[NameKind::Alias]), 932 - 2);
    assert_eq!(count_names(&p, &[NameKind::FormerName]), 141 + 3);
    assert_eq!(p.warnings.len(), 2, "{:?}", p.warnings);
    assert!(p.records.iter().all(|r| r.id.starts_with("us_ofac_cons:")
        && r.sanctions[0].list.as_deref() == Some("Consolidated")));
    // 9647 ZAHHAR, Mahmoud Khaled: strong alias from cons_alt.csv, two weak ones from remarks.
    let r = by_id(&p, "us_ofac_cons:9647");
    assert_eq!(names_of(r, NameKind::Alias), ["AL ZAHAR, Mahmoud Khaled"]);
    assert_eq!(
        names_of(r, NameKind::WeakAlias),
        ["ZAHAR, Mahmoud", "AL-ZAHAR, Mahmoud"]
    );
    assert_eq!(r.nationalities, ["PS"]);
    assert_eq!(r.links[0].target_name, "HAMAS");
    // 17014: remarks continue in cons_comments.csv ("Registration Numbe" + "r 1027700342890").
    let r = by_id(&p, "us_ofac_cons:17014");
    assert!(names_of(r, NameKind::WeakAlias).contains(&"RUSAG"));
    assert!(ids_of(r, IdKind::Ogrn).contains(&("1027700342890", Some("RU"))));
}

#[test]
fn companions_without_primary_are_skipped() {
    let Some(path) = interdict_sources::testdata::list("ofac-sdn-2025-12-24-companions") else {
        return;
    };
    let (units, skipped) = discover(std::slice::from_ref(&path), None).unwrap();
    assert!(units.is_empty(), "{units:?}");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(
        skipped[0].reason.contains("sdn.csv"),
        "{}",
        skipped[0].reason
    );
    // Called directly, the parser refuses too.
    let files: Vec<PathBuf> = ["add.csv", "alt.csv", "sdn_comments.csv"]
        .iter()
        .map(|f| path.join(f))
        .collect();
    let err = ofac_csv::parse(&files, &mut SourceContext::new(Format::OfacCsv, "t")).unwrap_err();
    assert!(err.to_string().contains("add.csv"), "{err}");
}

#[test]
fn truncated_file_is_an_error_naming_it() {
    let Some(src) = interdict_sources::testdata::list("ofac-sdn-2024-05-03/sdn.csv") else {
        return;
    };
    let bytes = std::fs::read(&src).unwrap();
    // Cut inside the name field of a row in the middle of the file.
    let mid = bytes.len() / 2;
    let nl = mid + bytes[mid..].iter().position(|&b| b == b'\n').unwrap();
    let cut = nl + 8;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sdn.csv");
    std::fs::write(&path, &bytes[..cut]).unwrap();
    let err = ofac_csv::parse(
        std::slice::from_ref(&path),
        &mut SourceContext::new(Format::OfacCsv, "t"),
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains(&path.display().to_string()) && msg.contains("line"),
        "{msg}"
    );
}

#[test]
fn handles_quirks_in_small_files() {
    let dir = tempfile::tempdir().unwrap();
    let sdn = dir.path().join("sdn.csv");
    std::fs::write(
        &sdn,
        "1,\"KIM, Jong Un\",individual,DPRK,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 08 Jan 1984; DOB 31 Feb 1990.\"\r\n\
         x2,BAD ROW,-0- ,X,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\
         3,SHORT ROW,-0- \r\n\
         4,\"SEA STAR\",vessel,\"IRAN] [SDGT\",-0- ,\"9HDS9\",\"Crude Oil Tanker\",\"318,000\",\"163,660\",\"Atlantis\",\"NITC\",\"Vessel Registration Identification IMO 9179843.\"\r\n\x1a",
    )
    .unwrap();
    let alt = dir.path().join("alt.csv");
    std::fs::write(
        &alt,
        "1,10,aka,\"KIM, Jong-un\",-0- \r\n99,11,aka,GHOST,-0- \r\n",
    )
    .unwrap();
    let mut ctx = SourceContext::new(Format::OfacCsv, "us_ofac_sdn");
    ofac_csv::parse(&[alt, sdn], &mut ctx).unwrap();
    let p = ctx.finish("k".into());
    assert_eq!(p.records.len(), 2);
    assert_eq!(p.skipped, 2, "{:?}", p.warnings);
    let kim = by_id(&p, "us_ofac_sdn:1");
    assert_eq!(names_of(kim, NameKind::Alias), ["KIM, Jong-un"]);
    assert_eq!(kim.birth_dates.len(), 1);
    assert_eq!(kim.properties["birthDate"], ["31 Feb 1990"]);
    let v = by_id(&p, "us_ofac_sdn:4");
    assert_eq!(v.schema, Schema::Vessel);
    assert_eq!(v.sanctions[0].programs, ["IRAN", "SDGT"]);
    assert_eq!(ids_of(v, IdKind::CallSign), [("9HDS9", None)]);
    assert_eq!(v.properties["vesselType"], ["Crude Oil Tanker"]);
    assert_eq!(v.properties["tonnage"], ["318,000"]);
    assert_eq!(v.properties["grossRegisteredTonnage"], ["163,660"]);
    assert_eq!(v.properties["flag"], ["Atlantis"]);
    assert_eq!(v.links[0].kind, LinkKind::OwnedBy);
    assert_eq!(v.links[0].target_name, "NITC");
    // A bad check digit is kept and warned about.
    assert!(
        !v.identifiers
            .iter()
            .any(|i| i.kind == IdKind::VesselImo && i.is_valid())
    );
    let messages: Vec<&str> = p.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("GHOST") || m.contains("`99`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("check digit")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("Atlantis")),
        "{messages:?}"
    );
}

/// Prints per-file warning counts and unrecognised remark segments (run with --ignored --nocapture).
#[test]
#[ignore]
fn report_stats() {
    for rel in [
        "ofac-sdn-2024-05-03",
        "ofac-sdn-2022-01-31",
        "ofac-sdn-2021-07-07",
        "ofac-cons-csv-2025-12-19",
    ] {
        let Some(p) = load(rel) else { return };
        let mut per_file: BTreeMap<String, usize> = BTreeMap::new();
        let mut per_msg: BTreeMap<String, usize> = BTreeMap::new();
        for w in &p.warnings {
            let f = Path::new(&w.file)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            *per_file.entry(f).or_default() += 1;
            let head: String = w.message.split('`').next().unwrap_or("").to_string();
            *per_msg.entry(head).or_default() += 1;
        }
        let unrec: usize = p.records.iter().map(|r| r.remarks.len()).sum();
        let mut heads: BTreeMap<String, usize> = BTreeMap::new();
        for r in &p.records {
            for s in &r.remarks {
                let h: String = s.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
                *heads.entry(h).or_default() += 1;
            }
        }
        let mut heads: Vec<_> = heads.into_iter().collect();
        heads.sort_by_key(|h| std::cmp::Reverse(h.1));
        println!(
            "== {rel}: {} records, schemas {:?}",
            p.records.len(),
            schema_counts(&p)
        );
        println!("   warnings {per_file:?}");
        println!("   by message {per_msg:?}");
        println!(
            "   names: alias {} weak {} former {}",
            count_names(&p, &[NameKind::Alias]),
            count_names(&p, &[NameKind::WeakAlias]),
            count_names(&p, &[NameKind::FormerName])
        );
        println!("   unrecognised remark segments kept: {unrec}");
        println!("   top: {:?}", &heads[..heads.len().min(60)]);
        for w in p.warnings.iter().take(40) {
            println!("   W {w}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000),
                                   alt in proptest::collection::vec(any::<u8>(), 0..500)) {
        let dir = tempfile::tempdir().unwrap();
        let sdn = dir.path().join("sdn.csv");
        let altp = dir.path().join("alt.csv");
        std::fs::write(&sdn, &bytes).unwrap();
        std::fs::write(&altp, &alt).unwrap();
        let _ = ofac_csv::parse(&[sdn, altp], &mut SourceContext::new(Format::OfacCsv, "t"));
    }

    #[test]
    fn mutated_rows_never_panic(remarks in "[ -~]{0,300}", name in "[ -~]{0,40}", cut in 0usize..400) {
        let row = format!(
            "7,\"{}\",individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"{}\"\r\n",
            name.replace('"', ""),
            remarks.replace('"', "")
        );
        let dir = tempfile::tempdir().unwrap();
        let sdn = dir.path().join("sdn.csv");
        let bytes = row.as_bytes();
        std::fs::write(&sdn, &bytes[..cut.min(bytes.len())]).unwrap();
        let _ = ofac_csv::parse(std::slice::from_ref(&sdn), &mut SourceContext::new(Format::OfacCsv, "t"));
        std::fs::write(&sdn, bytes).unwrap();
        let mut ctx = SourceContext::new(Format::OfacCsv, "t");
        prop_assert!(ofac_csv::parse(&[sdn], &mut ctx).is_ok());
    }

    #[test]
    fn remarks_never_panic(text in "\\PC{0,300}") {
        let mut r = Record::new("t", "1", Schema::Person);
        let _ = interdict_sources::ofac_remarks::apply_remarks(&text, &mut r);
    }
}
