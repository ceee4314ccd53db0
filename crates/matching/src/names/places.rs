//! Places: countries, regions and cities, which weigh a lot inside the name of an organisation
//! or a vessel. "Banco Santander Chile S.A." is another bank than "Banco Santander S.A.", and
//! "Gazprom Germania GmbH" another company than "Gazprom". Persons' names are not read so:
//! Jordan, Georgia, Chad and Paris are given names too (see [`super::align`]).

use std::sync::LazyLock;

/// Places besides the countries' English names (which `interdict_model::country` knows):
/// countries in their own languages (folded to ASCII as names are) and their common short
/// forms, world regions, and cities and provinces that the names of listed companies carry.
#[rustfmt::skip]
const PLACES: &[&str] = &[
    // Countries in their own languages, and short forms.
    "deutschland", "schweiz", "suisse", "svizzera", "osterreich", "espana", "italia",
    "nederland", "belgique", "belgie", "danmark", "norge", "sverige", "suomi", "polska",
    "rossiya", "rossii", "ukraina", "turkiye", "brasil", "mexique", "chine", "russie",
    "allemagne", "hellas", "magyarorszag", "hrvatska", "srbija", "cesko", "slovensko",
    "bulgariya", "zhongguo", "nippon", "misr", "lubnan", "suriya", "uk", "usa", "uae", "prc",
    // Regions.
    "europe", "asia", "africa", "america", "americas", "eurasia", "scandinavia", "caribbean",
    "arabia", "balkan", "balkans", "baltic", "caucasus", "pacific", "atlantic", "mideast",
    "siberia", "crimea", "kurdistan", "tibet", "xinjiang",
    // Cities and provinces.
    "london", "moscow", "moskva", "beijing", "shanghai", "shenzhen", "tianjin", "guangzhou",
    "dalian", "qingdao", "ningbo", "xiamen", "hongkong", "taipei",
    "fujian", "guangdong", "zhejiang", "jiangsu", "shandong", "liaoning", "hainan",
    "sichuan", "tehran", "dubai", "sharjah", "istanbul", "ankara", "paris", "berlin",
    "vienna", "wien", "zurich", "geneva", "geneve", "tokyo", "seoul", "pyongyang", "kiev",
    "kyiv", "minsk", "damascus", "baghdad", "basra", "caracas", "havana", "beirut", "riyadh",
    "jeddah", "doha", "muscat", "kabul", "karachi", "lahore", "islamabad", "delhi", "mumbai",
    "bangkok", "jakarta", "manila", "hanoi", "cairo", "tripoli", "benghazi", "khartoum",
    "sanaa", "aden", "almaty", "tashkent", "baku", "yerevan", "tbilisi", "chisinau", "riga",
    "vilnius", "tallinn", "warsaw", "prague", "budapest", "bucharest", "belgrade", "athens",
    "rome", "milan", "madrid", "barcelona", "lisbon", "amsterdam", "rotterdam", "brussels",
    "antwerp", "hamburg", "frankfurt", "munich", "limassol", "larnaca", "nicosia",
    "valletta", "vladivostok", "petersburg", "novosibirsk", "yekaterinburg", "kazan",
    "sevastopol", "donetsk", "luhansk", "murmansk", "kaliningrad", "nakhodka", "rostov",
];

/// Whether a word (case-folded, romanised) names a place.
pub fn is_place(word: &str) -> bool {
    // One set of both, hashed cheaply: joined words are looked up while candidates are scored.
    static SET: LazyLock<rustc_hash::FxHashSet<&str>> = LazyLock::new(|| {
        PLACES
            .iter()
            .copied()
            .chain(interdict_model::country::one_word_names())
            .collect()
    });
    SET.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_regions_and_cities_are_places_and_names_are_not() {
        for w in [
            "chile",
            "mexico",
            "europe",
            "deutschland",
            "dubai",
            "hongkong",
            "uk",
        ] {
            assert!(is_place(w), "{w}");
        }
        for w in [
            "santander",
            "gazprom",
            "bank",
            "putin",
            "Chile",
            "chilean",
            "",
        ] {
            assert!(!is_place(w), "{w}");
        }
    }
}
