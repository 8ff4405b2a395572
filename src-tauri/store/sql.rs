//! What every repository uses to talk to SQLite: the statement cache and the ids it
//! keeps as text. A leaf: it imports nothing of the store but its error.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::Connection;

use super::error::StoreError;
use crate::domain::id::Id;

/// An id as the store keeps it (text); one that does not parse is a corrupt database.
pub(super) fn stored_id<T: From<uuid::Uuid>>(text: &str) -> Result<T, StoreError> {
    uuid::Uuid::parse_str(text)
        .map(T::from)
        .map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Statements through the connection's prepared-statement cache: the repositories
/// run the same few statements for every record, and parsing them anew each time
/// costs more than executing them.
pub(super) trait Cached {
    fn run<P: rusqlite::Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize>;
    fn one<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>;
}

impl Cached for Connection {
    fn run<P: rusqlite::Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    fn one<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

/// Kept as text, as every id in the store is.
impl<T> ToSql for Id<T> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.uuid().to_string()))
    }
}

impl<T> FromSql for Id<T> {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Id<T>> {
        let text = value.as_str()?;
        text.parse()
            .map_err(|err: uuid::Error| FromSqlError::Other(Box::new(err)))
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use crate::domain::directory::OfficialId;

    #[test]
    fn an_id_is_kept_as_the_text_of_its_uuid() {
        let uuid = uuid::Uuid::parse_str("01890a5d-ac96-774b-bcce-b302099a8057").unwrap();
        let id = OfficialId::from_uuid(uuid);
        let conn = Connection::open_in_memory().unwrap();
        let (stored, read): (String, OfficialId) = conn
            .query_row("SELECT ?1, ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap();
        assert_eq!(stored, uuid.to_string());
        assert_eq!(read, id);
        let corrupt: rusqlite::Result<OfficialId> = conn.query_row("SELECT 'x'", [], |r| r.get(0));
        assert!(corrupt.is_err());
    }
}
