//! Read-only connections beside the store's one writer. In WAL mode readers never
//! wait for the writer nor for each other, so a list the person just asked for is
//! not queued behind the home page's month summary or an import's transaction:
//! every command that only reads takes one of these.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OpenFlags};

use super::connection_settings;
use super::error::StoreError;

/// How many reads may run at once: the window asks for a page, its totals, the
/// directory and the home summary together; more connections than that only cost
/// memory.
pub const READERS: usize = 3;

/// Each reader's page cache: a list's index pages and the rows of the pages shown.
const READER_CACHE_KIB: i64 = 32 * 1024;

#[derive(Debug)]
pub struct Readers {
    connections: Vec<Mutex<Connection>>,
    next: AtomicUsize,
}

impl Readers {
    /// Opens `count` read-only connections to the database at `path`, which the
    /// store has already created and migrated (its WAL mode is in the file).
    pub fn open(
        path: &Path,
        key: Option<&super::keyslots::DataKey>,
        count: usize,
    ) -> Result<Readers, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connections = (0..count.max(1))
            .map(|_| {
                let conn = Connection::open_with_flags(path, flags)?;
                super::cipher::apply_key(&conn, key)?;
                connection_settings(&conn, READER_CACHE_KIB)?;
                Ok(Mutex::new(conn))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Readers {
            connections,
            next: AtomicUsize::new(0),
        })
    }

    /// Reopens every reader on `path` under `key` (the file was replaced: encrypted in
    /// place or restored), waiting for reads in progress to end.
    pub fn reopen(
        &self,
        path: &Path,
        key: Option<&super::keyslots::DataKey>,
    ) -> Result<(), StoreError> {
        let fresh = Readers::open(path, key, self.connections.len())?;
        for (slot, conn) in self.connections.iter().zip(fresh.connections) {
            *slot.lock().unwrap_or_else(|e| e.into_inner()) =
                conn.into_inner().unwrap_or_else(|e| e.into_inner());
        }
        Ok(())
    }

    /// Closes every reader (each becomes an empty in-memory database) so the file
    /// can be replaced, on Windows too.
    pub fn close_all(&self) -> Result<(), StoreError> {
        for slot in &self.connections {
            *slot.lock().unwrap_or_else(|e| e.into_inner()) = Connection::open_in_memory()?;
        }
        Ok(())
    }

    /// A free reader, or (all busy) the next in turn once it is free. Each statement
    /// outside a transaction reads the latest commit, so what the writer committed
    /// before this call is seen.
    pub fn get(&self) -> MutexGuard<'_, Connection> {
        for conn in &self.connections {
            if let Ok(guard) = conn.try_lock() {
                return guard;
            }
        }
        let turn = self.next.fetch_add(1, Ordering::Relaxed) % self.connections.len();
        // A panic while reading leaves nothing half-done: the lock is safe to take over.
        self.connections[turn]
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::stamp;
    use crate::store::{settings, Store};

    #[test]
    fn readers_see_each_commit_and_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        let mut store = Store::open(&path, &stamp()).unwrap();
        let readers = Readers::open(&path, None, 2).unwrap();
        assert_eq!(settings::get(&readers.get(), "probe").unwrap(), None);
        store
            .write(|tx| settings::set(tx, &stamp(), "probe", "1"))
            .unwrap();
        assert_eq!(
            settings::get(&readers.get(), "probe").unwrap().as_deref(),
            Some("1")
        );
        let refused = readers
            .get()
            .execute("DELETE FROM setting", [])
            .unwrap_err();
        assert!(
            refused.to_string().contains("readonly"),
            "a reader cannot change anything: {refused}"
        );
    }

    #[test]
    fn two_readers_read_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite3");
        let _store = Store::open(&path, &stamp()).unwrap();
        let readers = Readers::open(&path, None, 2).unwrap();
        let first = readers.get();
        // The second is taken while the first is held, without waiting for it.
        let second = readers.get();
        assert!(!std::ptr::eq(&*first, &*second));
    }
}
