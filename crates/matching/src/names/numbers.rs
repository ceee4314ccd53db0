//! Numbers in names are compared as digits: number words become digits ("Forty-Four" → 44,
//! "Three" → 3, "First" → 1st), and digits standing for letters in words ("Sech1n") become
//! letters.

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const ORDINALS: [(&str, &str); 12] = [
    ("first", "1st"),
    ("second", "2nd"),
    ("third", "3rd"),
    ("fourth", "4th"),
    ("fifth", "5th"),
    ("sixth", "6th"),
    ("seventh", "7th"),
    ("eighth", "8th"),
    ("ninth", "9th"),
    ("tenth", "10th"),
    ("eleventh", "11th"),
    ("twelfth", "12th"),
];

fn unit(w: &str) -> Option<u32> {
    UNITS.iter().position(|u| *u == w).map(|i| i as u32)
}

fn ten(w: &str) -> Option<u32> {
    if w == "fourty" {
        // The common misspelling.
        return Some(40);
    }
    TENS.iter()
        .position(|t| !t.is_empty() && *t == w)
        .map(|i| i as u32 * 10)
}

/// Digits used as letters inside a word: `sech1n` → `sechin`, `i9or` → `igor`.
fn unleet(w: &str) -> Option<String> {
    let digits = w.chars().filter(char::is_ascii_digit).count();
    let letters = w.chars().filter(char::is_ascii_alphabetic).count();
    if digits == 0
        || digits > 2
        || letters < 3
        || w.chars().next().is_some_and(|c| c.is_ascii_digit()) && letters < 4
    {
        return None;
    }
    Some(
        w.chars()
            .map(|c| match c {
                '0' => 'o',
                '1' => 'i',
                '3' => 'e',
                '4' => 'a',
                '5' => 's',
                '7' => 't',
                '9' => 'g',
                c => c,
            })
            .collect(),
    )
}

/// Rewrite the words of a folded name (lowercase ASCII, space separated).
pub fn normalize(folded: &str) -> String {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if let Some(t) = ten(w) {
            // "forty four", "forty 4"
            let next = words.get(i + 1).copied();
            let u = next.and_then(|n| {
                unit(n)
                    .filter(|u| *u < 10)
                    .or_else(|| n.parse::<u32>().ok().filter(|u| *u < 10))
            });
            match u {
                Some(u) => {
                    out.push((t + u).to_string());
                    i += 2;
                }
                None => {
                    out.push(t.to_string());
                    i += 1;
                }
            }
            continue;
        }
        if let Some(u) = unit(w) {
            out.push(u.to_string());
        } else if let Some((_, o)) = ORDINALS.iter().find(|(word, _)| *word == w) {
            out.push((*o).to_string());
        } else if let Some(l) = unleet(w) {
            out.push(l);
        } else {
            out.push(w.to_string());
        }
        i += 1;
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(normalize("brigade forty four"), "brigade 44");
        assert_eq!(normalize("brigade forty 4"), "brigade 44");
        assert_eq!(normalize("three percenters"), "3 percenters");
        assert_eq!(
            normalize("first international bank"),
            "1st international bank"
        );
        assert_eq!(normalize("i9or sech1n"), "igor sechin");
        assert_eq!(normalize("224th flight unit"), "224th flight unit");
        assert_eq!(normalize("snow storm 1"), "snow storm 1");
        assert_eq!(normalize("brigade fourty four"), "brigade 44");
    }
}
