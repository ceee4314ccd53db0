//! Dates as lists state them: exact, month, year, ranges and approximations, with a loose parser
//! for the many ways lists write them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A date known to the day, the month or the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// A checked date: month 1–12, day valid for the month, year 1000–2100.
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Result<Self, DateError> {
        if !(1000..=2100).contains(&year) {
            return Err(DateError(format!("year {year} out of range")));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(DateError(format!("month {m} out of range")));
        }
        if let Some(d) = day {
            let m = month.ok_or_else(|| DateError("day without month".into()))?;
            if d == 0 || d > days_in_month(year, m) {
                return Err(DateError(format!("day {d} out of range for {year}-{m:02}")));
            }
        }
        Ok(PartialDate { year, month, day })
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// A date value: a single partial date, or a range, either possibly approximate.
///
/// Its text form (used in storage and FtM export) is ISO-like and lossless:
/// `1972-11-26`, `1972-11`, `1972`, `1967..1969` (range), `~1960` (approximate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DateValue {
    pub from: PartialDate,
    pub to: Option<PartialDate>,
    pub approximate: bool,
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date: {0}")]
pub struct DateError(pub String);

impl DateValue {
    pub fn exact(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        Ok(Self::from_partial(PartialDate::new(
            year,
            Some(month),
            Some(day),
        )?))
    }

    pub fn year(year: i32) -> Result<Self, DateError> {
        Ok(Self::from_partial(PartialDate::new(year, None, None)?))
    }

    pub fn from_partial(p: PartialDate) -> Self {
        DateValue {
            from: p,
            to: None,
            approximate: false,
        }
    }

    pub fn range(from: PartialDate, to: PartialDate) -> Self {
        let (from, to) = if to < from { (to, from) } else { (from, to) };
        DateValue {
            from,
            to: Some(to),
            approximate: false,
        }
    }

    pub fn approx(mut self) -> Self {
        self.approximate = true;
        self
    }

    /// The first and last year this value covers (approximate values widen by 2 years).
    pub fn year_span(&self) -> (i32, i32) {
        let lo = self.from.year;
        let hi = self.to.map_or(lo, |t| t.year);
        if self.approximate {
            (lo - 2, hi + 2)
        } else {
            (lo, hi)
        }
    }

    /// Parse the many ways lists write dates: `07 May 1966`, `May 1966`, `1966`, `circa 1960`,
    /// `1967 to 1969`, `between 1967 and 1969`, `26.11.1972`, `26/11/1972`, `1972-11-26`,
    /// `11/26/1972` when the first number cannot be a day... Day-first is assumed for `a/b/yyyy`
    /// unless the second part is greater than 12.
    pub fn parse_loose(raw: &str) -> Result<Self, DateError> {
        let s = raw.trim().trim_end_matches(['.', ';', ',']).trim();
        if s.is_empty() {
            return Err(DateError("empty".into()));
        }
        if let Ok(v) = s.parse::<DateValue>() {
            return Ok(v);
        }
        let lower = s.to_ascii_lowercase();
        for prefix in [
            "circa ",
            "approximately ",
            "approx. ",
            "approx ",
            "about ",
            "ca. ",
            "c. ",
        ] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                return Ok(Self::parse_loose(rest)?.approx());
            }
        }
        if let Some(rest) = lower.strip_prefix("between ")
            && let Some((a, b)) = rest.split_once(" and ")
        {
            return Self::parse_range(a, b);
        }
        for sep in [" to ", " - ", " – ", "..", " and "] {
            if let Some((a, b)) = lower.split_once(sep) {
                return Self::parse_range(a, b);
            }
        }
        Ok(Self::from_partial(parse_single(&lower)?))
    }

    fn parse_range(a: &str, b: &str) -> Result<Self, DateError> {
        Ok(Self::range(
            parse_single(a.trim())?,
            parse_single(b.trim())?,
        ))
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| w.starts_with(m))
        .map(|i| i as u8 + 1)
}

fn num<T: FromStr>(s: &str) -> Result<T, DateError> {
    s.trim()
        .parse::<T>()
        .map_err(|_| DateError(format!("`{s}` is not a number")))
}

/// One partial date in any of the common layouts (lowercase input).
fn parse_single(s: &str) -> Result<PartialDate, DateError> {
    let s = s.trim();
    // ISO: yyyy, yyyy-mm, yyyy-mm-dd (also with a time part)
    let iso = s.split(['t', ' ']).next().unwrap_or(s);
    let parts: Vec<&str> = iso.split('-').collect();
    if parts[0].len() == 4 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())) {
        return match parts.as_slice() {
            [y] => PartialDate::new(num(y)?, None, None),
            [y, m] => PartialDate::new(num(y)?, Some(num(m)?), None),
            [y, m, d] => PartialDate::new(num(y)?, Some(num(m)?), Some(num(d)?)),
            _ => Err(DateError(format!("`{s}`"))),
        };
    }
    // Numeric with separators: dd.mm.yyyy, dd/mm/yyyy, mm/dd/yyyy, yyyy/mm/dd
    let nums: Vec<&str> = s.split(['.', '/', '-']).map(str::trim).collect();
    if nums.len() >= 2
        && nums
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return match nums.as_slice() {
            [y, m, d] if y.len() == 4 => PartialDate::new(num(y)?, Some(num(m)?), Some(num(d)?)),
            [a, b, y] => {
                let (a, b): (u8, u8) = (num(a)?, num(b)?);
                let (d, m) = if b > 12 { (b, a) } else { (a, b) };
                PartialDate::new(num(y)?, Some(m), Some(d))
            }
            [m, y] => PartialDate::new(num(y)?, Some(num(m)?), None),
            _ => Err(DateError(format!("`{s}`"))),
        };
    }
    // Words: "07 may 1966", "may 1966", "may 07, 1966"
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [d, m, y] if month_of(m).is_some() => {
            PartialDate::new(num(y)?, month_of(m), Some(num(d.trim_end_matches('.'))?))
        }
        [m, d, y] if month_of(m).is_some() => PartialDate::new(num(y)?, month_of(m), Some(num(d)?)),
        [m, y] if month_of(m).is_some() => PartialDate::new(num(y)?, month_of(m), None),
        _ => Err(DateError(format!("cannot read `{s}`"))),
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("~")?;
        }
        write!(f, "{}", self.from)?;
        if let Some(to) = self.to {
            write!(f, "..{to}")?;
        }
        Ok(())
    }
}

impl FromStr for DateValue {
    type Err = DateError;
    /// Parses the canonical text form only (see the type's docs).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (approximate, rest) = match s.strip_prefix('~') {
            Some(r) => (true, r),
            None => (false, s),
        };
        let iso = |p: &str| -> Result<PartialDate, DateError> {
            let parts: Vec<&str> = p.split('-').collect();
            if parts[0].len() != 4 {
                return Err(DateError(format!("`{p}` is not ISO")));
            }
            match parts.as_slice() {
                [y] => PartialDate::new(num(y)?, None, None),
                [y, m] => PartialDate::new(num(y)?, Some(num(m)?), None),
                [y, m, d] => PartialDate::new(num(y)?, Some(num(m)?), Some(num(d)?)),
                _ => Err(DateError(format!("`{p}` is not ISO"))),
            }
        };
        let value = match rest.split_once("..") {
            Some((a, b)) => DateValue::range(iso(a)?, iso(b)?),
            None => DateValue::from_partial(iso(rest)?),
        };
        Ok(DateValue {
            approximate,
            ..value
        })
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        DateValue::parse_loose(s).unwrap().to_string()
    }

    #[test]
    fn parses_list_layouts() {
        assert_eq!(p("07 May 1966"), "1966-05-07");
        assert_eq!(p("circa 1960"), "~1960");
        assert_eq!(p("1967 to 1969"), "1967..1969");
        assert_eq!(p("26.11.1972"), "1972-11-26");
        assert_eq!(p("26/11/1972"), "1972-11-26");
        assert_eq!(p("11/26/1972"), "1972-11-26");
        assert_eq!(p("May 1966"), "1966-05");
        assert_eq!(p("1972-11-26"), "1972-11-26");
        assert_eq!(p("between 1960 and 1962"), "1960..1962");
        assert_eq!(p("Aug 12, 1970"), "1970-08-12");
        assert!(DateValue::parse_loose("3033-09-30").is_err());
        assert!(DateValue::parse_loose("31 Feb 1970").is_err());
        assert!(DateValue::parse_loose("sometime").is_err());
    }

    #[test]
    fn text_form_round_trips() {
        for s in [
            "1972-11-26",
            "1972-11",
            "1972",
            "1967..1969",
            "~1960",
            "~1960-01..1961",
        ] {
            assert_eq!(s.parse::<DateValue>().unwrap().to_string(), s);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in ".{0,40}") {
            let _ = DateValue::parse_loose(&s);
        }
    }
}
