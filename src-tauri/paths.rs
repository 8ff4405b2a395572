//! Where the app keeps its data. The desktop window and the CLI resolve the same
//! places, through the platform's app-data directory (no Linux assumptions).

use std::path::{Path, PathBuf};

/// The bundle identifier; it must equal `identifier` in `tauri.conf.json`, because
/// Tauri names the window's app-data directory after it (a test checks this).
pub const APP_IDENTIFIER: &str = "cn.qinqing.register";

/// The database file's name inside the data directory.
pub const DATABASE_FILE: &str = "qinqing.sqlite3";

/// The folder beside the database that holds its backups.
const BACKUPS_DIR: &str = "backups";

/// Environment variable that chooses the database file (same as `--db`).
pub const DB_ENV: &str = "QINQING_DB";

/// The platform's per-user data directory for this app:
/// `%APPDATA%\cn.qinqing.register` on Windows, `~/.local/share/cn.qinqing.register`
/// on Linux (UOS, Kylin), `~/Library/Application Support/…` on macOS.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER))
}

/// Where the database lives and the directory that holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataLocation {
    pub data_dir: PathBuf,
    pub database: PathBuf,
}

impl DataLocation {
    /// An explicit database path (from `--db` or the environment) wins; otherwise the
    /// platform default. `None` only when the platform has no data directory at all.
    pub fn resolve(explicit_db: Option<&Path>) -> Option<DataLocation> {
        match explicit_db {
            Some(db) => Some(DataLocation::for_database(db)),
            None => default_data_dir().map(|dir| DataLocation {
                database: dir.join(DATABASE_FILE),
                data_dir: dir,
            }),
        }
    }

    /// The database and its folder, as absolute paths (so what the about screen shows
    /// does not depend on the directory the app was started from).
    pub fn for_database(db: &Path) -> DataLocation {
        let db = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
        let data_dir = match db.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            // Only a root path has no parent; keep it as its own folder.
            _ => db.clone(),
        };
        DataLocation {
            data_dir,
            database: db,
        }
    }

    /// The folder beside the database that holds its backups.
    pub fn backups_dir(&self) -> PathBuf {
        self.data_dir.join(BACKUPS_DIR)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_database_wins() {
        let loc = DataLocation::resolve(Some(Path::new("/tmp/x/a.sqlite3"))).unwrap();
        assert_eq!(loc.database, PathBuf::from("/tmp/x/a.sqlite3"));
        assert_eq!(loc.data_dir, PathBuf::from("/tmp/x"));
    }

    #[test]
    fn relative_paths_become_absolute() {
        let loc = DataLocation::for_database(Path::new("a.sqlite3"));
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(loc.database, cwd.join("a.sqlite3"));
        assert_eq!(loc.data_dir, cwd);
    }

    #[test]
    fn default_is_named_after_the_identifier() {
        if let Some(loc) = DataLocation::resolve(None) {
            assert!(loc.data_dir.ends_with(APP_IDENTIFIER));
            assert_eq!(loc.database.file_name().unwrap(), DATABASE_FILE);
        }
    }

    #[test]
    fn identifier_matches_tauri_conf() {
        let conf: serde_json::Value = serde_json::from_str(include_str!("../tauri.conf.json"))
            .expect("tauri.conf.json is JSON");
        assert_eq!(conf["identifier"], APP_IDENTIFIER);
    }
}
