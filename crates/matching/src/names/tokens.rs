//! Tokens and their roles: ordinary words, organisation legal forms and common words that must
//! weigh little, particles, initials, and numbers that must weigh a lot (places, which weigh a
//! lot in the names of organisations and vessels, are marked on the token: see
//! [`super::places`]).

pub use super::shared::Token;
use super::{arabic, phonetic, places};
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TokenRole {
    Word,
    /// LLC, OOO, JSC, GmbH, Limited...
    LegalForm,
    /// TRADING, INTERNATIONAL, GROUP...: must not carry a match on their own.
    Common,
    /// al, bin, de, van...
    Particle,
    /// A single letter.
    Initial,
    /// Contains a digit: "224th", "7".
    Number,
    /// A patronymic (Vladimirovich, Ivanovna): often missing from the other name.
    Patronymic,
}

impl TokenRole {
    pub fn weight(self) -> f64 {
        match self {
            TokenRole::Word => 1.0,
            TokenRole::Number => 1.5,
            TokenRole::Initial => 0.4,
            TokenRole::Particle => 0.25,
            TokenRole::Common => 0.35,
            TokenRole::LegalForm => 0.3,
            TokenRole::Patronymic => 0.5,
        }
    }
}

const LEGAL_FORMS: &[&str] = &[
    "llc",
    "ltd",
    "limited",
    "liability",
    "co",
    "company",
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "sa",
    "ag",
    "gmbh",
    "ooo",
    "oao",
    "zao",
    "ao",
    "pao",
    "jsc",
    "pjsc",
    "ojsc",
    "cjsc",
    "plc",
    "bv",
    "nv",
    "srl",
    "spa",
    "sarl",
    "sas",
    "fzco",
    "fze",
    "fzc",
    "llp",
    "lp",
    "tov",
    "pte",
    "sdn",
    "bhd",
    "kg",
    "ltda",
    // Polish sp. z o.o. (spolka z ograniczona odpowiedzialnoscia), as `legal` writes it.
    "spzoo",
    "obshchestvo",
    "ogranichennoy",
    "otvetstvennostyu",
    "aktsionernoe",
    "obshchestvennoe",
    "publichnoe",
    "zakrytoe",
    "otkrytoe",
    "joint",
    // "stock", as folded (`ck` → `k`).
    "stok",
    "public",
    "closed",
    "open",
    "societe",
    "sociedad",
    "anonima",
    "anonyme",
    "de",
    "cv",
    "sl",
    "as",
    "ab",
    "oy",
    "jv",
    "pvt",
    "private",
    "youxian",
    "gongsi",
    "yugen",
    "kaisha",
    "kk",
    "chusik",
    "hoesa",
    "jusikhoesa",
    "establishment",
    "est",
    "ent",
    // Russian avtonomnaya nekommercheskaya organizatsiya (autonomous non-profit organisation).
    "ano",
];

const COMMON: &[&str] = &[
    "trading",
    "trade",
    "international",
    "intl",
    "group",
    "holding",
    "holdings",
    "industrial",
    "industries",
    "industry",
    "enterprise",
    "enterprises",
    "general",
    "services",
    "service",
    "import",
    "export",
    "commercial",
    "global",
    "shipping",
    "logistics",
    "investment",
    "investments",
    "development",
    "technology",
    "technologies",
    "tech",
    "bank",
    "the",
    "of",
    "and",
    "for",
    "center",
    "centre",
    "company",
    "national",
    "foundation",
    "organization",
    "organisation",
    "association",
    "management",
    "consulting",
    "energy",
    "engineering",
    "construction",
    "marine",
    "maritime",
    "petroleum",
    "oil",
    "gas",
    "capital",
    "partners",
    "solutions",
    "systems",
    "products",
    "resources",
    "ministry",
    "department",
    "office",
    "institute",
    "university",
    "research",
    "scientific",
    "production",
    "factory",
    "plant",
    "state",
    "federal",
    "republic",
];

/// Honorifics and titles placed before a person's name, in the languages lists and queries use
/// ("Präsident Putin", "Президент Путин", "Sheikh ...", "Monsieur ..."): they say nothing about
/// which person is meant, so they are dropped when the name has other words.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "sir",
    "monsieur",
    "madame",
    "mme",
    "herr",
    "frau",
    "senor",
    "senora",
    "signor",
    "signora",
    "gospodin",
    "sheikh",
    "shaikh",
    "shaykh",
    "sheik",
    "cheikh",
    "haji",
    "hajji",
    "hadji",
    "mullah",
    "mulla",
    "maulavi",
    "mawlawi",
    "maulana",
    "qari",
    "ayatollah",
    // "President" in the languages of the lists and of their readers.
    "president",
    "presidente",
    "prasident",
    "praesident",
    "presiden",
    "presedintele",
    "presedinte",
    "predsjednik",
    "predsednik",
    "prezident",
    "prezydent",
    "prezidentas",
    "presidentti",
    "elnok",
];

const PATRONYMIC_ENDINGS: &[&str] = &[
    "ovich", "evich", "ovitch", "evitch", "ovych", "evych", "ovic", "evic", "ovici", "ovits",
    "ovitsj", "ovitj", "owitsch", "owicz", "ovics", "ovna", "evna", "ichna", "ovnaa", "yevich",
    "ievich", "ovitx", "iravich", "avich",
];

const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "ben", "abu", "abou", "ould", "uld", "da", "di", "do", "dos",
    "das", "du", "del", "della", "la", "le", "van", "von", "der", "den", "ter", "y", "e",
];

pub fn role_of(t: &str) -> TokenRole {
    /// The role each listed word takes.
    static LISTED: std::sync::LazyLock<rustc_hash::FxHashMap<&str, TokenRole>> =
        std::sync::LazyLock::new(|| {
            // Inserted from the weakest claim to the strongest: a word on several lists is a
            // particle before a legal form, and a legal form before a common word.
            let mut m = rustc_hash::FxHashMap::default();
            for w in COMMON.iter().chain(TITLES) {
                m.insert(*w, TokenRole::Common);
            }
            for w in LEGAL_FORMS {
                m.insert(*w, TokenRole::LegalForm);
            }
            for w in PARTICLES {
                m.insert(*w, TokenRole::Particle);
            }
            m
        });
    if t.chars().any(|c| c.is_ascii_digit()) {
        return TokenRole::Number;
    }
    let listed = LISTED.get(t).copied();
    if listed == Some(TokenRole::Particle) {
        TokenRole::Particle
    } else if t.len() == 1 {
        TokenRole::Initial
    } else if let Some(role) = listed {
        role
    } else if t.len() >= 8
        && (PATRONYMIC_ENDINGS.iter().any(|e| t.ends_with(e))
            || PATRONYMIC_SPELLINGS.iter().any(|(e, _)| t.ends_with(e)))
    {
        TokenRole::Patronymic
    } else {
        TokenRole::Word
    }
}

/// What is known of one token of a romanised name; names hold it through a shared [`Token`].
///
/// Strings are `CompactString`s: tokens are short, so they live inline without a heap
/// allocation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenData {
    pub text: CompactString,
    pub role: TokenRole,
    pub weight: f64,
    /// Double Metaphone primary and alternate codes.
    pub phonetic: phonetic::Codes,
    /// Consonant skeleton (used when either side is written in Arabic script).
    pub skeleton: CompactString,
    /// The token comes from an Arabic-script name.
    pub arabic: bool,
    /// The word names a place (see [`super::places`]): it weighs a lot in the name of an
    /// organisation or a vessel.
    pub place: bool,
    /// Length in characters (names are cut to a few hundred).
    pub len: u16,
    /// The set of characters in the token, one bit per character (hashed beyond a–z and 0–9):
    /// half the differing bits bound the edit distance from below, which rejects most token
    /// pairs without computing it.
    pub chars: u64,
}

impl TokenData {
    /// The full analysis of a word (see [`Token::new`]).
    pub fn analyse(text: &str, arabic: bool) -> TokenData {
        let role = role_of(text);
        TokenData {
            text: text.into(),
            role,
            weight: role.weight(),
            phonetic: phonetic::codes(text),
            skeleton: arabic::skeleton(text).into(),
            arabic,
            place: places::is_place(text),
            len: u16::try_from(text.chars().count()).unwrap_or(u16::MAX),
            chars: char_set(text),
        }
    }
}

/// Words each thread remembers (see [`Token::new`]), per kind (Latin, abjad); forgotten all at
/// once when full.
const RECENT_MAX: usize = 8192;

thread_local! {
    static RECENT: std::cell::RefCell<[rustc_hash::FxHashMap<CompactString, Token>; 2]> =
        Default::default();
}

/// The character-set signature of a text (see [`Token::chars`]).
pub fn char_set(text: &str) -> u64 {
    text.chars().fold(0u64, |acc, c| {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            _ => 36 + (c as u32).wrapping_mul(2_654_435_761) % 28,
        };
        acc | 1 << bit
    })
}

impl Token {
    /// The analysis of a word (`arabic`: from an abjad, compared by skeleton too). Words
    /// recur from name to name: each thread remembers the last few thousand it analysed and
    /// hands out the same shared analysis again (phonetic codes and skeletons are most of the
    /// cost of analysing a query).
    pub fn new(text: &str, arabic: bool) -> Token {
        RECENT.with_borrow_mut(|recent| {
            let memo = &mut recent[usize::from(arabic)];
            if let Some(t) = memo.get(text) {
                return t.clone();
            }
            if memo.len() >= RECENT_MAX {
                memo.clear();
            }
            let t = Token::analyse(text, arabic);
            memo.insert(text.into(), t.clone());
            t
        })
    }

    /// [`Token::new`] without remembering the word: for words made up once, such as adjacent
    /// words joined, which would only push recurring words out of the thread's memory.
    pub fn new_once(text: &str, arabic: bool) -> Token {
        Token::analyse(text, arabic)
    }

    fn analyse(text: &str, arabic: bool) -> Token {
        Token::from(TokenData::analyse(text, arabic))
    }

    /// A token in its original script: no phonetic code or skeleton.
    pub fn native(text: &str) -> Token {
        Token::from(TokenData {
            text: text.into(),
            role: TokenRole::Word,
            weight: 1.0,
            phonetic: Default::default(),
            skeleton: CompactString::default(),
            arabic: false,
            place: false,
            len: u16::try_from(text.chars().count()).unwrap_or(u16::MAX),
            chars: char_set(text),
        })
    }
}

/// Western spellings of the Slavic patronymic suffixes -ович/-евич (German -owitsch, Dutch
/// -ovitsj, French -ovitch, Hungarian -ovics, Polish -owicz, Romanian -ovici, Ukrainian -ovych,
/// Belarusian -avich, Serbo-Croatian -ović...) and the form they are compared in. Longer first.
const PATRONYMIC_SPELLINGS: &[(&str, &str)] = &[
    ("owitsch", "ovich"),
    ("ewitsch", "evich"),
    ("ovitsch", "ovich"),
    ("evitsch", "evich"),
    ("owitsj", "ovich"),
    ("ewitsj", "evich"),
    ("ovitsj", "ovich"),
    ("evitsj", "evich"),
    ("ovitch", "ovich"),
    ("evitch", "evich"),
    ("ovitj", "ovich"),
    ("evitj", "evich"),
    ("ovitx", "ovich"),
    ("evitx", "evich"),
    ("owicz", "ovich"),
    ("ewicz", "evich"),
    ("ovics", "ovich"),
    ("evics", "evich"),
    ("ovici", "ovich"),
    ("evici", "evich"),
    ("ovych", "ovich"),
    ("evych", "evich"),
    ("avich", "ovich"),
    ("ovic", "ovich"),
    ("evic", "evich"),
];

/// A patronymic (or -ović surname) with its suffix in the one spelling compared.
pub fn canonical_patronymic(t: &str) -> Option<String> {
    if role_of(t) != TokenRole::Patronymic {
        return None;
    }
    PATRONYMIC_SPELLINGS.iter().find_map(|(from, to)| {
        t.strip_suffix(from)
            .filter(|stem| stem.len() >= 3)
            .map(|stem| format!("{stem}{to}"))
    })
}

/// Ukrainian given names and the Russian form of the same name, which lists and the press
/// use interchangeably for one person (Volodymyr / Vladimir Zelensky, Oleksandr / Aleksandr):
/// both are compared in the Russian form, patronymics too (Volodymyrovych).
const UKRAINIAN_NAMES: &[(&str, &str)] = &[
    ("volodymyr", "vladimir"),
    ("oleksandr", "aleksandr"),
    ("oleksii", "aleksei"),
    ("oleksiy", "aleksei"),
    ("mykola", "nikolai"),
    ("mykhailo", "mikhail"),
    ("mykhaylo", "mikhail"),
    ("serhii", "sergei"),
    ("serhiy", "sergei"),
    ("andrii", "andrei"),
    ("andriy", "andrei"),
    ("dmytro", "dmitri"),
    ("yurii", "yuri"),
    ("yuriy", "yuri"),
    ("hryhorii", "grigori"),
    ("hryhoriy", "grigori"),
    ("petro", "pyotr"),
    ("pavlo", "pavel"),
    ("vasyl", "vasili"),
    ("ihor", "igor"),
    ("oleh", "oleg"),
    ("yevhen", "yevgeni"),
    ("yevhenii", "yevgeni"),
    ("heorhii", "georgi"),
    ("heorhiy", "georgi"),
    ("anatolii", "anatoli"),
    ("vitalii", "vitali"),
    ("valerii", "valeri"),
    ("kostiantyn", "konstantin"),
    ("ivan", "ivan"),
];

/// Hypocoristics (short and familiar forms) of given names that stand for one formal name
/// only, compared in the formal form: Bill Clinton is William Clinton, Bibi Netanyahu is
/// Benjamin Netanyahu, Volodya is Vladimir. Ambiguous ones (Ted, Jack, Alex) are left out.
/// Spelled as folded (`ck` is already `k`: Dick is `dik`).
const NICKNAMES: &[(&str, &str)] = &[
    ("bill", "william"),
    ("billy", "william"),
    ("willy", "william"),
    ("bob", "robert"),
    ("bobby", "robert"),
    ("robbie", "robert"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("mike", "michael"),
    ("mik", "michael"),
    ("dik", "richard"),
    ("rik", "richard"),
    ("tom", "thomas"),
    ("tommy", "thomas"),
    ("joe", "joseph"),
    ("tony", "anthony"),
    ("andy", "andrew"),
    ("dave", "david"),
    ("danny", "daniel"),
    ("bibi", "benjamin"),
    ("benny", "benjamin"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("betty", "elizabeth"),
    ("peggy", "margaret"),
    ("maggie", "margaret"),
    ("volodya", "vladimir"),
    ("vova", "vladimir"),
    ("misha", "mikhail"),
    ("kolya", "nikolai"),
    ("dima", "dmitri"),
    ("seryozha", "sergei"),
    ("pasha", "pavel"),
    ("zhenya", "yevgeni"),
    ("vanya", "ivan"),
    ("sasha", "aleksandr"),
    ("pepe", "jose"),
    ("paco", "francisco"),
    ("nacho", "ignacio"),
];

/// A Ukrainian given name or patronymic in its Russian form.
fn russian_form(t: &str) -> Option<String> {
    if let Some(r) = ukrainian_given_name(t) {
        return Some(r.to_string());
    }
    let (stem, suffix) = ["ovich", "ovna"]
        .iter()
        .find_map(|e| t.strip_suffix(e).map(|s| (s, *e)))?;
    UKRAINIAN_NAMES
        .iter()
        .find(|(u, _)| *u == stem)
        .map(|(_, r)| format!("{r}{suffix}"))
}

/// The Russian form of a Ukrainian given name, spelled in English or in the German or Polish
/// way, which writes `w` for `v` and `j` for `y` (Wolodymyr, Jurij, Jewhen, Witalij).
fn ukrainian_given_name(t: &str) -> Option<&'static str> {
    let find = |w: &str| {
        UKRAINIAN_NAMES
            .iter()
            .find(|(u, _)| *u == w)
            .map(|(_, r)| *r)
    };
    if let Some(r) = find(t) {
        return Some(r);
    }
    if !t.contains(['w', 'j']) {
        return None;
    }
    let english = t.replace('w', "v").replace('j', "y");
    find(&english).or_else(|| {
        let stem = english.strip_suffix("iy")?;
        find(&format!("{stem}ii"))
    })
}

/// A word of two consonants (JC, JF) is two initials (Jean-Claude), unless it is a legal form
/// (KG, BV), a title, a suffix (Jr, Sr, St) or a Chinese surname (Ng).
fn initials(w: &str) -> Vec<&str> {
    let b = w.as_bytes();
    let consonant = |c: u8| c.is_ascii_lowercase() && !b"aeiouy".contains(&c);
    if b.len() == 2
        && consonant(b[0])
        && consonant(b[1])
        && role_of(w) == TokenRole::Word
        && !matches!(w, "jr" | "sr" | "st" | "ng" | "hm" | "mm")
    {
        vec![&w[..1], &w[1..]]
    } else {
        vec![w]
    }
}

/// Weight of the one word left after a title ("Präsident Putin"): a person named by title and
/// surname is named as fully as the speaker intends, so the given names and patronymic of a
/// listed name are not evidence against the match; the surname carries the name.
pub const TITLED_SURNAME_WEIGHT: f64 = 4.0;

/// Tokens of a folded (lowercase ASCII, space-separated) name.
/// A word repeated in a name ("Sergey Sergey Shoigu") counts once; titles ("President",
/// "Sheikh") are dropped when other words remain; patronymic suffixes are spelled one way.
pub fn tokenize(folded: &str, arabic: bool) -> Vec<Token> {
    tokenize_as(folded, arabic, false)
}

/// [`tokenize`]; `syllables` for a Han or Hangul name read one token per syllable, where a
/// syllable can repeat (영호 허, "yong ho ho") and "bin" starts a given name (彬).
pub fn tokenize_as(folded: &str, arabic: bool, syllables: bool) -> Vec<Token> {
    let words: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
    let titled = words.iter().any(|w| TITLES.contains(w));
    let mut keep: Vec<&str> = if titled && words.iter().any(|w| !TITLES.contains(w)) {
        words
            .iter()
            .copied()
            .filter(|w| !TITLES.contains(w))
            .collect()
    } else {
        words
    };
    // A filiation particle links a name to the father's name that follows it: at the start of a
    // name ("bin Salman Mohammed") it links nothing. (At the end, "Bin" is more often a Chinese,
    // Korean or Malay given name: Ko Tae Bin.)
    while !syllables && keep.len() > 2 && keep.first().is_some_and(|w| FILIATION.contains(w)) {
        keep.remove(0);
    }
    if !arabic && let Some(p) = wade_giles_to_pinyin(&keep) {
        keep = p;
    }
    let mut seen: Vec<&str> = Vec::new();
    let mut out: Vec<Token> = keep
        .into_iter()
        .flat_map(initials)
        .filter(|t| {
            let repeat = seen.contains(t);
            seen.push(t);
            syllables || !repeat
        })
        .map(|t| {
            let t = canonical_patronymic(t).unwrap_or_else(|| t.to_string());
            let t = NICKNAMES
                .iter()
                .find(|(n, _)| *n == t)
                .map_or(t, |(_, f)| (*f).to_string());
            match russian_form(&t) {
                Some(r) => Token::new(&r, arabic),
                None => Token::new(&t, arabic),
            }
        })
        .collect();
    if titled && out.len() == 1 && out[0].role == TokenRole::Word {
        out[0].set_weight(TITLED_SURNAME_WEIGHT);
    }
    out
}

/// Wade–Giles syllables (apostrophes dropped) that pinyin spells otherwise, and their pinyin:
/// older and Taiwanese names (Mao Tse-tung, Chiang Kai-shek, Teng Hsiao-ping) are compared in
/// pinyin (Mao Zedong). Syllables that are also pinyin (ting, chu, pao) or that Korean names
/// spell the same way (Chung, Jung, Chin) are left alone.
const WADE_GILES: &[(&str, &str)] = &[
    ("hsi", "xi"),
    ("hsia", "xia"),
    ("hsiang", "xiang"),
    ("hsiao", "xiao"),
    ("hsieh", "xie"),
    ("hsien", "xian"),
    ("hsin", "xin"),
    ("hsing", "xing"),
    ("hsiu", "xiu"),
    ("hsiung", "xiong"),
    ("hsu", "xu"),
    ("hsuan", "xuan"),
    ("hsueh", "xue"),
    ("hsun", "xun"),
    ("tse", "ze"),
    ("tseng", "zeng"),
    ("tso", "zuo"),
    ("tsou", "zou"),
    ("tsu", "zu"),
    ("tsung", "zong"),
    ("tsun", "zun"),
    ("tsui", "zui"),
    ("tzu", "zi"),
    ("szu", "si"),
    ("ssu", "si"),
    ("tung", "dong"),
    ("tun", "dun"),
    ("tuan", "duan"),
    ("tui", "dui"),
    ("teng", "deng"),
    ("tien", "tian"),
    ("tiao", "diao"),
    ("tieh", "die"),
    ("kuo", "guo"),
    ("kung", "gong"),
    ("kuei", "gui"),
    ("kuan", "guan"),
    ("kuang", "guang"),
    ("chiang", "jiang"),
    ("chih", "zhi"),
    ("chien", "jian"),
    ("chou", "zhou"),
    ("ching", "jing"),
    ("chiu", "jiu"),
    ("chia", "jia"),
    ("chieh", "jie"),
    ("chiao", "jiao"),
    ("jen", "ren"),
    ("jih", "ri"),
    ("jou", "rou"),
];

/// Whether a word has the shape of one Chinese syllable: up to three consonants, one run of
/// vowels, and an optional final n, ng or h (Wade–Giles -ih, -ieh).
fn syllable_shaped(w: &str) -> bool {
    let vowel = |c: char| "aeiouy".contains(c);
    let start = w.find(vowel).unwrap_or(w.len());
    let rest = &w[start..];
    let end = rest.find(|c| !vowel(c)).unwrap_or(rest.len());
    (1..=6).contains(&w.len())
        && start <= 3
        && end > 0
        && matches!(&rest[end..], "" | "n" | "ng" | "h" | "k")
}

/// A name written wholly in Wade–Giles syllables, in pinyin; `None` for other names.
fn wade_giles_to_pinyin<'a>(words: &[&'a str]) -> Option<Vec<&'a str>> {
    let wg = |w: &str| WADE_GILES.iter().find(|(g, _)| *g == w).map(|(_, p)| *p);
    if words.len() < 2
        || !words.iter().all(|w| syllable_shaped(w))
        || !words.iter().any(|w| wg(w).is_some())
    {
        return None;
    }
    Some(words.iter().map(|w| wg(w).unwrap_or(w)).collect())
}

/// Particles that introduce the father's name.
const FILIATION: &[&str] = &["bin", "ibn", "bint", "ould", "uld"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles() {
        assert_eq!(role_of("llc"), TokenRole::LegalForm);
        assert_eq!(role_of("trading"), TokenRole::Common);
        assert_eq!(role_of("224th"), TokenRole::Number);
        assert_eq!(role_of("j"), TokenRole::Initial);
        assert_eq!(role_of("al"), TokenRole::Particle);
        assert_eq!(role_of("putin"), TokenRole::Word);
        assert_eq!(role_of("ano"), TokenRole::LegalForm);
        assert_eq!(role_of("president"), TokenRole::Common);
    }

    fn texts(name: &str) -> Vec<String> {
        tokenize(name, false)
            .iter()
            .map(|t| t.text.to_string())
            .collect()
    }

    #[test]
    fn titles_are_dropped_and_a_titled_surname_carries_the_name() {
        assert_eq!(texts("presidente vladimir putin"), ["vladimir", "putin"]);
        assert_eq!(texts("monsieur ilie gabril bolojan").len(), 3);
        let t = tokenize("prasident putin", false);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].weight, TITLED_SURNAME_WEIGHT);
        // A title alone stays, as a common word.
        let t = tokenize("president", false);
        assert_eq!(t[0].role, TokenRole::Common);
        assert_eq!(tokenize("barack obama", false)[0].weight, 1.0);
    }

    #[test]
    fn a_leading_filiation_particle_links_nothing() {
        assert_eq!(texts("bin salman mohammed"), ["salman", "mohammed"]);
        assert_eq!(texts("ko tae bin"), ["ko", "tae", "bin"]);
        assert_eq!(texts("mohammed bin salman"), ["mohammed", "bin", "salman"]);
        assert_eq!(texts("bin laden"), ["bin", "laden"]);
    }

    #[test]
    fn wade_giles_names_in_pinyin() {
        assert_eq!(texts("mao tse tung"), ["mao", "ze", "dong"]);
        assert_eq!(texts("teng hsiao ping"), ["deng", "xiao", "ping"]);
        assert_eq!(texts("chiang kai shek"), ["jiang", "kai", "shek"]);
        // Names that are not all Chinese syllables are left alone.
        assert_eq!(texts("martin chung"), ["martin", "chung"]);
        assert!(syllable_shaped("hsiung") && !syllable_shaped("martin"));
    }

    #[test]
    fn nicknames_in_formal_form() {
        assert_eq!(texts("bibi netanyahu"), ["benjamin", "netanyahu"]);
        assert_eq!(texts("bill clinton"), ["william", "clinton"]);
    }

    #[test]
    fn two_consonants_are_initials() {
        assert_eq!(texts("jc juncker"), ["j", "c", "juncker"]);
        assert_eq!(texts("siemens kg"), ["siemens", "kg"]);
        assert_eq!(texts("ng wing"), ["ng", "wing"]);
        assert_eq!(texts("li peng"), ["li", "peng"]);
    }

    #[test]
    fn ukrainian_given_names_in_russian_form() {
        assert_eq!(
            texts("putin volodymyr volodymyrovych"),
            ["putin", "vladimir", "vladimirovich"]
        );
        assert_eq!(texts("oleksandrivna"), ["oleksandrivna"]);
        assert_eq!(texts("volodymyr zelenskyy"), ["vladimir", "zelenskyy"]);
        assert_eq!(texts("wolodymyr selenskyj"), ["vladimir", "selenskyj"]);
        assert_eq!(texts("jurij jewhen witalij"), ["yuri", "yevgeni", "vitali"]);
        // Only names of the table are respelled.
        assert_eq!(texts("jan kowalski"), ["jan", "kowalski"]);
    }

    #[test]
    fn patronymic_suffixes_are_spelled_one_way() {
        assert_eq!(texts("wladimirowitsch"), ["wladimirovich"]);
        assert_eq!(texts("vladimirovitch"), ["vladimirovich"]);
        assert_eq!(texts("vladimirovics"), ["vladimirovich"]);
        assert_eq!(texts("petrenkovych"), ["petrenkovich"]);
        assert_eq!(texts("uladzimiravich"), ["uladzimirovich"]);
        assert_eq!(texts("milosevic"), ["milosevich"]);
        assert_eq!(texts("ivanovna"), ["ivanovna"]);
        // Short words are not patronymics.
        assert_eq!(texts("ovic"), ["ovic"]);
    }
}
