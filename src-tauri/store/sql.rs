//! What every repository uses to talk to SQLite: the statement cache and the ids it
//! keeps as text. A leaf: it imports nothing of the store but its error.

use rusqlite::Connection;

use super::error::StoreError;

/// An id as the store keeps it (text); one that does not parse is a corrupt database.
pub(super) fn stored_id(text: &str) -> Result<uuid::Uuid, StoreError> {
    uuid::Uuid::parse_str(text).map_err(|e| StoreError::Corrupt(e.to_string()))
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
