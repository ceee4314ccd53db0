//! Hangul romanisation through our own jamo decomposition (syllable = U+AC00 + (L·21 + V)·28 + T)
//! into Revised Romanization and McCune–Reischauer (with DPRK usage: initial ㅈ as `j`), with a
//! surname variant table, since lists spell Korean names the MR/DPRK way (Ri, Pak, Choe, Jong).

const RR_L: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
const MR_L: [&str; 19] = [
    "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch", "ch", "k", "t",
    "p", "h",
];
const RR_V: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
const MR_V: [&str; 21] = [
    "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "u", "ui", "i",
];
const RR_T: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// Surnames and the spellings lists use for them.
const SURNAMES: &[(&str, &[&str])] = &[
    ("김", &["kim", "gim"]),
    ("이", &["lee", "ri", "yi", "rhee", "i"]),
    ("리", &["ri", "lee", "yi", "rhee"]),
    ("박", &["park", "pak", "bak"]),
    ("최", &["choi", "choe"]),
    ("정", &["jung", "jong", "chong", "jeong"]),
    ("조", &["cho", "jo"]),
    ("강", &["kang", "gang"]),
    ("윤", &["yoon", "yun"]),
    ("장", &["jang", "chang"]),
    ("임", &["lim", "im", "rim"]),
    ("림", &["rim", "lim"]),
    ("한", &["han"]),
    ("오", &["oh", "o"]),
    ("서", &["seo", "suh", "so"]),
    ("신", &["shin", "sin"]),
    ("권", &["kwon", "gwon"]),
    ("황", &["hwang"]),
    ("안", &["ahn", "an"]),
    ("송", &["song"]),
    ("류", &["ryu", "yu", "yoo"]),
    ("유", &["yu", "yoo", "ryu"]),
    ("홍", &["hong"]),
    ("전", &["jeon", "jun", "chon", "jon"]),
    ("고", &["ko", "go"]),
    ("문", &["moon", "mun"]),
    ("손", &["son", "sohn"]),
    ("양", &["yang", "ryang"]),
    ("량", &["ryang", "yang"]),
    ("배", &["bae", "pae"]),
    ("백", &["baek", "paek"]),
    ("허", &["heo", "hur", "ho"]),
    ("남", &["nam"]),
    ("심", &["shim", "sim"]),
    ("노", &["noh", "no", "ro"]),
    ("로", &["ro", "noh"]),
    ("곽", &["kwak"]),
    ("성", &["sung", "seong", "song"]),
    ("차", &["cha"]),
    ("주", &["joo", "ju", "chu"]),
    ("우", &["woo", "u"]),
    ("구", &["koo", "ku", "gu"]),
    ("진", &["jin", "chin"]),
    ("나", &["na", "ra"]),
    ("라", &["ra", "na"]),
    ("지", &["ji", "chi"]),
    ("변", &["byun", "pyon"]),
    ("현", &["hyun", "hyon"]),
    ("천", &["cheon", "chon"]),
    ("방", &["bang", "pang"]),
    ("공", &["kong", "gong"]),
    ("명", &["myung", "myong"]),
    ("석", &["seok", "sok"]),
    ("선", &["sun", "son"]),
    ("태", &["tae", "thae"]),
];

fn decompose(c: char) -> Option<(usize, usize, usize)> {
    let u = c as u32;
    if !(0xAC00..=0xD7A3).contains(&u) {
        return None;
    }
    let i = (u - 0xAC00) as usize;
    Some((i / 588, (i % 588) / 28, i % 28))
}

/// One syllable in RR, MR and DPRK (MR with initial ㅈ as j) forms.
fn syllable(c: char) -> Option<[String; 3]> {
    let (l, v, t) = decompose(c)?;
    let fin = RR_T[t];
    let rr = format!("{}{}{}", RR_L[l], RR_V[v], fin);
    let mr = format!("{}{}{}", MR_L[l], MR_V[v], fin);
    let dprk_l = if l == 12 { "j" } else { MR_L[l] };
    let dprk = format!("{}{}{}", dprk_l, MR_V[v], fin);
    Some([rr, mr, dprk])
}

/// A foreign name written in Hangul, read back the way Korean loanword spelling writes it:
/// a consonant without a vowel gets an epenthetic ㅡ (르, 스, 트: Vladimir is 블라디미르), l is
/// written ㄹㄹ (블라 = bla), and a final ch or j gets ㅣ (비치 = -vich). `None` when no syllable
/// shows these marks (Korean names).
fn loanword(text: &str) -> Option<String> {
    const EU: usize = 18;
    const I: usize = 20;
    const NO_INITIAL: usize = 11;
    const L_FINAL: usize = 8;
    const L_INITIAL: usize = 5;
    let mut marked = false;
    let mut words = Vec::new();
    for word in text.split_whitespace() {
        let syl: Vec<Option<(usize, usize, usize)>> = word.chars().map(decompose).collect();
        let mut w = String::new();
        let mut prev_final = 0;
        for (k, s) in syl.iter().enumerate() {
            let Some((l, v, t)) = *s else {
                prev_final = 0;
                continue;
            };
            let last = k + 1 == syl.len();
            if !(l == L_INITIAL && prev_final == L_FINAL) {
                w.push_str(RR_L[l]);
            }
            if v == EU && l != NO_INITIAL && (t == 0 || t == L_FINAL) {
                marked = true;
            } else if v == I && last && t == 0 && matches!(l, 12 | 14) {
                // 치 / 지 ending a word: a final ch / j.
            } else {
                w.push_str(RR_V[v]);
            }
            w.push_str(if t == L_FINAL { "l" } else { RR_T[t] });
            prev_final = t;
        }
        words.push(w);
    }
    marked.then(|| words.join(" "))
}

/// Romanisation styles of a syllable (see [`syllable`]); the first `STYLES` forms of
/// [`romanize_all`] are the syllable-by-syllable ones.
const STYLES: usize = 3;

/// Romanisations of a Hangul name: family syllable first (with the surname table), each given
/// syllable a token; forms RR, MR and DPRK.
pub fn romanize_all(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word_style in 0..STYLES {
        let mut words: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            let mut syl = Vec::new();
            for c in word.chars() {
                match syllable(c) {
                    Some(forms) => syl.push(forms[word_style].clone()),
                    None => syl.push(super::fold::to_ascii(&c.to_string())),
                }
            }
            words.push(syl.join(" "));
        }
        out.push(words.join(" "));
    }
    // Foreign names written in Hangul: syllables of a word joined ("beulladimireu"). A name
    // shaped like a Korean one keeps its syllables apart: a Korean given name read as one word
    // ("soyun") is compared with edits allowed for its length, and meets other given names
    // ("doyun"); a listed given name written as one word is met by the joins of the syllables.
    let foreign = !korean_shaped(text);
    for style in (0..STYLES).filter(|_| foreign) {
        let words: Vec<String> = text
            .split_whitespace()
            .map(|w| {
                w.chars()
                    .map(|c| {
                        syllable(c).map_or_else(
                            || super::fold::to_ascii(&c.to_string()),
                            |f| f[style].clone(),
                        )
                    })
                    .collect::<String>()
            })
            .collect();
        out.push(words.join(" "));
    }
    if let Some(l) = loanword(text) {
        out.push(l);
    }
    // Surname variants on the first syllable of the first word: only in the syllable-by-syllable
    // forms, where the first token is that syllable (in a joined form it is the whole word, and
    // replacing it would drop the rest of the word).
    let first: String = text.trim().chars().take(1).collect();
    if let Some((_, variants)) = SURNAMES.iter().find(|(s, _)| *s == first) {
        let rest_forms: Vec<String> = out.iter().take(STYLES).cloned().collect();
        for rest in rest_forms {
            let tail = rest.split_once(' ').map_or("", |(_, t)| t).to_string();
            for v in variants.iter() {
                out.push(format!("{v} {tail}").trim().to_string());
            }
        }
    }
    let mut seen = Vec::new();
    out.retain(|s| {
        let keep = !s.is_empty() && !seen.contains(s);
        seen.push(s.clone());
        keep
    });
    out
}

/// Whether a romanised word is a spelling lists use for a Korean surname (Kim, Ri, Pak, Choe),
/// one letter ("I", "O") aside.
pub fn is_surname_spelling(word: &str) -> bool {
    word.len() >= 2 && SURNAMES.iter().any(|(_, v)| v.contains(&word))
}

/// Whether a Hangul name has the shape of a Korean name: at most four syllables, no word of
/// more than three, and a surname first or as a last word of one syllable ("김서윤", "서윤 김").
fn korean_shaped(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let syllables = |w: &str| w.chars().count();
    let surname = |w: &str| {
        let first: String = w.chars().take(1).collect();
        SURNAMES.iter().any(|(s, _)| *s == first)
    };
    let total: usize = words.iter().map(|w| syllables(w)).sum();
    (2..=4).contains(&total)
        && words.iter().all(|w| syllables(w) <= 3)
        && (words.first().is_some_and(|w| surname(w))
            || words
                .last()
                .is_some_and(|w| syllables(w) == 1 && surname(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_names_keep_their_syllables_apart() {
        assert!(korean_shaped("서윤 김") && korean_shaped("김서윤") && korean_shaped("김 서윤"));
        assert!(!korean_shaped("블라디미르 푸틴") && !korean_shaped("푸틴"));
        assert!(!romanize_all("서윤 김").iter().any(|v| v.contains("seoyun")));
        assert!(
            romanize_all("블라디미르 푸틴")
                .iter()
                .any(|v| v.contains("dimireu"))
        );
    }

    #[test]
    fn surname_variants_keep_the_rest_of_a_joined_word() {
        // 명굉 고: the joined form "myeonggoeng go" must not become "myung go".
        for v in romanize_all("명굉 고") {
            assert!(v.contains("goeng") || v.contains("koeng"), "{v}");
        }
    }

    #[test]
    fn korean_names_in_list_spellings() {
        let v = romanize_all("김정은");
        assert!(v.contains(&"kim jong un".to_string()), "{v:?}");
        assert!(v.contains(&"gim jeong eun".to_string()), "{v:?}");
        let v = romanize_all("리병철");
        assert!(v.iter().any(|s| s.starts_with("ri ")), "{v:?}");
        let v = romanize_all("박지성");
        assert!(v.iter().any(|s| s.starts_with("park ji")), "{v:?}");
    }

    #[test]
    fn foreign_names_in_loanword_spelling() {
        assert_eq!(
            loanword("블라디미르 푸틴").as_deref(),
            Some("bladimir putin")
        );
        assert_eq!(
            loanword("블라디미르 블라디미로비치 푸틴").as_deref(),
            Some("bladimir bladimirobich putin")
        );
        assert!(romanize_all("블라디미르 푸틴").contains(&"bladimir putin".to_string()));
        // Korean names carry no loanword marks.
        assert_eq!(loanword("김정은"), None);
        assert_eq!(loanword("박지성"), None);
    }
}
