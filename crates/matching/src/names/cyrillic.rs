//! Cyrillic romanisation in the styles lists mix: ICAO passport (Doc 9303), BGN/PCGN and GOST
//! 7.79-B, plus the brand form that writes `кс` as `x` (Rosoboronexport).

fn icao(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' => "ie",
        'ы' => "y",
        'ь' => "",
        'э' => "e",
        'ю' => "iu",
        'я' => "ia",
        'і' => "i",
        'ї' => "i",
        'є' => "ie",
        'ґ' => "g",
        'ў' => "u",
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
    "аеёиоуыэюяіїєьъ".contains(c)
}

/// BGN/PCGN: е and ё are `ye` at the start of a word and after a vowel or soft/hard sign.
fn bgn(c: char, prev: Option<char>) -> Option<&'static str> {
    let after_vowel = prev.is_none_or(|p| !p.is_alphabetic() || is_vowel(p));
    Some(match c {
        'е' if after_vowel => "ye",
        'ё' if after_vowel => "yo",
        'е' => "e",
        'ё' => "e",
        'й' => "y",
        'ю' => "yu",
        'я' => "ya",
        'ъ' | 'ь' => "",
        'є' => "ye",
        'ї' => "yi",
        'и' => "i",
        _ => return icao(c),
    })
}

/// GOST 7.79-B, without its apostrophes.
fn gost(c: char) -> Option<&'static str> {
    Some(match c {
        'й' => "j",
        'х' => "x",
        'ц' => "cz",
        'щ' => "shh",
        'ю' => "yu",
        'я' => "ya",
        'ё' => "yo",
        'ъ' | 'ь' => "",
        'э' => "e",
        _ => return icao(c),
    })
}

fn romanize_with(text: &str, f: impl Fn(char, Option<char>) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut prev: Option<char> = None;
    for ch in text.chars() {
        let lower = ch.to_lowercase().next().unwrap_or(ch);
        match f(lower, prev) {
            Some(s) => out.push_str(s),
            None => out.push(lower),
        }
        prev = Some(lower);
    }
    super::fold::to_ascii(&out)
}

/// All romanisations of a Cyrillic name, deduplicated, ICAO first.
pub fn romanize_all(text: &str) -> Vec<String> {
    let mut out = vec![
        romanize_with(text, |c, _| icao(c)),
        romanize_with(text, bgn),
        romanize_with(text, |c, _| gost(c)),
    ];
    let lower = text.to_lowercase();
    if lower.contains("кс") {
        out.push(romanize_with(&lower.replace("кс", "x"), |c, _| icao(c)));
    }
    // Common endings written -iy/-y in the West: Дмитрий → Dmitry.
    let ii = out[1].replace("iy ", "y ").replace("iy", "y");
    out.push(ii);
    let mut seen = Vec::new();
    out.retain(|s| {
        let keep = !s.is_empty() && !seen.contains(s);
        seen.push(s.clone());
        keep
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles() {
        let v = romanize_all("Сергей Шойгу");
        assert!(v.contains(&"sergei shoigu".to_string()), "{v:?}");
        assert!(v.contains(&"sergey shoygu".to_string()), "{v:?}");
        assert!(v.contains(&"sergej shojgu".to_string()), "{v:?}");
        assert!(romanize_all("Рособоронэкспорт").contains(&"rosoboronexport".to_string()));
        assert!(romanize_all("Дмитрий Медведев").contains(&"dmitry medvedev".to_string()));
        assert!(romanize_all("Александр").contains(&"aleksandr".to_string()));
    }
}
