//! Spellings of one name in different transliteration schemes: Hussein / Husayn / Hossein,
//! Youssef / Yusuf, Muhammad / Mohamed, Tawfiq / Toufik, Mustafa / Moustapha, Aleksandr /
//! Alexander; and Russian and Ukrainian names in German, Polish and French spelling: Lawrow /
//! Lavrov, Schewtschenko / Szewczenko / Shevchenko, Tschaikowski / Chaikovsky, Jewgeni / Yevgeny.
//!
//! Schemes differ in a few habits more than in letters: doubled consonants written or not, a
//! vowel written `o` or `u`, `e` or `i`, a diphthong written `ay`, `ai`, `ei` or `ey`, `ou` for
//! `u` (French), `ph` for `f`, `dj` for `j`, `q` for `k`, `x` for `ks`, `w` for `v` and `j` for
//! `y` (German, Polish), `sch`, `sz` for `sh`, `tsch`, `tch`, `cz` for `ch`. Two such spellings
//! sound alike yet lie three or more plain edits apart, beyond the edit budget of their length.
//! The spelling key writes each habit one way. Two words are spellings of one name when their
//! keys are equal, or one edit apart and the words sound alike (Double Metaphone).
//!
//! The key keeps `a` apart from `i` and `u`: Hasan and Husayn (two names) stay two edits apart.
//! A `w` is read both ways, as the `v` of German and Polish (Lawrow) and as the second half of a
//! diphthong (Tawfiq / Taufiq).

use smallvec::SmallVec;

/// A spelling key: inline up to 24 letters (longer words spill to the heap).
type Key = SmallVec<[u8; 24]>;

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Letter groups one scheme writes another way, longest first, and the one way the key writes
/// them (`zh` only inside a word: initial "zh" is Chinese as often as Russian, and "Shang" is
/// not "Zhang").
const GROUPS: &[(&[u8], &[u8])] = &[
    (b"schtsch", b"shch"),
    (b"tsch", b"ch"),
    (b"sch", b"sh"),
    (b"tch", b"ch"),
    (b"sz", b"sh"),
    (b"cz", b"ch"),
    (b"kh", b"h"),
    (b"ph", b"f"),
    (b"dj", b"j"),
    (b"ck", b"k"),
    (b"ou", b"u"),
    (b"oo", b"u"),
    (b"ee", b"i"),
    (b"x", b"ks"),
    (b"q", b"k"),
];

/// The spelling key of a lowercase ASCII word (see the module doc); `w_as_v`: every `w` is a
/// `v`, else a `w` after a vowel and before a consonant is a `u`.
pub fn key(word: &str, w_as_v: bool) -> Key {
    let w = word.as_bytes();
    let mut mapped: Key = SmallVec::new();
    let mut i = 0;
    while i < w.len() {
        let rest = &w[i..];
        // Every group starts with one of these letters: most letters skip the search.
        let starts_group = matches!(
            w[i],
            b's' | b't' | b'c' | b'k' | b'p' | b'd' | b'o' | b'e' | b'x' | b'q'
        );
        if let Some((from, to)) = GROUPS
            .iter()
            .find(|(f, _)| starts_group && rest.starts_with(f))
        {
            mapped.extend_from_slice(to);
            i += from.len();
            continue;
        }
        if i > 0 && rest.starts_with(b"zh") {
            mapped.extend_from_slice(b"sh");
            i += 2;
            continue;
        }
        mapped.push(w[i]);
        i += 1;
    }
    // Vowels: `y` is one unless it starts the word or a syllable (before a vowel); `j` starting
    // the word before a vowel is the German and Polish `y` (Jewgeni), and ending it after a vowel
    // the `y` of a final -iy (Serhij); French `gu` before `e` or `i` is a `g` (Serguei).
    let mut out: Key = SmallVec::new();
    for (k, &c) in mapped.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| mapped[p]);
        let next = mapped.get(k + 1).copied();
        let after_vowel = prev.is_some_and(is_vowel);
        let before_vowel = next.is_some_and(is_vowel);
        if c == b'u' && prev == Some(b'g') && matches!(next, Some(b'e' | b'i')) {
            continue;
        }
        let c = match c {
            b'e' => b'i',
            b'o' => b'u',
            b'y' if k > 0 && !before_vowel => b'i',
            b'w' if w_as_v => b'v',
            b'w' if after_vowel && next.is_some_and(|n| !is_vowel(n)) => b'u',
            b'j' if k == 0 && before_vowel => b'y',
            b'j' if after_vowel && next.is_none() => b'i',
            c => c,
        };
        // Doubled letters written once.
        if out.last() != Some(&c) {
            out.push(c);
        }
    }
    out
}

/// The letters that spelling habits change (all but `a`, `b`, `l`, `m`, `n`, `r`), one bit per
/// letter as in [`super::tokens::char_set`].
const HABIT_LETTERS: u64 = {
    let mut set = (1u64 << 26) - 1;
    let keep = b"ablmnr";
    let mut i = 0;
    while i < keep.len() {
        set &= !(1 << (keep[i] - b'a'));
        i += 1;
    }
    set
};

/// Whether two words whose sounds Double Metaphone reads apart may still be German or Polish
/// and English spellings of one name (Lawrow / Lavrov, Jewgeni / Yevgeny), by their letter sets
/// (`chars`, see [`super::tokens::char_set`]): one has a `w` or a `j`, and they differ in at most
/// five letters, all of which spelling habits change. Rejects most word pairs before their keys
/// are spelled out, which costs more than the rest of their comparison.
pub fn may_be_german_or_polish(a: u64, b: u64) -> bool {
    let w_or_j = 1 << (b'w' - b'a') | 1 << (b'j' - b'a');
    let differing = a ^ b;
    (a | b) & w_or_j != 0 && differing & !HABIT_LETTERS == 0 && differing.count_ones() <= 5
}

/// Whether two lowercase ASCII words are spellings of one name: equal keys (four letters or
/// more), or, for words that sound alike (`sound`: their Double Metaphone codes agree), keys one
/// edit apart when the longer has five letters or more (at four, one edit makes another name:
/// Omar / Ammar).
pub fn alike(a: &str, b: &str, sound: bool) -> bool {
    let readings: &[bool] = if a.contains('w') || b.contains('w') {
        &[false, true]
    } else {
        &[false]
    };
    readings.iter().any(|&w_as_v| {
        let (ka, kb) = (key(a, w_as_v), key(b, w_as_v));
        if ka == kb {
            return ka.len() >= 4;
        }
        sound
            && ka.len().max(kb.len()) >= 5
            && ka.len().abs_diff(kb.len()) <= 1
            && rapidfuzz::distance::osa::distance(ka.iter().copied(), kb.iter().copied()) <= 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(w: &str) -> String {
        String::from_utf8(key(w, false).to_vec()).unwrap_or_default()
    }

    #[test]
    fn schemes_write_alike() {
        assert_eq!(k("hussein"), "husin");
        assert_eq!(k("hossein"), "husin");
        assert_eq!(k("husayn"), "husain");
        assert_eq!(k("youssef"), "yusif");
        assert_eq!(k("tawfiq"), "taufik");
        assert_eq!(k("mustapha"), "mustafa");
        assert_eq!(k("djafar"), "yafar");
        assert_eq!(k("alexander"), "aliksandir");
        assert_eq!(k("serhij"), "sirhi");
    }

    #[test]
    fn spellings_of_one_name() {
        for (a, b) in [
            ("hussein", "husayn"),
            ("hosseyn", "hussain"),
            ("youssef", "yusuf"),
            ("youssouf", "yusuf"),
            ("muhammad", "mohamed"),
            ("oussama", "usamah"),
            ("saeed", "said"),
            ("ayman", "eiman"),
            ("tawfiq", "toufik"),
            ("shawkat", "chaoukat"),
            ("moustafa", "mustapha"),
            ("aleksandr", "alexander"),
        ] {
            assert!(alike(a, b, true), "{a} / {b}");
        }
        // German, Polish and French spellings of Russian and Ukrainian names, whose sounds
        // Double Metaphone reads apart.
        for (a, b) in [
            ("lawrow", "lavrov"),
            ("medwedew", "medvedev"),
            ("nawalny", "navalny"),
            ("schewtschenko", "shevchenko"),
            ("szewczenko", "shevchenko"),
            ("tschaikowski", "chaikovsky"),
            ("jewgeni", "yevgeny"),
            ("prigoschin", "prigozhin"),
            ("serguei", "sergei"),
        ] {
            assert!(alike(a, b, true), "{a} / {b}");
        }
    }

    #[test]
    fn german_and_polish_spellings_pass_the_letter_test() {
        use super::super::tokens::char_set;
        let pass = |a: &str, b: &str| may_be_german_or_polish(char_set(a), char_set(b));
        for (a, b) in [
            ("lawrow", "lavrov"),
            ("jewgeni", "yevgeny"),
            ("schewtschenko", "shevchenko"),
            ("szewczenko", "shevchenko"),
            ("tschaikowski", "chaikovsky"),
        ] {
            assert!(pass(a, b), "{a} / {b}");
        }
        assert!(!pass("william", "wilson"));
        assert!(!pass("lavrov", "lazarev"));
    }

    #[test]
    fn other_names_stay_apart() {
        for (a, b) in [
            ("hasan", "husayn"),
            ("hasan", "hussein"),
            ("omar", "ammar"),
            ("omar", "amir"),
            ("karim", "kamal"),
            ("mahmoud", "muhammad"),
        ] {
            assert!(!alike(a, b, true), "{a} / {b}");
        }
    }
}
