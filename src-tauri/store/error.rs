use std::path::PathBuf;

use crate::error::code::ErrorCode;
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
    #[error("{entity} {id} does not exist")]
    NotFound { entity: &'static str, id: String },
    /// Someone saved the row since it was read: `expected` is the version the caller
    /// had, `found` the one stored.
    #[error("{entity} {id} is at version {found}, not {expected}")]
    VersionConflict {
        entity: &'static str,
        id: String,
        expected: i64,
        found: i64,
    },
    /// A mistake in the app itself, reported instead of panicking.
    #[error("internal store error: {0}")]
    Bug(String),
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
    pub fn not_found(entity: &'static str, id: impl ToString) -> StoreError {
        StoreError::NotFound {
            entity,
            id: id.to_string(),
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::Io { .. } => ErrorCode::Io,
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            StoreError::VersionConflict { .. } => ErrorCode::Conflict,
            StoreError::Bug(_) => ErrorCode::Internal,
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
            StoreError::NotFound { entity, id } => lang.pick(
                format!("找不到{}（{id}），可能已被他人更改", entity_name(entity, lang)),
                format!("The {} {id} does not exist", entity_name(entity, lang)),
            ),
            StoreError::VersionConflict { entity, id, expected, found } => lang.pick(
                format!("该{}（{id}）已被他人修改（您看到的是第 {expected} 版，现为第 {found} 版），请刷新后再改", entity_name(entity, lang)),
                format!("Someone changed this {} ({id}) meanwhile (you had version {expected}, it is now {found}); reload it and try again", entity_name(entity, lang)),
            ),
            StoreError::Bug(detail) => lang.pick(
                format!("程序内部错误，请把此信息告诉维护人员：{detail}"),
                format!("Internal error; please report this to the maintainers: {detail}"),
            ),
            StoreError::Sqlite(err) => lang.pick(
                format!("数据库错误：{err}"),
                format!("Database error: {err}"),
            ),
        }
    }
}

/// The word for a stored entity, for messages.
fn entity_name(entity: &str, lang: Lang) -> String {
    match entity {
        "department" => lang.pick("处室", "department"),
        "official" => lang.pick("公职人员", "official"),
        "counterpart" => lang.pick("企业或商（协）会", "enterprise or association"),
        "city" => lang.pick("城市", "city"),
        "record" => lang.pick("登记记录", "record"),
        other => other.to_owned(),
    }
}
