//! Names as lists publish them: the text, its kind (primary, alias, weak alias, former name), and
//! the script it is written in.

use serde::{Deserialize, Serialize};

/// How a list presents a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    /// The main name of the record.
    Primary,
    /// A good-quality alias (OFAC "a.k.a.", UN quality "Good", EU strong alias).
    Alias,
    /// A low-quality alias (OFAC weak a.k.a., UN quality "Low"): never alerts on its own.
    WeakAlias,
    /// A former name ("f.k.a.", previous vessel name).
    FormerName,
}

impl NameKind {
    /// The FollowTheMoney property that holds names of this kind.
    pub fn ftm_property(self) -> &'static str {
        match self {
            NameKind::Primary => "name",
            NameKind::Alias => "alias",
            NameKind::WeakAlias => "weakAlias",
            NameKind::FormerName => "previousName",
        }
    }
}

/// The writing system of a name, detected from its letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Han,
    Hangul,
    Kana,
    Greek,
    Hebrew,
    Georgian,
    Armenian,
    Thai,
    Devanagari,
    Other,
}

impl Script {
    /// The script of one character, or `None` for digits, punctuation and spaces.
    pub fn of_char(c: char) -> Option<Script> {
        let u = c as u32;
        Some(match u {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            0x530..=0x58F => Script::Armenian,
            0x590..=0x5FF => Script::Hebrew,
            0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                Script::Arabic
            }
            0x900..=0x97F => Script::Devanagari,
            0xE00..=0xE7F => Script::Thai,
            0x10A0..=0x10FF => Script::Georgian,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
            0x3040..=0x30FF | 0x31F0..=0x31FF => Script::Kana,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => Script::Han,
            _ if c.is_alphabetic() => Script::Other,
            _ => return None,
        })
    }

    /// The dominant script of a text: the one most of its letters belong to (Latin when empty).
    pub fn detect(text: &str) -> Script {
        let mut counts: [(Script, usize); 13] = [
            (Script::Latin, 0),
            (Script::Cyrillic, 0),
            (Script::Arabic, 0),
            (Script::Han, 0),
            (Script::Hangul, 0),
            (Script::Kana, 0),
            (Script::Greek, 0),
            (Script::Hebrew, 0),
            (Script::Georgian, 0),
            (Script::Armenian, 0),
            (Script::Thai, 0),
            (Script::Devanagari, 0),
            (Script::Other, 0),
        ];
        for c in text.chars() {
            if let Some(s) = Script::of_char(c)
                && let Some(slot) = counts.iter_mut().find(|(k, _)| *k == s)
            {
                slot.1 += 1;
            }
        }
        // Japanese mixes kana and kanji: any kana makes it Kana.
        if counts[5].1 > 0 {
            return Script::Kana;
        }
        counts
            .iter()
            .max_by_key(|(_, n)| *n)
            .filter(|(_, n)| *n > 0)
            .map(|(s, _)| *s)
            .unwrap_or(Script::Latin)
    }
}

/// One name of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Name {
    pub value: String,
    pub kind: NameKind,
    /// Language or script tag when the list states one (e.g. EU `nameLanguage`, OFAC enhanced script).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Name {
    pub fn new(value: impl Into<String>, kind: NameKind) -> Self {
        Name {
            value: value.into(),
            kind,
            lang: None,
        }
    }

    pub fn with_lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = Some(lang.into());
        self
    }

    pub fn script(&self) -> Script {
        Script::detect(&self.value)
    }
}

/// Parts of a person's name as the list gives them. Each may hold several values.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameParts {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub first: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub middle: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub last: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub patronymic: Vec<String>,
}

impl NameParts {
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
            && self.middle.is_empty()
            && self.last.is_empty()
            && self.patronymic.is_empty()
    }
}

/// Collapse runs of white space and trim; returns `None` for names that are empty or
/// list placeholders such as `-0-`.
pub fn clean_name(raw: &str) -> Option<String> {
    let collapsed = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = collapsed.trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace());
    if trimmed.is_empty() || trimmed == "-0-" || trimmed.chars().all(|c| !c.is_alphanumeric()) {
        None
    } else {
        Some(trimmed.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_scripts() {
        assert_eq!(Script::detect("Vladimir PUTIN"), Script::Latin);
        assert_eq!(Script::detect("Владимир Путин"), Script::Cyrillic);
        assert_eq!(Script::detect("김정은"), Script::Hangul);
        assert_eq!(Script::detect("金正恩"), Script::Han);
        assert_eq!(Script::detect("محمد"), Script::Arabic);
        assert_eq!(Script::detect("ウラジーミル・プーチン"), Script::Kana);
        assert_eq!(Script::detect("123"), Script::Latin);
    }

    #[test]
    fn cleans_names() {
        assert_eq!(
            clean_name("  KIM,  Jong Un ").as_deref(),
            Some("KIM, Jong Un")
        );
        assert_eq!(clean_name("-0- "), None);
        assert_eq!(clean_name(" ; "), None);
    }
}
