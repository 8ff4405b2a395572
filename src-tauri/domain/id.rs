//! Typed ids: an official's id is not a department's, and the compiler says so. The
//! names (`OfficialId`, `DepartmentId`, …) live beside their entities; this file is a
//! leaf they all use.
//!
//! Every entity is named by a UUID; passing one where another is meant (an official's
//! id to a check that wants a department's) type-checks as long as both are bare
//! `Uuid`s, and the mistake would only show as a wrong scope or an empty register.
//! `Id<T>` carries the entity in its type at no cost: the same sixteen bytes, the same
//! JSON string, the same text in SQLite (`store/sql.rs`), the same `string` in
//! TypeScript.

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

/// The id of a `T`. (`fn() -> T` keeps `Id<T>` `Send`, `Sync` and covariant whatever
/// `T` is; the traits are written by hand so none asks anything of `T`.)
pub struct Id<T>(Uuid, PhantomData<fn() -> T>);

impl<T> Id<T> {
    /// The id `uuid` names, said to be a `T`'s: where an id enters from outside the
    /// type system (a row, a request, a new id).
    pub const fn from_uuid(uuid: Uuid) -> Id<T> {
        Id(uuid, PhantomData)
    }

    /// An id written as text (a row, a file name, a command-line argument).
    pub fn parse_str(text: &str) -> Result<Id<T>, uuid::Error> {
        Uuid::parse_str(text).map(Id::from_uuid)
    }

    pub const fn uuid(self) -> Uuid {
        self.0
    }
}

impl<T> From<Uuid> for Id<T> {
    fn from(uuid: Uuid) -> Id<T> {
        Id::from_uuid(uuid)
    }
}

impl<T> From<Id<T>> for Uuid {
    fn from(id: Id<T>) -> Uuid {
        id.0
    }
}

impl<T> Clone for Id<T> {
    fn clone(&self) -> Id<T> {
        *self
    }
}

impl<T> Copy for Id<T> {}

impl<T> PartialEq for Id<T> {
    fn eq(&self, other: &Id<T>) -> bool {
        self.0 == other.0
    }
}

impl<T> Eq for Id<T> {}

impl<T> PartialOrd for Id<T> {
    fn partial_cmp(&self, other: &Id<T>) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl<T> Ord for Id<T> {
    fn cmp(&self, other: &Id<T>) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}

impl<T> std::hash::Hash for Id<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl<T> fmt::Debug for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl<T> fmt::Display for Id<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl<T> FromStr for Id<T> {
    type Err = uuid::Error;

    fn from_str(text: &str) -> Result<Id<T>, uuid::Error> {
        Uuid::parse_str(text).map(Id::from_uuid)
    }
}

impl<T> Serialize for Id<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de, T> Deserialize<'de> for Id<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Id<T>, D::Error> {
        Uuid::deserialize(deserializer).map(Id::from_uuid)
    }
}

/// A `string` in TypeScript, as a bare UUID is.
impl<T> ts_rs::TS for Id<T> {
    type WithoutGenerics = Id<ts_rs::Dummy>;
    type OptionInnerType = Self;

    fn name(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }

    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::directory::{DepartmentId, OfficialId};

    #[test]
    fn an_id_is_its_uuid_in_json_and_typescript() {
        let uuid = Uuid::parse_str("01890a5d-ac96-774b-bcce-b302099a8057").unwrap();
        let id = OfficialId::from_uuid(uuid);
        assert_eq!(
            serde_json::to_string(&id).unwrap(),
            serde_json::to_string(&uuid).unwrap()
        );
        let back: OfficialId =
            serde_json::from_str("\"01890a5d-ac96-774b-bcce-b302099a8057\"").unwrap();
        assert_eq!(back, id);
        assert!(serde_json::from_str::<OfficialId>("\"not an id\"").is_err());
        assert_eq!(id.to_string(), uuid.to_string());

        let cfg = ts_rs::Config::new();
        assert_eq!(<OfficialId as ts_rs::TS>::inline(&cfg), "string");
        assert_eq!(
            <Option<DepartmentId> as ts_rs::TS>::inline(&cfg),
            "string | null"
        );
    }
}
