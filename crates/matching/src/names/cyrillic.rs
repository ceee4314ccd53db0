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

/// Ukrainian national romanisation (2010, passports): г is h, и is y, є ї й ю я are ye yi y yu
/// ya at the start of a word and ie i i iu ia elsewhere (Володимир Зеленський → Volodymyr
/// Zelenskyi).
fn ukrainian(c: char, prev: Option<char>) -> Option<&'static str> {
    let initial = prev.is_none_or(|p| !p.is_alphabetic());
    Some(match c {
        'г' => "h",
        'ґ' => "g",
        'и' => "y",
        'і' => "i",
        'є' if initial => "ye",
        'ї' if initial => "yi",
        'й' if initial => "y",
        'ю' if initial => "yu",
        'я' if initial => "ya",
        'є' => "ie",
        'ї' | 'й' => "i",
        'ю' => "iu",
        'я' => "ia",
        'ь' | 'ъ' => "",
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

/// A Belarusian name (і or ў, and none of и, ї, є) in the Russian form lists also carry:
/// Belarusian writes soft д and т as дз and ц (дзеканне, цеканне: Уладзімір Пуцін for
/// Владимир Путин) and в before a consonant as ў, or у at the start of a word.
fn belarusian_as_russian(lower: &str) -> Option<String> {
    let belarusian = lower.contains(['і', 'ў']) && !lower.contains(['и', 'ї', 'є']);
    if !belarusian {
        return None;
    }
    let chars: Vec<char> = lower.chars().collect();
    let soft = |c: Option<&char>| c.is_some_and(|c| "іеёюяь".contains(*c));
    let consonant = |c: Option<&char>| c.is_some_and(|c| c.is_alphabetic() && !is_vowel(*c));
    let mut out = String::with_capacity(lower.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let initial = i == 0 || !chars[i - 1].is_alphabetic();
        match c {
            'д' if chars.get(i + 1) == Some(&'з') && soft(chars.get(i + 2)) => {
                out.push('д');
                i += 1;
            }
            'ц' if soft(chars.get(i + 1)) => out.push('т'),
            'ў' => out.push('в'),
            'у' if initial && consonant(chars.get(i + 1)) => out.push('в'),
            'і' => out.push('и'),
            c => out.push(c),
        }
        i += 1;
    }
    Some(out)
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
    out.push(romanize_with(text, ukrainian));
    if let Some(ru) = belarusian_as_russian(&lower) {
        out.push(romanize_with(&ru, |c, _| icao(c)));
        out.push(romanize_with(&ru, bgn));
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

    #[test]
    fn ukrainian_national_romanisation() {
        let v = romanize_all("Володимир Зеленський");
        assert!(v.contains(&"volodymyr zelenskyi".to_string()), "{v:?}");
        let v = romanize_all("Юлія Тимошенко");
        assert!(v.contains(&"yuliia tymoshenko".to_string()), "{v:?}");
    }

    #[test]
    fn belarusian_names_in_their_russian_form() {
        let v = romanize_all("Уладзімір Пуцін");
        assert!(v.contains(&"uladzimir putsin".to_string()), "{v:?}");
        assert!(v.contains(&"vladimir putin".to_string()), "{v:?}");
        let v = romanize_all("Уладзімір Уладзіміравіч");
        assert!(v.contains(&"vladimir vladimiravich".to_string()), "{v:?}");
        // Russian and Ukrainian names are not read as Belarusian.
        assert_eq!(belarusian_as_russian("путін володимир"), None);
    }
}
