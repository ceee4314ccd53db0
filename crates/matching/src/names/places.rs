//! Places: countries, regions and cities, which weigh a lot inside the name of an organisation
//! or a vessel. "Banco Santander Chile S.A." is another bank than "Banco Santander S.A.", and
//! "Gazprom Germania GmbH" another company than "Gazprom". Persons' names are not read so:
//! Jordan, Georgia, Chad and Paris are given names too (see [`super::align`]).

use std::sync::LazyLock;

/// Countries in English and in their own languages (folded to ASCII as names are), world
/// regions, and cities and provinces that the names of listed companies carry.
#[rustfmt::skip]
const PLACES: &[&str] = &[
    // Countries, English short names (single words; "saudi", "arabia", "emirates" of
    // multi-word ones).
    "afghanistan", "albania", "algeria", "andorra", "angola", "argentina", "armenia",
    "australia", "austria", "azerbaijan", "bahamas", "bahrain", "bangladesh", "barbados",
    "belarus", "belgium", "belize", "benin", "bhutan", "bolivia", "bosnia", "botswana",
    "brazil", "brunei", "bulgaria", "burma", "burundi", "cambodia", "cameroon", "canada",
    "chad", "chile", "china", "colombia", "comoros", "congo", "croatia", "cuba", "cyprus",
    "czechia", "denmark", "djibouti", "ecuador", "egypt", "emirates", "eritrea", "estonia",
    "eswatini", "ethiopia", "fiji", "finland", "france", "gabon", "gambia", "georgia",
    "germany", "ghana", "greece", "guatemala", "guinea", "guyana", "haiti", "holland",
    "honduras", "hungary", "iceland", "india", "indonesia", "iran", "iraq", "ireland",
    "israel", "italy", "jamaica", "japan", "jordan", "kazakhstan", "kenya", "korea", "kosovo",
    "kuwait", "kyrgyzstan", "laos", "latvia", "lebanon", "lesotho", "liberia", "libya",
    "liechtenstein", "lithuania", "luxembourg", "macedonia", "madagascar", "malawi",
    "malaysia", "maldives", "mali", "malta", "mauritania", "mauritius", "mexico", "moldova",
    "monaco", "mongolia", "montenegro", "morocco", "mozambique", "myanmar", "namibia",
    "nepal", "netherlands", "nicaragua", "niger", "nigeria", "norway", "oman", "pakistan",
    "palestine", "panama", "paraguay", "peru", "philippines", "poland", "portugal", "qatar",
    "romania", "russia", "rwanda", "saudi", "senegal", "serbia", "seychelles", "singapore",
    "slovakia", "slovenia", "somalia", "spain", "sudan", "suriname", "sweden", "switzerland",
    "syria", "taiwan", "tajikistan", "tanzania", "thailand", "togo", "tunisia", "turkey",
    "turkmenistan", "uganda", "ukraine", "uruguay", "uzbekistan", "venezuela", "vietnam",
    "yemen", "zambia", "zimbabwe", "uk", "usa", "uae", "prc", "dprk",
    // Countries in their own languages.
    "deutschland", "schweiz", "suisse", "svizzera", "osterreich", "espana", "italia",
    "nederland", "belgique", "belgie", "danmark", "norge", "sverige", "suomi", "polska",
    "rossiya", "rossii", "ukraina", "turkiye", "brasil", "mexique", "chine", "russie",
    "allemagne", "hellas", "magyarorszag", "hrvatska", "srbija", "cesko", "slovensko",
    "bulgariya", "zhongguo", "nippon", "misr", "lubnan", "suriya",
    // Regions.
    "europe", "asia", "africa", "america", "americas", "eurasia", "scandinavia", "caribbean",
    "arabia", "balkan", "balkans", "baltic", "caucasus", "pacific", "atlantic", "mideast",
    "siberia", "crimea", "kurdistan", "tibet", "xinjiang",
    // Cities and provinces.
    "london", "moscow", "moskva", "beijing", "shanghai", "shenzhen", "tianjin", "guangzhou",
    "dalian", "qingdao", "ningbo", "xiamen", "hongkong", "macau", "macao", "taipei",
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
    static SET: LazyLock<rustc_hash::FxHashSet<&str>> =
        LazyLock::new(|| PLACES.iter().copied().collect());
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
