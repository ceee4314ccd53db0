//! Han characters: Mandarin pinyin (syllables separated, no tones) and, for names that may be
//! Korean, the Korean reading (金正恩 → 김정은 → Kim Jong Un) through the `hanja` dictionary.

use pinyin::ToPinyin;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Han character → its most common Korean (Hangul) reading, inverted from the hanja dictionary.
static KOREAN_READING: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for u in 0xAC00u32..=0xD7A3 {
        let Some(h) = char::from_u32(u) else { continue };
        if let Some(entries) = hanja::get(h) {
            for (han, _) in entries {
                m.entry(*han).or_insert(h);
            }
        }
    }
    m
});

fn pinyin_of(text: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (c, p) in text.chars().zip(text.to_pinyin()) {
        match p {
            Some(p) => parts.push(p.plain().to_string()),
            None => parts.push(super::fold::to_ascii(&c.to_string())),
        }
    }
    super::fold::words(&parts.join(" "))
}

/// Korean surnames written in Han, with their surname reading (金 reads 금 in words, 김 as a name).
const KOREAN_SURNAMES: &[(char, char)] = &[
    ('金', '김'),
    ('李', '이'),
    ('朴', '박'),
    ('崔', '최'),
    ('鄭', '정'),
    ('趙', '조'),
    ('姜', '강'),
    ('尹', '윤'),
    ('張', '장'),
    ('林', '임'),
    ('韓', '한'),
    ('吳', '오'),
    ('申', '신'),
    ('權', '권'),
    ('黃', '황'),
    ('安', '안'),
    ('宋', '송'),
    ('柳', '류'),
    ('劉', '유'),
    ('洪', '홍'),
    ('全', '전'),
    ('高', '고'),
    ('文', '문'),
    ('孫', '손'),
    ('梁', '양'),
    ('裵', '배'),
    ('白', '백'),
    ('許', '허'),
    ('南', '남'),
    ('沈', '심'),
    ('盧', '노'),
    ('河', '하'),
    ('車', '차'),
    ('具', '구'),
    ('玄', '현'),
    ('太', '태'),
    ('池', '지'),
    ('徐', '서'),
    ('成', '성'),
    ('田', '전'),
    ('閔', '민'),
    ('兪', '유'),
];

/// Romanisations of a Han name: pinyin first, then, for a name that starts with a Korean
/// surname, the Korean readings. Other names are read in Mandarin only: the hanja dictionary
/// also reads simplified Chinese characters, and a Chinese name read in Korean (陈柏源 as
/// "jin baek won") would match Korean names it has nothing to do with.
pub fn romanize_all(text: &str) -> Vec<String> {
    let mut out = vec![pinyin_of(text)];
    let mut chars = text.trim().chars();
    let surname = chars
        .next()
        .and_then(|c| KOREAN_SURNAMES.iter().find(|(h, _)| *h == c))
        .map(|(_, k)| *k);
    if let Some(surname) = surname {
        // 金 reads 금 in words, 김 as a name: the surname by its table, the rest by the
        // dictionary.
        let korean: String = std::iter::once(surname)
            .chain(chars.map(|c| KOREAN_READING.get(&c).copied().unwrap_or(c)))
            .collect();
        out.extend(super::hangul::romanize_all(&korean));
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The commonest Chinese surnames in pinyin, spelled as folded (about 60% of Chinese people).
const PINYIN_SURNAMES: &[&str] = &[
    "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma",
    "zhu", "hu", "guo", "he", "lin", "gao", "luo", "zheng", "liang", "xie", "tang", "song", "han",
    "deng", "feng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan", "yuan", "cai", "jiang",
    "yu", "du", "ye", "cheng", "wei", "su", "lu", "ding", "ren", "shen", "yao", "cui", "zhong",
    "tan", "fan", "liao", "shi", "jin", "jia", "xia", "fu", "fang", "zou", "xiong", "bai", "meng",
    "qin", "qiu", "hou", "yin", "xue", "yan", "duan", "lei", "long", "tao", "mao", "hao", "gu",
    "gong", "shao", "wan", "qian", "lai", "kong",
];

/// Whether a romanised word is one of the commonest Chinese surnames in pinyin.
pub fn is_pinyin_surname(word: &str) -> bool {
    PINYIN_SURNAMES.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_and_korean_reading() {
        let v = romanize_all("习近平");
        assert_eq!(v[0], "xi jin ping");
        let v = romanize_all("金正恩");
        assert!(v.contains(&"jin zheng en".to_string()), "{v:?}");
        assert!(v.contains(&"kim jong un".to_string()), "{v:?}");
        // No Korean surname first: Mandarin only.
        assert_eq!(romanize_all("陈柏源"), vec!["chen bai yuan".to_string()]);
    }
}
