//! Organisation legal forms written out in full are replaced by their usual abbreviation before
//! comparison ("Aktiengesellschaft" → "ag", "Limited Liability Company" → "llc"), so that the two
//! spellings compare equal; the abbreviations then weigh little (see `tokens`).

/// (phrase in folded words, abbreviation). Longer phrases first.
const PHRASES: &[(&str, &str)] = &[
    ("obshchestvo s ogranichennoy otvetstvennostyu", "ooo"),
    ("obshchestvo s ogranichennoi otvetstvennostiu", "ooo"),
    ("gesellschaft mit beschrankter haftung", "gmbh"),
    ("societatea cu raspundere limitata", "srl"),
    ("societa a responsabilita limitata", "srl"),
    ("sociedad de responsabilidad limitada", "srl"),
    ("public joint stock company", "pjsc"),
    ("closed joint stock company", "cjsc"),
    ("open joint stock company", "ojsc"),
    ("limited liability company", "llc"),
    ("limited liability partnership", "llp"),
    ("publichnoe aktsionernoe obshchestvo", "pao"),
    ("otkrytoe aktsionernoe obshchestvo", "oao"),
    ("zakrytoe aktsionernoe obshchestvo", "zao"),
    ("aktsionernoe obshchestvo", "ao"),
    ("joint stock company", "jsc"),
    ("spolka z ograniczona odpowiedzialnoscia", "spzoo"),
    ("sp z o o", "spzoo"),
    ("sp zoo", "spzoo"),
    ("societe anonyme", "sa"),
    ("sociedad anonima", "sa"),
    ("sociedade anonima", "sa"),
    ("societa per azioni", "spa"),
    ("public limited company", "plc"),
    ("private limited company", "ltd"),
    ("private limited", "ltd"),
    ("aktiengesellschaft", "ag"),
    ("kommanditgesellschaft", "kg"),
    ("limited partnership", "lp"),
    ("incorporated", "inc"),
    ("corporation", "corp"),
    ("limited", "ltd"),
    ("company", "co"),
    ("l l c", "llc"),
    ("s a", "sa"),
    ("s p a", "spa"),
    ("s r l", "srl"),
    ("l p", "lp"),
    ("b v", "bv"),
    ("n v", "nv"),
    ("youxian gongsi", "co"),
    ("you xian gong si", "co"),
    ("jusik hoesa", "co"),
    ("ju sik hoe sa", "co"),
];

/// Replace legal-form phrases in a folded name (lowercase ASCII words separated by spaces).
pub fn abbreviate(folded: &str) -> String {
    let mut s = format!(" {folded} ");
    for (phrase, abbr) in PHRASES {
        let pat = format!(" {phrase} ");
        if s.contains(&pat) {
            s = s.replace(&pat, &format!(" {abbr} "));
        }
    }
    s.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviates() {
        assert_eq!(abbreviate("siemens aktiengesellschaft"), "siemens ag");
        assert_eq!(abbreviate("acme limited liability company"), "acme llc");
        assert_eq!(
            abbreviate("faberlic europe sp z o o"),
            "faberlic europe spzoo"
        );
        assert_eq!(
            abbreviate("societatea cu raspundere limitata pro traffic"),
            "srl pro traffic"
        );
        assert_eq!(abbreviate("company of heroes"), "co of heroes");
    }
}
