//! UN consolidated XML, EU Financial Sanctions Files XML and UK Sanctions List XML parsers, on the
//! real files in the shared data folder and on small synthetic documents.

use interdict_model::{DateValue, IdKind, NameKind, Record, Schema, Script, record::Gender};
use interdict_sources::{Format, ParsedSource, SourceContext, discover, parse_unit};
use proptest::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

fn parse_path(path: &Path) -> Vec<ParsedSource> {
    let (units, skipped) = discover(&[path.to_path_buf()], None).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    units.iter().map(|u| parse_unit(u).unwrap()).collect()
}

fn one(path: &Path) -> ParsedSource {
    let mut all = parse_path(path);
    assert_eq!(all.len(), 1);
    all.remove(0)
}

fn rec<'a>(ps: &'a ParsedSource, id: &str) -> &'a Record {
    ps.records
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no record {id}"))
}

fn names(r: &Record, kind: NameKind) -> Vec<&str> {
    r.names
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| n.value.as_str())
        .collect()
}

fn count(ps: &ParsedSource, schema: Schema) -> usize {
    ps.records.iter().filter(|r| r.schema == schema).count()
}

fn dates(r: &Record) -> Vec<String> {
    r.birth_dates.iter().map(DateValue::to_string).collect()
}

fn has_id(r: &Record, kind: IdKind, value: &str, country: Option<&str>) -> bool {
    r.identifiers
        .iter()
        .any(|i| i.kind == kind && i.value == value && i.country.as_deref() == country)
}

fn temp_with(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(bytes).unwrap();
    (dir, path)
}

type ParseFn = fn(&[PathBuf], &mut SourceContext) -> Result<(), interdict_sources::SourceError>;

fn parse_bytes(
    parse: ParseFn,
    format: Format,
    name: &str,
    bytes: &[u8],
) -> (Result<(), String>, SourceContext, PathBuf) {
    let (_dir, path) = temp_with(name, bytes);
    let mut ctx = SourceContext::new(format, "t");
    let res = parse(std::slice::from_ref(&path), &mut ctx).map_err(|e| e.to_string());
    (res, ctx, path)
}

// ---------------------------------------------------------------------------------------------
// UN

#[test]
fn un_consolidated_list() {
    let Some(dir) = interdict_sources::testdata::list("un-sc-2026-02-27") else {
        return;
    };
    let ps = one(&dir);
    assert_eq!(ps.format, Format::UnXml);
    assert_eq!(ps.dataset, "un_sc_sanctions");
    assert_eq!(ps.list_date.as_deref(), Some("2026-02-27"));
    assert_eq!(ps.records.len(), 1003);
    assert_eq!(ps.skipped, 0);
    assert_eq!(count(&ps, Schema::Person), 730);
    assert_eq!(
        count(&ps, Schema::Organization) + count(&ps, Schema::Company),
        273
    );
    assert_eq!(
        count(&ps, Schema::Company),
        90,
        "entities with a legal form in a name"
    );
    let dprk = ps
        .records
        .iter()
        .filter(|r| {
            r.sanctions
                .iter()
                .any(|s| s.list.as_deref() == Some("DPRK"))
        })
        .count();
    assert_eq!(dprk, 155);
    for r in &ps.records {
        let reference = r.id.strip_prefix("un_sc_sanctions:").unwrap();
        assert!(has_id(r, IdKind::UnReference, reference, None), "{}", r.id);
        assert_eq!(r.sanctions.len(), 1);
        assert_eq!(r.sanctions[0].authority, "UN Security Council");
        assert_eq!(r.sanctions[0].references, vec![reference.to_string()]);
        assert!(r.sanctions[0].listing_date.is_some(), "{}", r.id);
        assert_eq!(names(r, NameKind::Primary).len(), 1, "{}", r.id);
    }

    // Warnings: 14 documents without a number, 2 unreadable dates of birth, 1 name with U+FFFD.
    // Empty placeholder aliases (291 in this file) are not warned about.
    assert_eq!(ps.warnings.len(), 17, "{:#?}", ps.warnings);
    let count_w = |s: &str| ps.warnings.iter().filter(|w| w.message.contains(s)).count();
    assert_eq!(count_w("without NUMBER"), 14);
    assert_eq!(count_w("unreadable date of birth"), 2);
    assert_eq!(count_w("U+FFFD"), 1);
    assert_eq!(count_w("alias"), 0);

    // The two U+FFFD characters already in the file are kept.
    let fffd: usize = ps
        .records
        .iter()
        .flat_map(|r| &r.names)
        .map(|n| n.value.matches('\u{FFFD}').count())
        .sum();
    assert_eq!(fffd, 2);
    assert!(
        rec(&ps, "un_sc_sanctions:TAi.068")
            .names
            .iter()
            .any(|n| n.value.contains('\u{FFFD}'))
    );

    // Every NAME_ORIGINAL_SCRIPT is an alias of its record: 378 (Arabic 366, Cyrillic 11, Latin 1).
    let text = std::fs::read_to_string(dir.join("consolidated.xml")).unwrap();
    let mut originals = Vec::new();
    for (pos, _) in text.match_indices("<NAME_ORIGINAL_SCRIPT>") {
        let value = &text[pos + "<NAME_ORIGINAL_SCRIPT>".len()..];
        let value = &value[..value.find("</NAME_ORIGINAL_SCRIPT>").unwrap()];
        let before = &text[..pos];
        let reference =
            &before[before.rfind("<REFERENCE_NUMBER>").unwrap() + "<REFERENCE_NUMBER>".len()..];
        let reference = &reference[..reference.find('<').unwrap()];
        originals.push((
            reference.to_string(),
            value.split_whitespace().collect::<Vec<_>>().join(" "),
        ));
    }
    assert_eq!(originals.len(), 378);
    let (mut arabic, mut cyrillic, mut same_as_primary) = (0, 0, 0);
    for (reference, original) in &originals {
        let r = rec(&ps, &format!("un_sc_sanctions:{reference}"));
        let n = r
            .names
            .iter()
            .find(|n| &n.value == original)
            .unwrap_or_else(|| panic!("{reference}: {original}"));
        match n.kind {
            NameKind::Alias => {}
            NameKind::Primary => same_as_primary += 1,
            k => panic!("{reference}: {k:?}"),
        }
        assert_eq!(n.lang, None);
        match n.script() {
            Script::Arabic => arabic += 1,
            Script::Cyrillic => cyrillic += 1,
            _ => {}
        }
    }
    assert_eq!((arabic, cyrillic), (366, 11));
    assert_eq!(
        same_as_primary, 1,
        "JAMAAH ANSHARUT DAULAH is written in Latin letters"
    );
    assert_eq!(
        text.matches("<ALIAS_NAME/>").count(),
        291,
        "placeholder aliases in the file"
    );

    // A DPRK individual.
    let kim = rec(&ps, "un_sc_sanctions:KPi.066");
    assert_eq!(kim.schema, Schema::Person);
    assert_eq!(names(kim, NameKind::Primary), vec!["KIM JONG SIK"]);
    assert_eq!(names(kim, NameKind::Alias), vec!["Kim Cho’ng-sik"]);
    assert_eq!(kim.name_parts.first, vec!["KIM"]);
    assert_eq!(kim.name_parts.last, vec!["JONG SIK"]);
    assert_eq!(dates(kim), vec!["1967..1969"]);
    assert_eq!(kim.nationalities, vec!["KP"]);
    assert_eq!(
        kim.gender,
        Some(Gender::Male),
        "from `Gender: male` in COMMENTS1"
    );
    assert_eq!(kim.addresses[0].country.as_deref(), Some("KP"));
    let s = &kim.sanctions[0];
    assert_eq!(s.list.as_deref(), Some("DPRK"));
    assert_eq!(s.programs, vec!["DPRK"]);
    assert_eq!(
        s.listing_date.map(|d| d.to_string()).as_deref(),
        Some("2017-12-22")
    );
    assert!(kim.positions[0].starts_with("A leading official guiding the DPRK’s WMD development"));

    // A DPRK entity with a legal form in an alias, address in Hong Kong.
    let leader = rec(&ps, "un_sc_sanctions:KPe.017");
    assert_eq!(leader.schema, Schema::Company);
    assert_eq!(leader.caption(), "LEADER (HONG KONG) INTERNATIONAL");
    assert_eq!(leader.addresses[0].country.as_deref(), Some("HK"));

    // Alias qualities: Low → weak alias, f.k.a. → former name.
    let iyamuremye = rec(&ps, "un_sc_sanctions:CDi.003");
    assert_eq!(names(iyamuremye, NameKind::WeakAlias), vec!["Rumuli"]);
    assert!(names(iyamuremye, NameKind::Alias).contains(&"Victor Rumuri"));
    assert_eq!(
        iyamuremye.birth_places,
        vec![
            "Musanze District, Northern Province, Rwanda",
            "Ruhengeri, Rwanda"
        ]
    );
    assert_eq!(iyamuremye.nationalities, vec!["RW"]);
    assert_eq!(iyamuremye.positions.len(), 3);
    let adf = rec(&ps, "un_sc_sanctions:CDe.001");
    assert_eq!(adf.schema, Schema::Organization);
    assert_eq!(
        names(adf, NameKind::FormerName),
        vec![
            "Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda",
            "ADF/NALU",
            "NALU"
        ]
    );

    // Dates of birth: exact year, approximate, ranges, months in notes, unreadable notes.
    assert_eq!(dates(rec(&ps, "un_sc_sanctions:CDi.001")), vec!["1971"]);
    assert_eq!(
        dates(rec(&ps, "un_sc_sanctions:CDi.014")),
        vec!["1962-03-17", "~1966"]
    );
    assert_eq!(
        dates(rec(&ps, "un_sc_sanctions:CDi.030")),
        vec!["1973..1974"]
    );
    assert_eq!(dates(rec(&ps, "un_sc_sanctions:CDi.004")), vec!["1973-11"]);
    assert_eq!(dates(rec(&ps, "un_sc_sanctions:QDi.395")), vec!["1958-09"]);
    assert_eq!(
        dates(rec(&ps, "un_sc_sanctions:QDi.306")),
        vec!["1977-08..1977-09", "1976"]
    );
    assert_eq!(
        dates(rec(&ps, "un_sc_sanctions:TAi.002")),
        vec!["~1955..1958", "~1945..1950"]
    );
    let lyi = rec(&ps, "un_sc_sanctions:LYi.022");
    assert_eq!(lyi.properties["birthDate"], vec!["30-35 years old"]);

    // Documents: passport and national id with the issuing country, Hijri date kept verbatim.
    let asiri = rec(&ps, "un_sc_sanctions:QDi.291");
    assert!(has_id(asiri, IdKind::Passport, "F654645", Some("SA")));
    assert!(has_id(asiri, IdKind::NationalId, "1028745097", Some("SA")));
    assert_eq!(dates(asiri), vec!["1982-04-19", "1982-04-18"]);
    assert_eq!(
        asiri.properties["birthDate"],
        vec!["24/06/1402 (Hijri Calendar)"]
    );
    assert!(
        asiri
            .remarks
            .iter()
            .any(|r| r.starts_with("Passport F654645: issued 2005-04-30"))
    );
    // A military id (`FARDC ID`) is not a national id.
    let mudacumura = rec(&ps, "un_sc_sanctions:CDi.019");
    assert_eq!(dates(mudacumura), vec!["1978-04-01", "1978"]);
    assert!(
        mudacumura
            .identifiers
            .iter()
            .any(|i| i.kind == IdKind::Other && i.value == "1-78-09-44621-80")
    );

    // LISTED_ON with a time-zone offset (`2015-07-01-04:00`).
    let ssi = rec(&ps, "un_sc_sanctions:SSi.001");
    assert_eq!(
        ssi.sanctions[0]
            .listing_date
            .map(|d| d.to_string())
            .as_deref(),
        Some("2015-07-01")
    );
}

#[test]
fn un_synthetic_details() {
    let xml = r#"<?xml version="1.0"?>
<CONSOLIDATED_LIST dateGenerated="2025-01-02T00:00:00Z"><INDIVIDUALS>
<INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME><SECOND_NAME>B &amp; C</SECOND_NAME>
<THIRD_NAME>D</THIRD_NAME><FOURTH_NAME>E</FOURTH_NAME>
<UN_LIST_TYPE>X</UN_LIST_TYPE><REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER><LISTED_ON>2020-02-30</LISTED_ON>
<INDIVIDUAL_ALIAS><QUALITY>Odd</QUALITY><ALIAS_NAME>Q</ALIAS_NAME></INDIVIDUAL_ALIAS>
<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME/></INDIVIDUAL_ALIAS>
<NATIONALITY><VALUE>Atlantis</VALUE></NATIONALITY>
</INDIVIDUAL>
<INDIVIDUAL><FIRST_NAME>NOREF</FIRST_NAME></INDIVIDUAL>
</INDIVIDUALS></CONSOLIDATED_LIST>"#;
    let (res, ctx, _) = parse_bytes(
        interdict_sources::un_xml::parse,
        Format::UnXml,
        "un.xml",
        xml.as_bytes(),
    );
    res.unwrap();
    assert_eq!(ctx.list_date.as_deref(), Some("2025-01-02"));
    assert_eq!(ctx.records.len(), 1);
    assert_eq!(ctx.skipped, 1);
    let r = &ctx.records[0];
    assert_eq!(r.caption(), "A B & C D E");
    assert_eq!(r.name_parts.first, vec!["A"]);
    assert_eq!(r.name_parts.middle, vec!["B & C", "D"]);
    assert_eq!(r.name_parts.last, vec!["E"]);
    assert_eq!(r.properties["nationality"], vec!["Atlantis"]);
    assert_eq!(r.properties["listingDate"], vec!["2020-02-30"]);
    let messages: Vec<&str> = ctx.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 5, "{messages:?}");
    assert!(
        messages
            .iter()
            .any(|m| m.contains("unknown alias QUALITY `odd`"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("alias without ALIAS_NAME"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("unknown country `Atlantis`"))
    );
    assert!(messages.iter().any(|m| m.contains("LISTED_ON")));
    assert!(
        messages
            .iter()
            .any(|m| m.contains("without REFERENCE_NUMBER or DATAID"))
    );
}

// ---------------------------------------------------------------------------------------------
// EU

#[test]
fn eu_fsf_head() {
    let Some(dir) = interdict_sources::testdata::list("eu-fsf-xml-2024-05-13-head") else {
        return;
    };
    let ps = one(&dir);
    assert_eq!(ps.format, Format::EuFsfXml);
    assert_eq!(ps.dataset, "eu_fsf");
    assert_eq!(ps.list_date.as_deref(), Some("2024-05-13"));
    assert_eq!(ps.records.len(), 45);
    assert_eq!(count(&ps, Schema::Person), 42);
    assert_eq!(count(&ps, Schema::Organization), 3);
    assert!(ps.warnings.is_empty(), "{:#?}", ps.warnings);
    for r in &ps.records {
        assert_eq!(names(r, NameKind::Primary).len(), 1, "{}", r.id);
        assert!(
            r.sanctions
                .iter()
                .all(|s| s.authority == "EU" && s.list.is_some())
        );
    }

    let saddam = rec(&ps, "eu_fsf:13");
    assert_eq!(saddam.caption(), "Saddam Hussein Al-Tikriti");
    assert_eq!(saddam.name_parts.first, vec!["Saddam"]);
    assert_eq!(saddam.name_parts.last, vec!["Hussein Al-Tikriti"]);
    let abou = saddam.names.iter().find(|n| n.value == "Abou Ali").unwrap();
    assert_eq!(
        (abou.kind, abou.lang.as_deref()),
        (NameKind::Alias, Some("FR"))
    );
    assert_eq!(dates(saddam), vec!["1937-04-28"]);
    assert_eq!(saddam.birth_places, vec!["al-Awja, near Tikrit, IRAQ"]);
    assert_eq!(saddam.citizenships, vec!["IQ"]);
    assert_eq!(saddam.gender, Some(Gender::Male));
    assert_eq!(saddam.remarks, vec!["UNSC RESOLUTION 1483"]);
    let s = &saddam.sanctions[0];
    assert_eq!(s.list.as_deref(), Some("IRQ"));
    assert_eq!(s.references, vec!["1210/2003 (OJ L169)", "EU.27.28"]);
    assert_eq!(
        s.listing_date.map(|d| d.to_string()).as_deref(),
        Some("2003-07-08")
    );

    // The French spelling comes first in the file; the English one is the primary name.
    let qusay = rec(&ps, "eu_fsf:20");
    assert_eq!(qusay.caption(), "Qusay Saddam Hussein Al-Tikriti");
    assert_eq!(dates(qusay), vec!["1965", "1966"]);
    assert_eq!(
        qusay.birth_places,
        vec!["Baghdad"],
        "country code 00 = unknown"
    );
    assert!(qusay.positions[0].starts_with("Oversaw Special Republican Guard"));

    // The first-entered alias (lowest logicalId) is the primary name.
    let ksm = rec(&ps, "eu_fsf:191");
    assert_eq!(ksm.caption(), "Khalid Sheikh MOHAMMED");
    assert_eq!(dates(ksm), vec!["1964-03-01", "1965-04-14"]);
    assert_eq!(
        ksm.birth_places,
        vec!["PAKISTAN"],
        "city `-` is a placeholder"
    );
    assert!(has_id(ksm, IdKind::Passport, "488555", None));

    let abu_nidal = rec(&ps, "eu_fsf:201");
    assert_eq!(abu_nidal.schema, Schema::Organization);
    assert_eq!(abu_nidal.names[0].lang.as_deref(), Some("EN"));
    assert_eq!(
        abu_nidal.caption(),
        "Abu Nidal Organisation",
        "logicalId 311, first in the file is 316"
    );
    assert_eq!(
        abu_nidal.sanctions[0]
            .listing_date
            .map(|d| d.to_string())
            .as_deref(),
        Some("2002-06-18"),
        "designationDate wins over the regulation date"
    );
    assert_eq!(abu_nidal.sanctions[0].list.as_deref(), Some("TERR"));

    // Hand-edited example file.
    let Some(data) = interdict_sources::testdata::data_dir() else {
        return;
    };
    let hand = one(&data.join("formats/hand-edited/eu_sanctions.xml"));
    assert_eq!(hand.format, Format::EuFsfXml);
    assert_eq!(hand.records.len(), 3);
    assert_eq!(count(&hand, Schema::Person), 3);
    assert_eq!(hand.list_date.as_deref(), Some("2021-01-15"));
    assert!(hand.warnings.is_empty(), "{:#?}", hand.warnings);
    // A line break inside an attribute value is a space.
    assert!(
        rec(&hand, "eu_fsf:20")
            .positions
            .iter()
            .all(|p| !p.contains('\n'))
    );
}

#[test]
fn eu_synthetic_details() {
    let xml = r#"<?xml version="1.0"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2024-01-02T10:00:00+01:00" globalFileId="1">
<sanctionEntity unitedNationId="KPe.001" euReferenceNumber="EU.1.1" logicalId="7" designationDetails="Reasons">
  <regulation programme="PRK" publicationDate="2016-01-01" numberTitle="2016/1 (OJ L1)" regulationType="regulation" organisationType="council" entryIntoForceDate="2016-01-01" logicalId="1"/>
  <subjectType code="enterprise" classificationCode="E"/>
  <nameAlias wholeName="KOREA MINING DEVELOPMENT TRADING CORPORATION" strong="true" nameLanguage="" logicalId="5"/>
  <nameAlias wholeName="KOMID" strong="false" logicalId="6"/>
  <identification identificationTypeCode="regnumber" identificationTypeDescription="Registration No" number="12345" countryIso2Code="KP" countryDescription="NORTH KOREA" logicalId="9"/>
  <identification identificationTypeCode="other" identificationTypeDescription="Tax Identification Number (INN)" number="7707083893" countryIso2Code="RU" countryDescription="RUSSIA" logicalId="10"/>
  <identification identificationTypeCode="passport" identificationTypeDescription="Passport" countryIso2Code="KP" countryDescription="NORTH KOREA" logicalId="11"/>
  <address street="Central District" city="Pyongyang" countryIso2Code="KP" countryDescription="NORTH KOREA" logicalId="12">
    <contactInfo key="PHONE" value="+850 2 1"/><contactInfo key="EMAIL" value="a@b.kp"/>
  </address>
  <birthdate calendarType="ISLAMIC" year="1402" circa="false" logicalId="13"/>
  <citizenship countryIso2Code="XX" countryDescription="NOWHERE" logicalId="14"/>
</sanctionEntity>
<sanctionEntity logicalId="8"><subjectType code="person" classificationCode="P"/>
  <nameAlias firstName="Ivan" lastName="Petrov" wholeName="" strong="true" gender="?" logicalId="20"/>
  <birthdate calendarType="GREGORIAN" yearRangeFrom="1960" yearRangeTo="1962" circa="true" logicalId="21"/>
</sanctionEntity>
<sanctionEntity><subjectType code="person" classificationCode="P"/></sanctionEntity>
</export>"#;
    let (res, ctx, _) = parse_bytes(
        interdict_sources::eu_fsf_xml::parse,
        Format::EuFsfXml,
        "eu.xml",
        xml.as_bytes(),
    );
    res.unwrap();
    assert_eq!(ctx.list_date.as_deref(), Some("2024-01-02"));
    assert_eq!(ctx.records.len(), 2);
    assert_eq!(ctx.skipped, 1);
    let komid = &ctx.records[0];
    assert_eq!(komid.id, "t:7");
    assert_eq!(komid.schema, Schema::Company);
    assert_eq!(names(komid, NameKind::WeakAlias), vec!["KOMID"]);
    assert!(has_id(komid, IdKind::UnReference, "KPe.001", None));
    assert!(has_id(komid, IdKind::Registration, "12345", Some("KP")));
    assert!(has_id(komid, IdKind::Inn, "7707083893", Some("RU")));
    assert_eq!(
        komid.addresses[0].full,
        "Central District, Pyongyang, NORTH KOREA"
    );
    assert_eq!(komid.addresses[0].country.as_deref(), Some("KP"));
    assert_eq!(komid.properties["phone"], vec!["+850 2 1"]);
    assert_eq!(komid.properties["email"], vec!["a@b.kp"]);
    assert_eq!(komid.properties["birthDate"], vec!["1402 (ISLAMIC)"]);
    assert_eq!(komid.properties["citizenship"], vec!["XX"]);
    let s = &komid.sanctions[0];
    assert_eq!(s.reason.as_deref(), Some("Reasons"));
    assert_eq!(s.references, vec!["2016/1 (OJ L1)", "EU.1.1"]);
    let petrov = &ctx.records[1];
    assert_eq!(petrov.caption(), "Ivan Petrov");
    assert_eq!(petrov.gender, None, "gender `?` is unknown");
    assert_eq!(dates(petrov), vec!["~1960..1962"]);
    let messages: Vec<&str> = ctx.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
}

// ---------------------------------------------------------------------------------------------
// UK

#[test]
fn uk_sanctions_list_excerpts() {
    let Some(dir) = interdict_sources::testdata::list("uk-xml-excerpts-2026") else {
        return;
    };
    let all = parse_path(&dir);
    assert_eq!(all.len(), 2);
    assert!(
        all.iter()
            .all(|p| p.format == Format::UkXml && p.dataset == "gb_fcdo_sanctions")
    );
    assert!(
        all.iter().all(|p| p.warnings.is_empty() && p.skipped == 0),
        "{:#?}",
        all[0].warnings
    );
    let active = all
        .iter()
        .find(|p| p.key.ends_with("excerpt-active_sanction.xml"))
        .unwrap();
    let jag = all
        .iter()
        .find(|p| p.key.ends_with("excerpt-jaggeman.xml"))
        .unwrap();
    assert_eq!(active.records.len(), 2);
    assert_eq!(jag.records.len(), 4);
    assert_eq!(active.list_date.as_deref(), Some("2026-09-07"));
    assert_eq!(jag.list_date.as_deref(), Some("2026-08-14"));

    // Entity with 16 addresses.
    let exchange = rec(active, "gb_fcdo_sanctions:AFG0001");
    assert_eq!(exchange.schema, Schema::Company);
    assert_eq!(
        exchange.caption(),
        "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE"
    );
    assert_eq!(exchange.addresses.len(), 16);
    assert_eq!(
        exchange.addresses[1].full,
        "Branch Office 10, Suite numbers 196-197, 3rd Floor, Khorasan Market, Herat City, Herat Province, Afghanistan"
    );
    assert_eq!(exchange.addresses[5].country.as_deref(), Some("AE"));
    assert!(has_id(exchange, IdKind::UnReference, "TAe.010", None));
    assert_eq!(
        exchange.properties["email"],
        vec!["helmand_exchange_msp@yahoo.com"]
    );
    assert_eq!(exchange.properties["phone"].len(), 5);
    assert_eq!(
        names(exchange, NameKind::Alias).len(),
        9,
        "8 aliases + the non-Latin name"
    );
    let s = &exchange.sanctions[0];
    assert_eq!(s.authority, "UK");
    assert_eq!(
        s.list.as_deref(),
        Some("The Afghanistan (Sanctions) (EU Exit) Regulations 2020")
    );
    assert_eq!(s.programs, vec!["AFG"]);
    assert_eq!(s.references, vec!["AFG0001"]);
    assert_eq!(
        s.listing_date.map(|d| d.to_string()).as_deref(),
        Some("2012-06-29")
    );

    // Individual with passports and `dd/mm/yyyy` placeholder dates.
    let akhund = rec(active, "gb_fcdo_sanctions:AFG0006");
    assert_eq!(akhund.schema, Schema::Person);
    assert_eq!(akhund.caption(), "MOHAMMAD HASSAN AKHUND");
    assert_eq!(akhund.name_parts.last, vec!["AKHUND"]);
    assert_eq!(dates(akhund).len(), 10);
    assert_eq!(dates(akhund)[0], "1945");
    assert_eq!(
        akhund.identifiers.len(),
        2,
        "10 identical passports are one identifier"
    );
    assert!(has_id(akhund, IdKind::Passport, "P04581926", Some("AF")));
    assert!(has_id(akhund, IdKind::UnReference, "TAi.002", None));
    assert_eq!(akhund.nationalities, vec!["AF"]);
    assert_eq!(akhund.positions.len(), 4);
    assert_eq!(akhund.properties["title"], vec!["Mullah", "Haji"]);
    assert_eq!(
        akhund.birth_places,
        vec!["Pashmul village, Panjwai District, Kandahar Province, Afghanistan"]
    );

    let mansur = rec(jag, "gb_fcdo_sanctions:AFG0011");
    assert_eq!(dates(mansur), vec!["1968", "1967-11-12"]);
    assert!(has_id(mansur, IdKind::Passport, "D0009720", Some("AF")));
    assert!(has_id(mansur, IdKind::Passport, "D0010442", Some("AF")));
    assert_eq!(
        names(mansur, NameKind::Alias),
        vec!["Abdul Latif MANSOOR", "Wali MOHAMMAD", "عبد اللطيف منصور"]
    );
    assert_eq!(mansur.birth_places.len(), 3);

    let mazidih = rec(jag, "gb_fcdo_sanctions:AQD0128");
    assert_eq!(
        mazidih.caption(),
        "AKRAM TURKI HISHAN AL-MAZIDIH",
        "NameType `Primary name`"
    );
    assert_eq!(
        names(mazidih, NameKind::WeakAlias),
        vec!["Abu Akram", "Abu Jarrah"]
    );
    assert_eq!(
        dates(mazidih),
        vec!["1974", "1975", "1979", "1958-09", "1985"]
    );
    assert!(has_id(mazidih, IdKind::NationalId, "0075258", None));
    assert!(
        mazidih
            .remarks
            .contains(&"National identifier 0075258: Ration card no.".to_string())
    );

    let ktj = rec(jag, "gb_fcdo_sanctions:AQD0377");
    assert_eq!(ktj.schema, Schema::Organization);
    assert_eq!(ktj.properties["legalForm"], vec!["Terrorist Group"]);
    assert_eq!(ktj.names.last().map(|n| n.script()), Some(Script::Cyrillic));

    let ship = rec(jag, "gb_fcdo_sanctions:DPR0075");
    assert_eq!(ship.schema, Schema::Vessel);
    assert_eq!(ship.caption(), "Petrel 8");
    assert!(has_id(ship, IdKind::VesselImo, "IMO9562233", None));
    assert!(ship.identifiers.iter().all(|i| i.is_valid()));
    assert_eq!(ship.flags, vec!["KM"]);
    assert_eq!(ship.properties["pastFlags"], vec!["IN"]);
    assert_eq!(ship.properties["vesselType"], vec!["Bulk Carrier"]);
    assert_eq!(ship.properties["tonnage"], vec!["7078"]);
    assert_eq!(ship.properties["buildDate"], vec!["2011"]);
    assert_eq!(ship.links[0].target_name, "Global United Shipping India");
    assert_eq!(ship.links[0].kind, interdict_model::LinkKind::OwnedBy);
    assert!(
        ship.identifiers
            .iter()
            .all(|i| i.kind != IdKind::UnReference)
    );
}

#[test]
fn uk_synthetic_details() {
    let xml = r#"<?xml version="1.0" encoding="utf-8"?>
<Designations><DateGenerated>02/01/2026</DateGenerated>
<Designation><DateDesignated>31/12/2020</DateDesignated><UniqueID>RUS0001</UniqueID>
  <Names><Name><Name6>OOO ROMASHKA</Name6><NameType>Primary Name</NameType></Name>
  <Name><Name6>Romashka LLC</Name6><NameType>Primary Name Variation</NameType></Name></Names>
  <NonLatinNames><NonLatinName><NameNonLatinScript>ООО Ромашка</NameNonLatinScript><NonLatinScriptLanguage>Russian</NonLatinScriptLanguage></NonLatinName></NonLatinNames>
  <RegimeName>Russia</RegimeName><IndividualEntityShip>Entity</IndividualEntityShip>
  <EntityDetails><Entity><BusinessRegistrationNumbers><BusinessRegistrationNumber>INN 7707083893</BusinessRegistrationNumber>
  <BusinessRegistrationNumber>OGRN: 1027700132195</BusinessRegistrationNumber><BusinessRegistrationNumber>12-34</BusinessRegistrationNumber></BusinessRegistrationNumbers>
  <ParentCompanies><ParentCompany>BIG HOLDING</ParentCompany></ParentCompanies>
  <Subsidiaries><Subsidiary>SMALL LLC</Subsidiary></Subsidiaries></Entity></EntityDetails>
</Designation>
<Designation><DateDesignated>dd/mm/yyyy</DateDesignated><UniqueID>RUS0002</UniqueID>
  <Names><Name><Name1>Ivan</Name1><Name2>Ivanovich</Name2><Name6>PETROV</Name6><NameType>Primary Name</NameType></Name></Names>
  <RegimeName>Russia</RegimeName><IndividualEntityShip>Individual</IndividualEntityShip>
  <IndividualDetails><Individual><DOBs><DOB>31/02/1970</DOB><DOB>00/00/1971</DOB></DOBs>
  <Genders><Gender>Male</Gender></Genders><Nationalities><Nationality>Russia</Nationality></Nationalities></Individual></IndividualDetails>
</Designation>
<Designation><Names><Name><Name6>NO ID</Name6></Name></Names></Designation>
</Designations>"#;
    let (res, ctx, _) = parse_bytes(
        interdict_sources::uk_xml::parse,
        Format::UkXml,
        "uk.xml",
        xml.as_bytes(),
    );
    res.unwrap();
    assert_eq!(ctx.list_date.as_deref(), Some("2026-01-02"));
    assert_eq!(ctx.records.len(), 2);
    assert_eq!(ctx.skipped, 1);
    let company = &ctx.records[0];
    assert_eq!(company.schema, Schema::Company);
    assert_eq!(
        names(company, NameKind::Alias),
        vec!["Romashka LLC", "ООО Ромашка"]
    );
    assert_eq!(company.names[2].lang.as_deref(), Some("Russian"));
    assert!(has_id(company, IdKind::Inn, "7707083893", None));
    assert!(has_id(company, IdKind::Ogrn, "1027700132195", None));
    assert!(has_id(company, IdKind::Registration, "12-34", None));
    assert_eq!(company.links.len(), 2);
    assert_eq!(company.links[0].kind, interdict_model::LinkKind::OwnedBy);
    assert_eq!(company.links[0].target_name, "BIG HOLDING");
    assert!(company.properties["notes"][0].contains("Brexit"));
    assert_eq!(
        company.sanctions[0]
            .listing_date
            .map(|d| d.to_string())
            .as_deref(),
        Some("2020-12-31")
    );
    let person = &ctx.records[1];
    assert_eq!(person.name_parts.middle, vec!["Ivanovich"]);
    assert_eq!(dates(person), vec!["1971"]);
    assert_eq!(person.properties["birthDate"], vec!["31/02/1970"]);
    assert_eq!(person.gender, Some(Gender::Male));
    assert_eq!(person.nationalities, vec!["RU"]);
    assert_eq!(person.sanctions[0].listing_date, None);
    assert!(!person.properties.contains_key("notes"));
    let messages: Vec<&str> = ctx.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
}

// ---------------------------------------------------------------------------------------------
// Broken files

fn real_file(rel: &str) -> Option<PathBuf> {
    interdict_sources::testdata::data_dir().map(|d| d.join(rel))
}

#[test]
fn truncated_files_are_errors_naming_the_file() {
    let cases: [(&str, ParseFn, Format); 3] = [
        (
            "lists/un-sc-2026-02-27/consolidated.xml",
            interdict_sources::un_xml::parse,
            Format::UnXml,
        ),
        (
            "lists/eu-fsf-xml-2024-05-13-head/20240513-FULL-1_1.head.xml",
            interdict_sources::eu_fsf_xml::parse,
            Format::EuFsfXml,
        ),
        (
            "lists/uk-xml-excerpts-2026/UK_Sanctions_List.excerpt-jaggeman.xml",
            interdict_sources::uk_xml::parse,
            Format::UkXml,
        ),
    ];
    for (rel, parse, format) in cases {
        let Some(path) = real_file(rel) else { return };
        let bytes = std::fs::read(&path).unwrap();
        // Cut between elements, inside text and inside a tag.
        let end = bytes.trim_ascii_end().len();
        for cut in [bytes.len() / 2, end - 12, end - 1] {
            let (res, _, tmp) = parse_bytes(parse, format, "cut.xml", &bytes[..cut]);
            let err = res.expect_err("truncated file must fail");
            assert!(err.contains(&tmp.display().to_string()), "{err}");
            assert!(err.contains("byte "), "{err}");
        }
        // Empty file and a file of another format.
        let (res, _, tmp) = parse_bytes(parse, format, "empty.xml", b"");
        assert!(res.expect_err("empty").contains(&tmp.display().to_string()));
        let (res, _, _) = parse_bytes(parse, format, "other.xml", b"<sdnList></sdnList>");
        assert!(res.expect_err("other root").contains("expected <"));
    }
}

#[test]
fn deeply_nested_record_is_an_error() {
    let mut xml = String::from("<Designations><Designation>");
    xml.push_str(&"<a>".repeat(100_000));
    xml.push_str(&"</a>".repeat(100_000));
    xml.push_str("</Designation></Designations>");
    let (res, _, _) = parse_bytes(
        interdict_sources::uk_xml::parse,
        Format::UkXml,
        "deep.xml",
        xml.as_bytes(),
    );
    assert!(res.expect_err("too deep").contains("nested more than"));
}

fn small_samples() -> Vec<(ParseFn, Format, Vec<u8>)> {
    let mut out: Vec<(ParseFn, Format, Vec<u8>)> = Vec::new();
    if let Some(p) = real_file("lists/uk-xml-excerpts-2026/UK_Sanctions_List.excerpt-jaggeman.xml")
    {
        out.push((
            interdict_sources::uk_xml::parse,
            Format::UkXml,
            std::fs::read(p).unwrap_or_default(),
        ));
    }
    if let Some(p) = real_file("formats/hand-edited/eu_sanctions.xml") {
        out.push((
            interdict_sources::eu_fsf_xml::parse,
            Format::EuFsfXml,
            std::fs::read(p).unwrap_or_default(),
        ));
    }
    if let Some(p) = real_file("lists/un-sc-2026-02-27/consolidated.xml") {
        // The first records, closed by hand.
        let text = std::fs::read_to_string(p).unwrap_or_default();
        let cut = text.find("<DATAID>6908011").unwrap_or(0).min(text.len());
        let head = text.get(..cut).unwrap_or("");
        let head = head.rsplit_once("<INDIVIDUAL>").map_or(head, |(a, _)| a);
        out.push((
            interdict_sources::un_xml::parse,
            Format::UnXml,
            format!("{head}</INDIVIDUALS></CONSOLIDATED_LIST>").into_bytes(),
        ));
    }
    out
}

#[test]
fn small_samples_parse() {
    for (parse, format, bytes) in small_samples() {
        let (res, ctx, _) = parse_bytes(parse, format, "s.xml", &bytes);
        res.unwrap();
        assert!(!ctx.records.is_empty(), "{format}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000), which in 0usize..3) {
        let (parse, format, root): (ParseFn, Format, &str) = match which {
            0 => (interdict_sources::un_xml::parse, Format::UnXml, "CONSOLIDATED_LIST"),
            1 => (interdict_sources::eu_fsf_xml::parse, Format::EuFsfXml, "export"),
            _ => (interdict_sources::uk_xml::parse, Format::UkXml, "Designations"),
        };
        let _ = parse_bytes(parse, format, "a.xml", &bytes);
        let mut wrapped = format!("<{root}>").into_bytes();
        wrapped.extend_from_slice(&bytes);
        let _ = parse_bytes(parse, format, "b.xml", &wrapped);
    }

    #[test]
    fn mutated_real_content_never_panics(
        which in 0usize..3,
        cut in any::<prop::sample::Index>(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
    ) {
        let samples = small_samples();
        let Some((parse, format, bytes)) = samples.get(which % samples.len().max(1)) else { return Ok(()) };
        let mut bytes = bytes.clone();
        if bytes.is_empty() { return Ok(()) }
        for (at, b) in &flips {
            let i = at.index(bytes.len());
            bytes[i] = *b;
        }
        let end = cut.index(bytes.len() + 1);
        let (res, ctx, tmp) = parse_bytes(*parse, *format, "m.xml", &bytes[..end]);
        if let Err(e) = res {
            prop_assert!(e.contains(&tmp.display().to_string()));
        }
        for r in &ctx.records {
            prop_assert!(r.id.starts_with("t:"));
        }
    }
}
