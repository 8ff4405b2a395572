use std::path::PathBuf;

use crate::error::ErrorCode;
use crate::i18n::Lang;

/// Why the store refused. Each case says, in both languages, what the user can do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "database was written by a newer version (schema {found}, this app knows {supported})"
    )]
    TooNew { found: u32, supported: u32 },
    #[error("disk or database is full")]
    Full,
    #[error("not a usable database: {0}")]
    Corrupt(String),
    #[error("cannot use {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match err.sqlite_error_code() {
            Some(C::DiskFull) => StoreError::Full,
            Some(C::DatabaseCorrupt | C::NotADatabase) => StoreError::Corrupt(err.to_string()),
            _ => StoreError::Sqlite(err),
        }
    }
}

impl StoreError {
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Io { .. } => ErrorCode::Io,
            _ => ErrorCode::Storage,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::TooNew { found, supported } => lang.pick(
                format!("数据库由更新版本的程序写入（结构版本 {found}，本程序支持到 {supported}），请升级程序；数据库未作任何改动"),
                format!("The database was written by a newer version of the app (schema {found}; this app knows up to {supported}). Please upgrade; the database was not changed."),
            ),
            StoreError::Full => lang.pick(
                "磁盘或数据库已满，本次更改未保存；请释放空间后重试",
                "The disk or database is full; this change was not saved. Free some space and try again.",
            ),
            StoreError::Corrupt(detail) => lang.pick(
                format!("数据库文件已损坏或不是本程序的数据库：{detail}"),
                format!("The database file is damaged or not a database of this app: {detail}"),
            ),
            StoreError::Io { path, source } => lang.pick(
                format!("无法使用 {}：{source}", path.display()),
                format!("Cannot use {}: {source}", path.display()),
            ),
            StoreError::Sqlite(err) => lang.pick(
                format!("数据库错误：{err}"),
                format!("Database error: {err}"),
            ),
        }
    }
}
