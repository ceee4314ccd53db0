//! OFAC XML formats on real files: classic `sdnList`, enhanced `sanctionsData` and advanced
//! `Sanctions` (both namespaces), through discovery, plus truncation and fuzz robustness.

use interdict_model::{IdKind, LinkKind, NameKind, Record, Schema};
use interdict_sources::{
    Format, ParsedSource, SourceContext, ofac_advanced_xml, ofac_enhanced_xml, ofac_xml,
};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn load(path: PathBuf, format: Format) -> ParsedSource {
    let (units, skipped) = interdict_sources::discover(std::slice::from_ref(&path), None).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(units.len(), 1, "{units:?}");
    assert_eq!(units[0].format, format);
    interdict_sources::parse_unit(&units[0]).unwrap()
}

fn hand_edited(name: &str) -> Option<PathBuf> {
    interdict_sources::testdata::data_dir().map(|d| d.join("formats/hand-edited").join(name))
}

fn record<'a>(p: &'a ParsedSource, id: &str) -> &'a Record {
    p.records
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

fn schemas(p: &ParsedSource) -> BTreeMap<Schema, usize> {
    let mut m = BTreeMap::new();
    for r in &p.records {
        *m.entry(r.schema).or_default() += 1;
    }
    m
}

fn count(p: &ParsedSource, s: Schema) -> usize {
    schemas(p).get(&s).copied().unwrap_or(0)
}

/// Names per declared script (`Name.lang`).
fn langs(p: &ParsedSource) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for r in &p.records {
        for n in &r.names {
            if let Some(l) = &n.lang {
                *m.entry(l.clone()).or_default() += 1;
            }
        }
    }
    m
}

fn has_name(r: &Record, value: &str, kind: NameKind) -> bool {
    r.names.iter().any(|n| n.value == value && n.kind == kind)
}

fn has_id(r: &Record, kind: IdKind, value: &str, country: Option<&str>) -> bool {
    r.identifiers
        .iter()
        .any(|i| i.kind == kind && i.value == value && i.country.as_deref() == country)
}

fn no_warnings(p: &ParsedSource) {
    assert!(p.warnings.is_empty(), "{:#?}", p.warnings);
    assert_eq!(p.skipped, 0);
}

// ------------------------------------------------------------------------------------------
// Classic XML
// ------------------------------------------------------------------------------------------

#[test]
fn classic_consolidated_xml() {
    let Some(path) = interdict_sources::testdata::list("ofac-cons-xml-2025-03-28/consolidated.xml")
    else {
        return;
    };
    let p = load(path, Format::OfacXml);
    no_warnings(&p);
    assert_eq!(p.dataset, "us_ofac_cons");
    assert_eq!(p.list_date.as_deref(), Some("2025-03-28"));
    assert_eq!(p.records.len(), 443);
    assert_eq!(count(&p, Schema::Person), 80);
    assert_eq!(
        count(&p, Schema::Company) + count(&p, Schema::Organization),
        363
    );
    assert!(p.records.iter().all(|r| r.sanctions.len() == 1
        && r.sanctions[0].authority == "OFAC"
        && r.sanctions[0].list.as_deref() == Some("Consolidated")
        && !r.sanctions[0].programs.is_empty()));
    // 1,136 aka elements: 925 strong a.k.a., 141 strong f.k.a., 70 weak (3 of them f.k.a.: a
    // weak alias never alerts on its own, whatever its type). Entry 18721 repeats its primary
    // name as an a.k.a.: 924 aliases.
    let kinds = |k: NameKind| {
        p.records
            .iter()
            .flat_map(|r| &r.names)
            .filter(|n| n.kind == k)
            .count()
    };
    assert_eq!(kinds(NameKind::Primary), 443);
    assert_eq!(kinds(NameKind::WeakAlias), 70);
    assert_eq!(kinds(NameKind::FormerName), 141);
    assert_eq!(kinds(NameKind::Alias), 924);
    assert_eq!(
        p.records.iter().map(|r| r.birth_dates.len()).sum::<usize>(),
        75
    );
    assert_eq!(
        p.records.iter().map(|r| r.addresses.len()).sum::<usize>(),
        520
    );

    let h = record(&p, "us_ofac_cons:9639");
    assert_eq!(h.schema, Schema::Person);
    assert_eq!(h.caption(), "HANIYA, Ismail Abdul Salah");
    assert!(has_name(h, "HANIYYA, Ismaeel", NameKind::Alias));
    assert_eq!(h.name_parts.last, ["HANIYA"]);
    assert_eq!(h.name_parts.first, ["Ismail Abdul Salah"]);
    assert_eq!(h.birth_dates[0].to_string(), "1962");
    assert_eq!(h.birth_places, ["Shati"]);
    assert_eq!(h.sanctions[0].programs, ["NS-PLC"]);
    assert_eq!(h.provenance.list_date.as_deref(), Some("2025-03-28"));

    // Palestinian address and nationality (OFAC spells the country "Palestinian").
    let s = record(&p, "us_ofac_cons:9641");
    assert_eq!(s.addresses[0].full, "Gaza, Palestinian");
    assert_eq!(s.addresses[0].country.as_deref(), Some("PS"));

    let veb = record(&p, "us_ofac_cons:17015");
    assert_eq!(veb.schema, Schema::Company);
    assert!(has_name(veb, "VEB", NameKind::WeakAlias));
    assert!(has_name(veb, "VNESHECONOMBANK", NameKind::FormerName));
    assert!(has_id(veb, IdKind::Inn, "7750004150", Some("RU")));
    assert!(has_id(veb, IdKind::Ogrn, "1077711000102", Some("RU")));
    assert!(has_id(veb, IdKind::Bic, "BFEARUMM", None));
    assert!(veb.remarks.iter().any(|r| r == "BIK (RU) 044525060"));
    assert_eq!(veb.properties["incorporationDate"], ["1922-08-18"]);
    assert_eq!(veb.properties["website"], ["www.veb.ru"]);
    assert!(veb.addresses.iter().any(|a| a.full
        == "Akademik Sakharov Ave 9, Moscow, 107996, Russia"
        && a.city.as_deref() == Some("Moscow")
        && a.country.as_deref() == Some("RU")));

    // "Linked To" lives in the remarks of the classic format.
    let exim = record(&p, "us_ofac_cons:18268");
    assert!(has_id(exim, IdKind::Lei, "253400HA6URWT39X2982", None));
    assert!(exim.links.iter().any(|l| l.kind == LinkKind::LinkedTo
        && l.target_name == "STATE CORPORATION BANK FOR DEVELOPMENT AND FOREIGN ECONOMIC AFFAIRS VNESHECONOMBANK"));
    let hk = record(&p, "us_ofac_cons:30924");
    assert_eq!(
        hk.links[0].target_name,
        "CHINA UNITED NETWORK COMMUNICATIONS GROUP CO., LTD."
    );
    assert!(has_id(
        record(&p, "us_ofac_cons:30942"),
        IdKind::Uscc,
        "91110000MA001HYK9X",
        Some("CN")
    ));

    // The one passport (Turkey) and the one citizenship.
    let passports: Vec<&Record> = p
        .records
        .iter()
        .filter(|r| has_id(r, IdKind::Passport, "U00242309", Some("TR")))
        .collect();
    assert_eq!(passports.len(), 1);
    assert_eq!(passports[0].citizenships, ["TR"]);
    assert_eq!(
        passports[0].gender,
        Some(interdict_model::record::Gender::Male)
    );
}

// ------------------------------------------------------------------------------------------
// Enhanced XML
// ------------------------------------------------------------------------------------------

#[test]
fn enhanced_irgc_and_yemen() {
    let Some(dir) = interdict_sources::testdata::list("ofac-enhanced-xml-2024") else {
        return;
    };
    let p = load(dir.join("IRGC_sanctions.xml"), Format::OfacEnhancedXml);
    no_warnings(&p);
    assert_eq!(p.dataset, "us_ofac_sdn");
    assert_eq!(p.list_date.as_deref(), Some("2024-08-28"));
    assert_eq!(p.records.len(), 293);
    assert_eq!(count(&p, Schema::Person), 165);
    assert_eq!(count(&p, Schema::Airplane), 44);
    assert_eq!(
        count(&p, Schema::Company) + count(&p, Schema::Organization),
        84
    );
    // 92 Arabic translations, one repeated within entity 42538: 91 distinct names.
    let l = langs(&p);
    assert_eq!(l.get("Arabic"), Some(&91));
    assert_eq!(l.get("Cyrillic"), Some(&3));
    assert_eq!(l.get("Chinese Traditional"), Some(&1));
    assert_eq!(l.get("Latin"), Some(&834));
    let dup = record(&p, "us_ofac_sdn:42538");
    assert_eq!(
        dup.names
            .iter()
            .filter(|n| n.value == "امان الله گشتاسبی")
            .count(),
        1
    );

    let plane = record(&p, "us_ofac_sdn:24475");
    assert_eq!(plane.schema, Schema::Airplane);
    assert_eq!(plane.caption(), "EP-PUL");
    assert!(has_id(plane, IdKind::AircraftSerial, "33448393", None));
    assert_eq!(plane.properties["model"], ["IL-76"]);
    assert_eq!(plane.properties["buildDate"], ["1983"]);
    assert!(
        plane
            .links
            .iter()
            .any(|l| l.kind == LinkKind::OperatedBy && l.target_name == "Pouya Air")
    );
    assert!(plane.links.iter().any(|l| l.kind == LinkKind::OwnedBy
        && l.target_name == "POUYA AIR"
        && l.target_id.as_deref() == Some("us_ofac_sdn:13109")));
    assert_eq!(plane.sanctions[0].list.as_deref(), Some("SDN"));
    assert_eq!(plane.sanctions[0].programs, ["IFSR", "IRGC", "SDGT"]);
    assert_eq!(
        plane.sanctions[0]
            .listing_date
            .map(|d| d.to_string())
            .as_deref(),
        Some("2018-05-24")
    );

    let person = record(&p, "us_ofac_sdn:26526");
    assert_eq!(person.caption(), "EBRAHIMI, Ayatollah");
    assert_eq!(person.name_parts.first, ["Ayatollah"]);
    assert_eq!(person.name_parts.last, ["Ebrahimi"]);
    assert_eq!(person.birth_dates[0].to_string(), "1972");
    assert_eq!(person.birth_places, ["Qomshaneh, Hamadan Province, Iran"]);

    // Arabic spelling of the primary name: an alias tagged Arabic, bidi marks removed.
    let fatemiyoun = p
        .records
        .iter()
        .find(|r| r.names.iter().any(|n| n.value == "لواء فاطميون"))
        .unwrap();
    let ar = fatemiyoun
        .names
        .iter()
        .find(|n| n.value == "لواء فاطميون")
        .unwrap();
    assert_eq!(
        (ar.kind, ar.lang.as_deref()),
        (NameKind::Alias, Some("Arabic"))
    );

    let y = load(dir.join("yemen_sanctions.xml"), Format::OfacEnhancedXml);
    no_warnings(&y);
    assert_eq!(y.records.len(), 10);
    assert_eq!(count(&y, Schema::Person), 10);
    assert_eq!(langs(&y).get("Arabic"), Some(&3));
    assert_eq!(y.list_date.as_deref(), Some("2024-05-24"));
    let z = record(&y, "us_ofac_sdn:30624");
    assert_eq!(z.caption(), "ZABIN, Sultan");
    assert!(has_name(z, "SAQAR, Abu", NameKind::WeakAlias));
    assert!(has_name(z, "سلطان صالح عیضة عیضة زابن", NameKind::Alias));
    assert_eq!(z.birth_dates[0].to_string(), "1986");
    assert_eq!(z.nationalities, ["YE"]);
    assert!(has_id(z, IdKind::NationalId, "10010095104", Some("YE")));
}

#[test]
fn enhanced_consolidated_zip() {
    let Some(path) =
        interdict_sources::testdata::list("ofac-cons-enhanced-xml-2025-01/CONS_ENHANCED.ZIP")
    else {
        return;
    };
    let p = load(path, Format::OfacEnhancedXml);
    no_warnings(&p);
    assert_eq!(p.dataset, "us_ofac_cons");
    assert_eq!(p.list_date.as_deref(), Some("2025-01-10"));
    assert_eq!(p.records.len(), 443);
    assert_eq!(count(&p, Schema::Person), 80);
    assert_eq!(
        count(&p, Schema::Company) + count(&p, Schema::Organization),
        363
    );
    let l = langs(&p);
    assert_eq!(l.get("Cyrillic"), Some(&39));
    assert_eq!(
        l.get("Chinese Simplified").unwrap_or(&0) + l.get("Chinese Traditional").unwrap_or(&0),
        6
    );

    let veb = record(&p, "us_ofac_cons:17015");
    assert!(has_name(veb, "ВЭБ.РФ", NameKind::Alias));
    assert!(has_id(veb, IdKind::Inn, "7750004150", Some("RU")));
    assert!(
        veb.addresses
            .iter()
            .any(|a| a.city.as_deref() == Some("Город Москва"))
    );
    let lists: Vec<&str> = veb
        .sanctions
        .iter()
        .filter_map(|s| s.list.as_deref())
        .collect();
    assert_eq!(
        lists,
        [
            "Sectoral Sanctions Identifications List",
            "Consolidated",
            "SDN"
        ]
    );

    // "A owns, controls, or operates B" becomes "B owned by A".
    let parent = record(&p, "us_ofac_cons:30942");
    assert!(parent.links.iter().any(|l| l.kind == LinkKind::OwnedBy
        && l.target_id.as_deref() == Some("us_ofac_cons:30924")
        && l.target_name == "CHINA UNICOM (HONG KONG) LIMITED"));
    assert!(record(&p, "us_ofac_cons:30924").links.is_empty());
    assert_eq!(p.records.iter().map(|r| r.links.len()).sum::<usize>(), 283);
    // One relationship points outside the consolidated list: at the SDN entry of that number.
    let outside: Vec<&str> = p
        .records
        .iter()
        .flat_map(|r| &r.links)
        .filter_map(|l| l.target_id.as_deref())
        .filter(|t| t.starts_with("us_ofac_sdn:"))
        .collect();
    assert_eq!(outside.len(), 1, "{outside:?}");
}

// ------------------------------------------------------------------------------------------
// Advanced XML
// ------------------------------------------------------------------------------------------

#[test]
fn advanced_consolidated_2020() {
    let Some(dir) = interdict_sources::testdata::list("ofac-cons-advanced-xml-2020-03-17") else {
        return;
    };
    let p = load(dir.join("cons_advanced.xml.gz"), Format::OfacAdvancedXml);
    no_warnings(&p);
    assert_eq!(p.dataset, "us_ofac_cons");
    assert_eq!(p.list_date.as_deref(), Some("2020-03-17"));
    assert_eq!(p.records.len(), 375);
    assert_eq!(count(&p, Schema::Person), 82);
    assert_eq!(
        count(&p, Schema::Company) + count(&p, Schema::Organization),
        293
    );
    assert_eq!(p.records.iter().map(|r| r.links.len()).sum::<usize>(), 276);
    assert_eq!(
        p.records.iter().map(|r| r.birth_dates.len()).sum::<usize>(),
        77
    );

    let h = record(&p, "us_ofac_cons:9639");
    assert_eq!(h.caption(), "HANIYA, Ismail Abdul Salah");
    assert_eq!(h.name_parts.last, ["HANIYA"]);
    assert!(has_name(h, "HANIYYA, Ismaeel", NameKind::Alias));
    assert_eq!(h.birth_dates[0].to_string(), "1962");
    assert_eq!(h.birth_places, ["Shati"]);
    let mut lists: Vec<(String, String)> = h
        .sanctions
        .iter()
        .map(|s| {
            (
                s.list.clone().unwrap_or_default(),
                s.listing_date.map(|d| d.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    lists.sort();
    assert_eq!(
        lists,
        [
            ("Consolidated".to_string(), "2014-10-10".to_string()),
            (
                "Non-SDN Palestinian Legislative Council List".to_string(),
                "2006-04-12".to_string()
            )
        ]
    );
    assert!(h.sanctions.iter().all(|s| s.programs == ["NS-PLC"]));

    let exim = record(&p, "us_ofac_cons:18268");
    assert_eq!(exim.links.len(), 1);
    assert_eq!(exim.links[0].kind, LinkKind::OwnedBy);
    assert_eq!(exim.links[0].target_name, "Vnesheconombank");
    assert_eq!(
        exim.links[0].target_id.as_deref(),
        Some("us_ofac_cons:17015")
    );
    assert!(has_id(exim, IdKind::Bic, "EXIRRUMM", None));
    assert_eq!(
        exim.properties["provisions"],
        ["13662 Sectoral Directive 1"]
    );

    let veb = record(&p, "us_ofac_cons:17015");
    assert!(has_name(veb, "VEB", NameKind::WeakAlias));
    assert_eq!(
        veb.addresses[0].full,
        "9 Akademika Sakharova prospekt, Moscow, 107996, Russia"
    );
    assert_eq!(veb.addresses[0].country.as_deref(), Some("RU"));

    // IssuingAuthority `INN` / `OGRN` names the Russian register.
    assert!(
        p.records
            .iter()
            .any(|r| has_id(r, IdKind::Inn, "7810327462", Some("RU")))
    );
    assert!(
        p.records
            .iter()
            .any(|r| has_id(r, IdKind::Ogrn, "1057803105755", Some("RU")))
    );
    assert!(
        p.records
            .iter()
            .any(|r| has_id(r, IdKind::Passport, "U00242309", Some("TR")))
    );

    let s = load(
        dir.join("cons_advanced.subset.xml"),
        Format::OfacAdvancedXml,
    );
    no_warnings(&s);
    assert_eq!(s.records.len(), 6);
    assert_eq!(count(&s, Schema::Person), 3);
    assert_eq!(
        count(&s, Schema::Company) + count(&s, Schema::Organization),
        3
    );
    let ids: Vec<&str> = s.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "us_ofac_cons:9639",
            "us_ofac_cons:9640",
            "us_ofac_cons:9641",
            "us_ofac_cons:17015",
            "us_ofac_cons:17143",
            "us_ofac_cons:18268"
        ]
    );
    assert_eq!(record(&s, "us_ofac_cons:18268").links, exim.links);
    assert_eq!(record(&s, "us_ofac_cons:9639").sanctions.len(), 2);
}

#[test]
fn advanced_hand_edited_both_namespaces() {
    for name in [
        "ofac_sdn_advanced.2021-un-namespace.xml",
        "ofac_sdn_advanced.2024-ADVANCED_XML-namespace.xml",
    ] {
        let Some(path) = hand_edited(name) else {
            return;
        };
        let p = load(path, Format::OfacAdvancedXml);
        assert_eq!(p.dataset, "us_ofac_sdn");
        assert_eq!(p.list_date.as_deref(), Some("2021-01-19"));
        assert_eq!(p.records.len(), 1, "{name}");
        assert_eq!(p.skipped, 0);
        let r = &p.records[0];
        assert_eq!(r.id, "us_ofac_sdn:7843");
        assert_eq!(r.schema, Schema::Person);
        assert_eq!(r.caption(), "AL-TIKRITI, Saddam Hussein");
        assert_eq!(r.name_parts.first, ["Saddam Hussein"]);
        assert!(has_name(r, "ABU ALI", NameKind::WeakAlias));
        assert!(has_name(r, "HUSSEIN, Saddam", NameKind::Alias));
        assert_eq!(r.names.len(), 5);
        assert!(r.names.iter().all(|n| n.lang.as_deref() == Some("Latin")));
        assert_eq!(r.remarks, ["named in UNSCR 1483; President since 1979;"]);
        // The cut-down file leaves out feature types 8/9/10/25 (read as OFAC's standard ones),
        // locations, a country, a document type and the parties its entries point at.
        assert_eq!(r.birth_dates[0].to_string(), "1937-04-28");
        assert_eq!(r.birth_places, ["al-Awja, near Tikrit, Iraq"]);
        assert_eq!(p.warnings.len(), 13, "{:#?}", p.warnings);
        for w in [
            "FeatureTypeID 8 is not in the file's reference values",
            "unknown LocationID 186110",
            "unknown CountryID 11073",
            "SanctionsEntry 36",
            "belongs to identity 4267",
        ] {
            assert!(p.warnings.iter().any(|x| x.to_string().contains(w)), "{w}");
        }
    }
}

// ------------------------------------------------------------------------------------------
// Broken files
// ------------------------------------------------------------------------------------------

type Parser = fn(&[PathBuf], &mut SourceContext) -> Result<(), interdict_sources::SourceError>;

fn parse_bytes(
    parser: Parser,
    format: Format,
    bytes: &[u8],
    name: &str,
) -> (
    Result<(), interdict_sources::SourceError>,
    PathBuf,
    tempfile::TempDir,
) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let mut ctx = SourceContext::new(format, "t");
    let res = parser(std::slice::from_ref(&path), &mut ctx);
    (res, path, dir)
}

fn read_all(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    interdict_sources::input::open(path)
        .unwrap()
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn assert_truncation_fails(parser: Parser, format: Format, full: &[u8], name: &str) {
    let text = String::from_utf8_lossy(full);
    // Cut in the middle of a tag, in the middle of text, and cleanly after a closing tag.
    let half = full.len() / 2;
    let after_tag = text
        .get(..half)
        .and_then(|h| h.rfind("</"))
        .and_then(|i| text.get(i..).and_then(|t| t.find('>')).map(|j| i + j + 1))
        .unwrap();
    for cut in [half, half + 3, after_tag, full.len() - 3] {
        let (res, path, _dir) = parse_bytes(parser, format, &full[..cut], name);
        let err = res.expect_err("truncated file must fail").to_string();
        assert!(err.contains(&path.display().to_string()), "{err}");
    }
}

#[test]
fn truncated_files_fail_naming_the_file() {
    let Some(d) = interdict_sources::testdata::data_dir() else {
        return;
    };
    let classic = read_all(&d.join("lists/ofac-cons-xml-2025-03-28/consolidated.xml"));
    assert_truncation_fails(
        ofac_xml::parse,
        Format::OfacXml,
        &classic,
        "consolidated.xml",
    );
    let enhanced = read_all(&d.join("lists/ofac-enhanced-xml-2024/yemen_sanctions.xml"));
    assert_truncation_fails(
        ofac_enhanced_xml::parse,
        Format::OfacEnhancedXml,
        &enhanced,
        "yemen.xml",
    );
    let advanced =
        read_all(&d.join("lists/ofac-cons-advanced-xml-2020-03-17/cons_advanced.subset.xml"));
    assert_truncation_fails(
        ofac_advanced_xml::parse,
        Format::OfacAdvancedXml,
        &advanced,
        "cons_advanced.xml",
    );

    // A truncated gzip stream fails too.
    let gz = std::fs::read(d.join("lists/ofac-cons-advanced-xml-2020-03-17/cons_advanced.xml.gz"))
        .unwrap();
    let (res, path, _dir) = parse_bytes(
        ofac_advanced_xml::parse,
        Format::OfacAdvancedXml,
        &gz[..gz.len() / 2],
        "cons_advanced.xml.gz",
    );
    let err = res.expect_err("truncated gzip must fail").to_string();
    assert!(err.contains(&path.display().to_string()), "{err}");

    // The wrong document for the parser is an error, not an empty list.
    let (res, _, _dir) = parse_bytes(ofac_xml::parse, Format::OfacXml, &enhanced, "x.xml");
    assert!(
        res.unwrap_err()
            .to_string()
            .contains("expected a <sdnList> document")
    );
    let (res, _, _dir) = parse_bytes(
        ofac_enhanced_xml::parse,
        Format::OfacEnhancedXml,
        b"",
        "empty.xml",
    );
    assert!(res.is_err());
}

#[test]
fn entity_problems_are_warnings() {
    let xml = br#"<?xml version="1.0"?>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
  <publshInformation><Publish_Date>02/30/2025</Publish_Date><Record_Count>3</Record_Count></publshInformation>
  <sdnEntry><lastName>NO UID</lastName><sdnType>Entity</sdnType></sdnEntry>
  <sdnEntry><uid>1</uid><lastName>SMITH &amp; SONS LTD</lastName><sdnType>Entity</sdnType>
    <programList><program>SDGT</program></programList>
    <dateOfBirthList><dateOfBirthItem><dateOfBirth>31 Feb 1970</dateOfBirth></dateOfBirthItem></dateOfBirthList>
    <nationalityList><nationality><country>Atlantis</country></nationality></nationalityList>
  </sdnEntry>
</sdnList>"#;
    let (res, _, _dir) = parse_bytes(ofac_xml::parse, Format::OfacXml, xml, "sdn.xml");
    res.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sdn.xml");
    std::fs::write(&path, xml).unwrap();
    let mut ctx = SourceContext::new(Format::OfacXml, "us_ofac_sdn");
    ofac_xml::parse(std::slice::from_ref(&path), &mut ctx).unwrap();
    assert_eq!(ctx.records.len(), 1);
    assert_eq!(ctx.skipped, 1);
    let r = &ctx.records[0];
    assert_eq!(r.caption(), "SMITH & SONS LTD");
    assert_eq!(r.schema, Schema::Company);
    assert_eq!(r.sanctions[0].list.as_deref(), Some("SDN"));
    assert_eq!(r.properties["birthDate"], ["31 Feb 1970"]);
    assert_eq!(r.properties["nationality"], ["Atlantis"]);
    let msgs: Vec<String> = ctx.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(msgs.len(), 5, "{msgs:#?}"); // date, skip, birth date, country, count
    assert!(msgs.iter().any(|m| m.contains("Publish_Date")));
    assert!(msgs.iter().any(|m| m.contains("Record_Count says 3")));
    assert!(ctx.list_date.is_none());
}

fn fuzz_one(bytes: &[u8]) {
    for (parser, format) in [
        (ofac_xml::parse as Parser, Format::OfacXml),
        (ofac_enhanced_xml::parse as Parser, Format::OfacEnhancedXml),
        (ofac_advanced_xml::parse as Parser, Format::OfacAdvancedXml),
    ] {
        let (res, _, _dir) = parse_bytes(parser, format, bytes, "fuzz.xml");
        let _ = res;
    }
}

const SAMPLE_ADVANCED: &str = r#"<?xml version="1.0"?><Sanctions><DateOfIssue><Year>2020</Year><Month>3</Month><Day>17</Day></DateOfIssue><ReferenceValueSets><PartySubTypeValues><PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType></PartySubTypeValues><PartyTypeValues><PartyType ID="1">Individual</PartyType></PartyTypeValues><FeatureTypeValues><FeatureType ID="8">Birthdate</FeatureType></FeatureTypeValues><NamePartTypeValues><NamePartType ID="1520">Last Name</NamePartType></NamePartTypeValues></ReferenceValueSets><Locations/><IDRegDocuments/><DistinctParties><DistinctParty FixedRef="1"><Profile ID="1" PartySubTypeID="4"><Identity ID="1" Primary="true"><Alias AliasTypeID="1403" Primary="true" LowQuality="false"><DocumentedName ID="1"><DocumentedNamePart><NamePartValue NamePartGroupID="1" ScriptID="215">DOE</NamePartValue></DocumentedNamePart></DocumentedName></Alias><NamePartGroups><MasterNamePartGroup><NamePartGroup ID="1" NamePartTypeID="1520"/></MasterNamePartGroup></NamePartGroups></Identity><Feature ID="1" FeatureTypeID="8"><FeatureVersion ID="1"><DatePeriod><Start Approximate="false"><From><Year>1960</Year><Month>1</Month><Day>1</Day></From></Start><End Approximate="false"><To><Year>1960</Year><Month>12</Month><Day>31</Day></To></End></DatePeriod></FeatureVersion></Feature></Profile></DistinctParty></DistinctParties><ProfileRelationships/><SanctionsEntries/></Sanctions>"#;

const SAMPLE_ENHANCED: &str = r#"<?xml version="1.0"?><sanctionsData><publicationInfo><dataAsOf>2024-08-28T00:00:00</dataAsOf></publicationInfo><entities><entity id="1"><generalInfo><entityType>Individual</entityType></generalInfo><names><name id="1"><isPrimary>true</isPrimary><isLowQuality>false</isLowQuality><translations><translation id="1"><isPrimary>true</isPrimary><script>Latin</script><formattedFullName>DOE, John</formattedFullName></translation></translations></name></names><features><feature id="1"><type>Birthdate</type><value>circa 1960</value></feature></features><relationships><relationship id="1"><type>Owns, controls, or operates</type><relatedEntity entityId="2">X</relatedEntity></relationship></relationships></entity></entities></sanctionsData>"#;

#[test]
fn samples_parse() {
    let (res, path, _dir) = parse_bytes(
        ofac_advanced_xml::parse,
        Format::OfacAdvancedXml,
        SAMPLE_ADVANCED.as_bytes(),
        "a.xml",
    );
    res.unwrap();
    let mut ctx = SourceContext::new(Format::OfacAdvancedXml, "t");
    ofac_advanced_xml::parse(std::slice::from_ref(&path), &mut ctx).unwrap();
    assert_eq!(ctx.records[0].caption(), "DOE");
    assert_eq!(ctx.records[0].birth_dates[0].to_string(), "1960");
    assert!(ctx.warnings.is_empty(), "{:?}", ctx.warnings);

    let (_, path, _dir2) = parse_bytes(
        ofac_enhanced_xml::parse,
        Format::OfacEnhancedXml,
        SAMPLE_ENHANCED.as_bytes(),
        "e.xml",
    );
    let mut ctx = SourceContext::new(Format::OfacEnhancedXml, "t");
    ofac_enhanced_xml::parse(std::slice::from_ref(&path), &mut ctx).unwrap();
    let r = &ctx.records[0];
    assert_eq!(r.birth_dates[0].to_string(), "~1960");
    // The related entity is not in the file: the inverse link falls back to a plain link.
    assert_eq!(r.links[0].kind, LinkKind::LinkedTo);
    assert_eq!(r.links[0].target_id.as_deref(), Some("t:2"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        fuzz_one(&bytes);
    }

    #[test]
    fn mutated_samples_never_panic(which in 0usize..2, cut in any::<prop::sample::Index>(), pos in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let sample = if which == 0 { SAMPLE_ADVANCED } else { SAMPLE_ENHANCED };
        let mut bytes = sample.as_bytes().to_vec();
        let p = pos.index(bytes.len());
        bytes[p] = byte;
        let c = cut.index(bytes.len() + 1);
        fuzz_one(&bytes[..c]);
        fuzz_one(&bytes);
    }
}
