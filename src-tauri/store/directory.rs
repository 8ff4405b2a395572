//! Repository for the directory (departments, officials, counterparts, cities): one
//! generic implementation, since each is a versioned JSON body with a few columns.

use std::marker::PhantomData;

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::audit::{self, Change, Stamp};
use super::error::StoreError;
use super::sql::Cached;
use crate::domain::directory::{City, Counterpart, Department, Official};
use crate::domain::id::Id;
use crate::rules::{CalendarDay, Standard};

/// A stored value with its id and version (each save increments the version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Versioned<T> {
    pub id: Id<T>,
    #[ts(type = "number")]
    pub version: i64,
    pub value: T,
}

/// How a directory type is stored.
pub trait DirectoryRow: Serialize + DeserializeOwned {
    /// Table and audit entity name.
    const ENTITY: &'static str;
    /// How lists are ordered.
    const ORDER: &'static str;
    /// The columns beside `id`, `version` and `body`.
    fn columns(&self) -> Vec<(&'static str, Value)>;
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

impl DirectoryRow for Department {
    const ENTITY: &'static str = "department";
    const ORDER: &'static str = "name";
    fn columns(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("name", text(&self.name)),
            ("active", Value::Integer(self.active.into())),
        ]
    }
}

impl DirectoryRow for Official {
    const ENTITY: &'static str = "official";
    const ORDER: &'static str = "name";
    fn columns(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("department_id", text(&self.department_id.to_string())),
            ("name", text(&self.name)),
            ("staff_no", text(self.staff_no.trim())),
            ("active", Value::Integer(self.active.into())),
        ]
    }
}

impl DirectoryRow for Counterpart {
    const ENTITY: &'static str = "counterpart";
    const ORDER: &'static str = "name";
    fn columns(&self) -> Vec<(&'static str, Value)> {
        let status = serde_json::to_value(self.credit_status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        vec![
            ("name", text(&self.name)),
            (
                "credit_code",
                self.credit_code.as_deref().map_or(Value::Null, text),
            ),
            ("credit_status", Value::Text(status)),
            ("active", Value::Integer(self.active.into())),
        ]
    }
}

impl DirectoryRow for City {
    const ENTITY: &'static str = "city";
    const ORDER: &'static str = "province, name";
    fn columns(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("province", text(&self.province)),
            ("name", text(&self.name)),
        ]
    }
}

impl DirectoryRow for Standard {
    const ENTITY: &'static str = "standard";
    const ORDER: &'static str = "key, effective_from, id";
    fn columns(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("key", text(self.key.tag())),
            ("effective_from", text(&self.effective_from.to_string())),
            ("active", Value::Integer(self.active.into())),
        ]
    }
}

impl DirectoryRow for CalendarDay {
    const ENTITY: &'static str = "holiday";
    const ORDER: &'static str = "date";
    fn columns(&self) -> Vec<(&'static str, Value)> {
        vec![
            ("date", text(&self.date.to_string())),
            // A correction is never withdrawn, only saved the other way round.
            ("active", Value::Integer(1)),
        ]
    }
}

fn body_of<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Bug(e.to_string()))
}

/// Adds a new row and audits it.
pub fn insert<T: DirectoryRow>(
    conn: &Connection,
    stamp: &Stamp,
    id: Id<T>,
    value: T,
) -> Result<Versioned<T>, StoreError> {
    let columns = value.columns();
    let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    let sql = format!(
        "INSERT INTO {} (id, version, body, {}) VALUES (?1, 1, ?2, {})",
        T::ENTITY,
        names.join(", "),
        (3..3 + names.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut params = vec![Value::Text(id.to_string()), Value::Text(body_of(&value)?)];
    params.extend(columns.into_iter().map(|(_, v)| v));
    conn.run(&sql, params_from_iter(params))?;
    record_change(conn, stamp, T::ENTITY, "create", &id.uuid(), None)?;
    Ok(Versioned {
        id,
        version: 1,
        value,
    })
}

/// Replaces a row's value if it is still at `expected_version`, and audits it.
pub fn update<T: DirectoryRow>(
    conn: &Connection,
    stamp: &Stamp,
    id: Id<T>,
    expected_version: i64,
    value: T,
) -> Result<Versioned<T>, StoreError> {
    let found = version_of(conn, T::ENTITY, &id.uuid())?;
    if found != expected_version {
        return Err(StoreError::VersionConflict {
            entity: T::ENTITY,
            id: id.to_string(),
            expected: expected_version,
            found,
        });
    }
    let before = audit::image_of(conn, T::ENTITY, &id.to_string())?;
    let columns = value.columns();
    let sets: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (name, _))| format!("{name} = ?{}", i + 3))
        .collect();
    let sql = format!(
        "UPDATE {} SET version = version + 1, body = ?2, {} WHERE id = ?1",
        T::ENTITY,
        sets.join(", ")
    );
    let mut params = vec![Value::Text(id.to_string()), Value::Text(body_of(&value)?)];
    params.extend(columns.into_iter().map(|(_, v)| v));
    conn.run(&sql, params_from_iter(params))?;
    record_change(conn, stamp, T::ENTITY, "update", &id.uuid(), before)?;
    Ok(Versioned {
        id,
        version: found + 1,
        value,
    })
}

pub fn get<T: DirectoryRow>(
    conn: &Connection,
    id: Id<T>,
) -> Result<Option<Versioned<T>>, StoreError> {
    let sql = format!("SELECT version, body FROM {} WHERE id = ?1", T::ENTITY);
    let row: Option<(i64, String)> = conn
        .one(&sql, [id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(version, body)| decode(id, version, &body))
        .transpose()
}

/// Every row, or only the active ones, in the table's order.
pub fn list<T: DirectoryRow>(
    conn: &Connection,
    active_only: bool,
) -> Result<Vec<Versioned<T>>, StoreError> {
    let filter = if active_only && T::ENTITY != "city" {
        "WHERE active = 1"
    } else {
        ""
    };
    let sql = format!(
        "SELECT id, version, body FROM {} {filter} ORDER BY {}",
        T::ENTITY,
        T::ORDER
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows: Vec<(String, i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(id, version, body)| {
            let id = super::sql::stored_id(&id)?;
            decode(Id::from_uuid(id), version, &body)
        })
        .collect()
}

/// Whether a row with this id exists (active or not).
pub fn exists<T: DirectoryRow>(conn: &Connection, id: Id<T>) -> Result<bool, StoreError> {
    let sql = format!("SELECT 1 FROM {} WHERE id = ?1", T::ENTITY);
    Ok(conn
        .one(&sql, [id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// What identifies a directory row of type `T` besides its id: what a uniqueness
/// check, a bundle merge or an import looks a row up by. The table and column it
/// means are the store's business, never a caller's string; the row type it finds is
/// the key's.
#[derive(Debug, Clone)]
pub struct NaturalKey<T> {
    column: &'static str,
    value: String,
    row: PhantomData<fn() -> T>,
}

impl<T> NaturalKey<T> {
    fn of(column: &'static str, value: String) -> NaturalKey<T> {
        NaturalKey {
            column,
            value,
            row: PhantomData,
        }
    }
}

impl NaturalKey<Department> {
    pub fn department_name(name: &str) -> NaturalKey<Department> {
        NaturalKey::of("name", name.to_owned())
    }
}

impl NaturalKey<Official> {
    pub fn staff_no(staff_no: &str) -> NaturalKey<Official> {
        NaturalKey::of("staff_no", staff_no.to_owned())
    }
}

impl NaturalKey<Counterpart> {
    pub fn credit_code(code: &str) -> NaturalKey<Counterpart> {
        NaturalKey::of("credit_code", code.to_owned())
    }
}

impl NaturalKey<CalendarDay> {
    pub fn holiday_date(date: chrono::NaiveDate) -> NaturalKey<CalendarDay> {
        NaturalKey::of("date", date.to_string())
    }
}

/// The id of the row `key` names, if any.
pub fn find_by<T: DirectoryRow>(
    conn: &Connection,
    key: NaturalKey<T>,
) -> Result<Option<Id<T>>, StoreError> {
    let sql = format!("SELECT id FROM {} WHERE {} = ?1", T::ENTITY, key.column);
    let id: Option<String> = conn.one(&sql, [key.value], |r| r.get(0)).optional()?;
    id.map(|id| super::sql::stored_id(&id).map(Id::from_uuid))
        .transpose()
}

/// The city of this province and name, if the directory has it.
pub fn find_city(
    conn: &Connection,
    province: &str,
    name: &str,
) -> Result<Option<Id<City>>, StoreError> {
    let id: Option<String> = conn
        .one(
            "SELECT id FROM city WHERE province = ?1 AND name = ?2",
            [province.trim(), name.trim()],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| super::sql::stored_id(&id).map(Id::from_uuid))
        .transpose()
}

fn version_of(conn: &Connection, entity: &'static str, id: &Uuid) -> Result<i64, StoreError> {
    let sql = format!("SELECT version FROM {entity} WHERE id = ?1");
    conn.one(&sql, [id.to_string()], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::not_found(entity, id))
}

fn decode<T: DeserializeOwned>(
    id: Id<T>,
    version: i64,
    body: &str,
) -> Result<Versioned<T>, StoreError> {
    let value =
        serde_json::from_str(body).map_err(|e| StoreError::Corrupt(format!("{id}: {e}")))?;
    Ok(Versioned { id, version, value })
}

/// Appends the row's new image (and its old one) to the audit log.
pub(crate) fn record_change(
    conn: &Connection,
    stamp: &Stamp,
    entity: &'static str,
    action: &str,
    id: &dyn std::fmt::Display,
    before: Option<String>,
) -> Result<(), StoreError> {
    let id = id.to_string();
    let after = audit::image_of(conn, entity, &id)?;
    audit::append(
        conn,
        stamp,
        &Change {
            action,
            entity,
            entity_id: &id,
            before: before.as_deref(),
            after: after.as_deref(),
        },
    )?;
    Ok(())
}
