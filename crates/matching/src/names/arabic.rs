//! Arabic and Persian: short vowels are not written, so romanisations differ in vowels
//! (Mohammed/Muhammad/Mohamad). Names are romanised letter by letter (with the article `al`
//! split off) and compared through consonant skeletons (see [`skeleton`]).

fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ا' | 'أ' | 'آ' | 'ٱ' | 'ى' => "a",
        'إ' => "i",
        'ب' => "b",
        'ت' | 'ط' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' | 'ه' | 'ھ' => "h",
        'خ' => "kh",
        'د' | 'ض' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' | 'ظ' => "z",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'ع' | 'ء' | 'ؤ' | 'ئ' => "",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'و' => "w",
        'ي' | 'ی' | 'ې' => "y",
        'ة' => "a",
        'پ' => "p",
        'چ' => "ch",
        'ژ' => "zh",
        'گ' => "g",
        _ => return None,
    })
}

/// Letter-by-letter romanisation; `ال` at the start of a word becomes a separate `al`.
///
/// Persian and Urdu (told by their own letters) read a word-initial و as `v` (Vladimir is
/// ولادیمیر); foreign names write `ch` at the end of a word as تش (-vitch is ـفيتش).
pub fn romanize_all(text: &str) -> Vec<String> {
    let persian = text
        .chars()
        .any(|c| matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی' | 'ٹ' | 'ڈ' | 'ڑ' | 'ے'));
    let mut words = Vec::new();
    for w in text.split_whitespace() {
        let (article, rest) = match w.strip_prefix("ال") {
            Some(r) if r.chars().count() >= 2 => (true, r),
            _ => (false, w),
        };
        let mut out = String::new();
        let n = rest.chars().count();
        let mut chars = rest.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            if i == 0 && c == 'و' && persian && n > 1 {
                out.push('v');
                continue;
            }
            if c == 'ت' && i + 2 == n && chars.peek().is_some_and(|(_, d)| *d == 'ش') {
                chars.next();
                out.push_str("ch");
                continue;
            }
            match letter(c) {
                Some(s) => out.push_str(s),
                None => out.push(c),
            }
        }
        if article {
            words.push("al".to_string());
        }
        words.push(out);
    }
    vec![super::fold::to_ascii(&words.join(" "))]
}

/// The consonant skeleton of a romanised word: digraphs folded, vowels and glides dropped,
/// doubled letters collapsed (`mohammed`, `muhamad` and `mhmd` all give `mhmd`).
pub fn skeleton(word: &str) -> String {
    skeleton_and_gaps(word, None)
}

/// The consonant skeleton of words written as one, from the words' own skeletons: their
/// concatenation, when no rule of [`skeleton`] reads across a boundary between two words (a
/// digraph such as "k|h", a vowel pair "o|u", a letter doubled such as "c|k"); `None`
/// otherwise. `parts` are (text, skeleton) of each word in order.
pub fn joined_skeleton<'a>(parts: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<String> {
    let fold = |c: u8| match c {
        b'q' | b'c' => b'k',
        b'p' => b'b',
        b'v' => b'f',
        c => c,
    };
    // The letter a digraph of these two bytes becomes (see `DIGRAPHS`).
    let digraph = |a: u8, b: u8| match (a, b) {
        (b'k', b'h') => Some(b'x'),
        (b'b', b'h') => Some(b'b'),
        (b's', b'h') => Some(b'$'),
        (b't', b'h') => Some(b't'),
        (b'd', b'h') => Some(b'd'),
        (b'g', b'h') => Some(b'g'),
        (b'p', b'h') => Some(b'f'),
        (b'o', b'u') => Some(b'u'),
        _ => None,
    };
    let mut out = String::new();
    // The last two bytes of the word before.
    let mut before: Option<(Option<u8>, u8)> = None;
    for (text, skeleton) in parts {
        let b = text.as_bytes();
        if !text.is_ascii() || b.is_empty() {
            return None;
        }
        let first = b[0];
        if let Some((x0, x)) = before {
            let starts = b.get(1).and_then(|&y1| digraph(first, y1));
            let ends = x0.and_then(|x0| digraph(x0, x));
            if digraph(x, first).is_some()
                || fold(x) == fold(first)
                || starts.is_some_and(|d| d == fold(x) || Some(d) == ends)
                || ends.is_some_and(|d| d == fold(first))
            {
                return None;
            }
        }
        before = Some((b.len().checked_sub(2).map(|i| b[i]), b[b.len() - 1]));
        out.push_str(skeleton);
    }
    Some(out)
}

/// Letter pairs read as one sound, and the letter each becomes, in the order they are folded.
const DIGRAPHS: [(&str, &str); 8] = [
    ("kh", "x"),
    ("bh", "b"),
    ("sh", "$"),
    ("th", "t"),
    ("dh", "d"),
    ("gh", "g"),
    ("ph", "f"),
    ("ou", "u"),
];

/// Gap bits: the gap holds a letter of the i sound (i, e, y) / of the u sound (o, u, w).
const I_SOUND: u8 = 1;
const U_SOUND: u8 = 2;

/// Whether a word romanised from Arabic script (`written`) and a Latin spelling with the same
/// skeleton agree on the vowels the script writes: where the script has ي or و before, between
/// or after the consonants (romanised y, w; an initial إ is i), the Latin spelling has a vowel of
/// that sound in the same place. حسين (hsyn) is "Hussein", "Husayn" or "Hossein", never "Hassan"
/// (حسن) or "Ehsan" (احسان); علي (ly) is "Ali" or "Aly". The script writes no short vowel, so
/// the Latin spelling may have vowels the script does not; the alif (a) is not checked, since
/// it is the "u" of "Nasrullah" (نصرالله). Words of other skeletons fit trivially.
pub fn long_vowels_fit(written: &str, latin: &str) -> bool {
    let (mut w, mut l) = (Vec::new(), Vec::new());
    skeleton_and_gaps(written, Some(&mut w));
    skeleton_and_gaps(latin, Some(&mut l));
    w.len() != l.len() || w.iter().zip(&l).all(|(&w, &l)| w & !l == 0)
}

/// Whether two words romanised from Arabic script with the same skeleton write the same long
/// vowels (ي, و) between their consonants: احسان (Ehsan) and حسين (Hussein) share "hsn" but
/// are two names. Only between consonants: at the ends, spellings vary (علي / على for Ali).
/// Words romanised from other scripts compared by skeleton (Devanagari, Hebrew: they write
/// their vowels otherwise, or all of them) always agree.
pub fn written_vowels_agree(a: &str, b: &str) -> bool {
    if !letter_by_letter(a) || !letter_by_letter(b) {
        return true;
    }
    let (mut x, mut y) = (Vec::new(), Vec::new());
    skeleton_and_gaps(a, Some(&mut x));
    skeleton_and_gaps(b, Some(&mut y));
    let n = x.len();
    n != y.len() || n < 3 || x[1..n - 1] == y[1..n - 1]
}

/// Whether two words romanised letter by letter from Arabic script are written with the same
/// letters, apart from the alif (and hamza) and the ends, where spellings vary (فاطمة / فاطمه,
/// علي / على). Any other letter that differs is another consonant or another long vowel
/// (جلالی / بلالی, محمد / محمود): another name, however few letters differ. Words that do not
/// read as letter-by-letter Arabic are always alike here.
pub fn same_letters(a: &str, b: &str) -> bool {
    if !letter_by_letter(a) || !letter_by_letter(b) {
        return true;
    }
    let key = |w: &str| {
        // A final ه or ة (h or a), unless the h ends a digraph (sh, kh, th, dh, gh).
        let w = match w.strip_suffix('h') {
            Some(r) if !r.ends_with(['s', 'k', 't', 'd', 'g', 'z', 'c']) => r,
            _ => w,
        };
        let mut k: Vec<u8> = (w.bytes().enumerate())
            .filter(|&(i, c)| c != b'a' && !(i == 0 && c == b'i'))
            .map(|(_, c)| c)
            .collect();
        // A final ي or ى (y or a).
        if k.len() > 1 && k.last() == Some(&b'y') {
            k.pop();
        }
        k
    };
    key(a) == key(b)
}

/// Whether a romanised word reads like [`romanize_all`]'s letter-by-letter Arabic: no e, o or u,
/// and an i only first (إ).
fn letter_by_letter(word: &str) -> bool {
    word.bytes()
        .enumerate()
        .all(|(i, c)| !matches!(c, b'e' | b'o' | b'u') && (c != b'i' || i == 0))
}

/// [`skeleton`], recording in `gaps` (when given) what vowels each gap holds: one entry before
/// each consonant and one after the last. For a word romanised from Arabic script, the i bit
/// stands for y and the u bit for w; for a Latin word, for any letter of that sound.
fn skeleton_and_gaps(word: &str, mut gaps: Option<&mut Vec<u8>>) -> String {
    if let Some(g) = gaps.as_deref_mut() {
        g.clear();
        g.push(0);
    }
    // In this order, each over the result of the one before; a word is copied only when it
    // holds the digraph (two bytes: a window comparison, cheaper than a substring search).
    let mut w = std::borrow::Cow::Borrowed(word);
    for (from, to) in DIGRAPHS {
        if w.as_bytes().windows(2).any(|p| p == from.as_bytes()) {
            w = std::borrow::Cow::Owned(w.replace(from, to));
        }
    }
    let mut out = String::with_capacity(w.len());
    // The letter before, vowels included: only a letter written twice in a row is one
    // consonant (the unwritten shadda of "Mualla", "Mohammed"); the two d of "Dawud" are two.
    let mut prev = None;
    for c in w.chars() {
        let c = match c {
            'q' | 'c' => 'k',
            // Arabic script has no p or v: foreign names write them with b and f.
            'p' => 'b',
            'v' => 'f',
            c => c,
        };
        let repeated = prev.replace(c) == Some(c);
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w');
        if let Some(g) = gaps.as_deref_mut()
            && vowel
            && let Some(last) = g.last_mut()
        {
            *last |= match c {
                'i' | 'e' | 'y' => I_SOUND,
                'o' | 'u' | 'w' => U_SOUND,
                _ => 0,
            };
        }
        if repeated || vowel {
            continue;
        }
        out.push(c);
        if let Some(g) = gaps.as_deref_mut() {
            g.push(0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair and triple of short words over the letters the rules read: the joined
    /// skeleton, when given, is the skeleton of the joined text.
    #[test]
    fn a_joined_skeleton_is_the_skeleton_of_the_joined_text() {
        let letters = [
            "a", "o", "u", "e", "y", "w", "h", "k", "s", "t", "d", "g", "p", "b", "c", "q", "v",
            "f", "x", "m",
        ];
        let mut words: Vec<String> = letters.iter().map(|l| l.to_string()).collect();
        for a in letters {
            for b in letters {
                words.push(format!("{a}{b}"));
            }
        }
        let skeletons: Vec<String> = words.iter().map(|w| skeleton(w)).collect();
        let (mut given, mut checked) = (0, 0);
        for (i, a) in words.iter().enumerate() {
            for (j, b) in words.iter().enumerate() {
                let parts = [
                    (a.as_str(), skeletons[i].as_str()),
                    (b.as_str(), skeletons[j].as_str()),
                ];
                checked += 1;
                if let Some(s) = joined_skeleton(parts) {
                    given += 1;
                    assert_eq!(s, skeleton(&format!("{a}{b}")), "{a}|{b}");
                }
            }
        }
        for (i, a) in words.iter().enumerate().step_by(7) {
            for (j, b) in words.iter().enumerate().step_by(3) {
                for (k, c) in words.iter().enumerate().step_by(5) {
                    let parts = [
                        (a.as_str(), skeletons[i].as_str()),
                        (b.as_str(), skeletons[j].as_str()),
                        (c.as_str(), skeletons[k].as_str()),
                    ];
                    if let Some(s) = joined_skeleton(parts) {
                        assert_eq!(s, skeleton(&format!("{a}{b}{c}")), "{a}|{b}|{c}");
                    }
                }
            }
        }
        // Words of up to three letters over the letters of the digraphs and doubled letters.
        let few = ["a", "o", "u", "h", "k", "s", "c", "q", "t"];
        let mut short: Vec<String> = Vec::new();
        for a in few {
            short.push(a.to_string());
            for b in few {
                short.push(format!("{a}{b}"));
                for c in few {
                    short.push(format!("{a}{b}{c}"));
                }
            }
        }
        let sk: Vec<String> = short.iter().map(|w| skeleton(w)).collect();
        for (i, a) in short.iter().enumerate() {
            for (j, b) in short.iter().enumerate() {
                let parts = [(a.as_str(), sk[i].as_str()), (b.as_str(), sk[j].as_str())];
                if let Some(s) = joined_skeleton(parts) {
                    assert_eq!(s, skeleton(&format!("{a}{b}")), "{a}|{b}");
                }
            }
        }
        // Most boundaries are read from the words' skeletons.
        assert!(given * 2 > checked, "{given} of {checked}");
        for name in [
            "kim|jong|un",
            "abdul|rahman",
            "mohammed|bin|salman",
            "vladimir|putin",
        ] {
            let words: Vec<&str> = name.split('|').collect();
            let sk: Vec<String> = words.iter().map(|w| skeleton(w)).collect();
            let got = joined_skeleton(words.iter().copied().zip(sk.iter().map(String::as_str)));
            assert_eq!(got, Some(skeleton(&words.concat())), "{name}");
        }
    }

    #[test]
    fn two_arabic_script_words_differ_by_any_consonant_or_long_vowel() {
        use crate::names::compare_score;
        let s =
            |a: &str, b: &str| compare_score(&crate::names::analyze(a), &crate::names::analyze(b));
        assert!(s("جلالی", "بلالی") < 0.5);
        assert!(s("محمد", "محمود") < 0.5);
        // The ends and the alif vary in spelling.
        assert!(s("فاطمة", "فاطمه") >= 0.75);
        assert!(s("علي", "على") >= 0.85);
        assert!(s("أروى", "ایر") < 0.5);
        assert!(s("إبراهيم", "ابراهيم") >= 0.9);
    }

    #[test]
    fn skeletons_agree_across_vowels() {
        let r = romanize_all("محمد علي");
        assert_eq!(r[0], "mhmd ly");
        assert_eq!(skeleton("mohamed"), skeleton("mhmd"));
        assert_eq!(skeleton("muhammad"), "mhmd");
        assert_eq!(skeleton("ali"), skeleton("ly"));
        assert_eq!(romanize_all("عبد الله")[0], "bd al lh");
        assert_eq!(skeleton("khaled"), skeleton("khld"));
        // Doubled letters are one consonant; the same letter around a vowel is two.
        assert_eq!(skeleton("mualla"), skeleton("myla"));
        assert_eq!(skeleton("dawood"), "dd");
        assert_eq!(skeleton("abwdawwd"), "bdd");
        assert_ne!(skeleton("abwdawwd"), skeleton("badi"));
    }

    #[test]
    fn long_vowels_the_script_writes_must_be_in_the_latin_spelling() {
        // حسين: a ي between s and n.
        for fits in ["hussein", "husayn", "hossein", "husain", "hosseini"] {
            assert!(long_vowels_fit("hsyn", fits), "{fits}");
        }
        for other in ["hassan", "ehsan", "hasan", "hosni"] {
            assert!(!long_vowels_fit("hsyn", other), "{other}");
        }
        // محمود: a و between m and d; محمد has none, so any vowels fit it.
        assert!(long_vowels_fit("mhmwd", "mahmoud"));
        assert!(long_vowels_fit("mhmwd", "mahmud"));
        assert!(!long_vowels_fit("mhmwd", "mahmad"));
        assert!(long_vowels_fit("mhmd", "mohammed"));
        // Other skeletons: nothing to compare.
        assert!(long_vowels_fit("hsyn", "karim"));
    }

    #[test]
    fn two_arabic_script_words_write_the_same_long_vowels() {
        // احسان / حسين: an alif against a ي between s and n.
        assert!(!written_vowels_agree("ahsan", "hsyn"));
        assert!(written_vowels_agree("hsyn", "hsyn"));
        // The ends vary (علي / على), and other scripts write their vowels otherwise.
        assert!(written_vowels_agree("ly", "la"));
        assert!(written_vowels_agree("mohammad", "mhmd"));
    }

    #[test]
    fn persian_initial_vav_and_foreign_final_ch() {
        assert_eq!(romanize_all("ولادیمیر پوتین")[0], "vladymyr pwtyn");
        // Arabic keeps w.
        assert_eq!(romanize_all("وليد")[0], "wlyd");
        let r = romanize_all("فلاديميروفيتش");
        assert_eq!(r[0], "fladymyrwfych");
        assert_eq!(skeleton(&r[0]), skeleton("vladimirovich"));
    }
}
