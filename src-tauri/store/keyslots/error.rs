//! Why the database's key could not be had, and what is wrong with a key file, in
//! both languages.

use std::path::PathBuf;

use uuid::Uuid;

use crate::i18n::Lang;

/// Why the database's key could not be had. Nothing was changed when one is returned.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The database is encrypted and its key file is not beside it.
    #[error("the key file {0} is missing")]
    KeyFileMissing(PathBuf),
    /// The key file is unreadable, not JSON of this format, or belongs elsewhere.
    #[error("the key file {path} is damaged: {detail:?}")]
    KeyFileDamaged { path: PathBuf, detail: Damage },
    /// Written by a newer version of the app.
    #[error("the key file is of format {0}, newer than this app's")]
    KeyFileTooNew(u32),
    /// The profile has no slot in this key file (never signed in since encryption, or
    /// deactivated).
    #[error("profile {0} has no key slot")]
    NoSlot(Uuid),
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("wrong recovery key")]
    WrongRecoveryKey,
    /// The database has profiles: someone must sign in before it opens.
    #[error("the database is locked")]
    Locked,
    #[error("cannot write the key file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl KeyError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            KeyError::KeyFileMissing(path) => lang.pick(
                format!("数据库已加密，但旁边找不到密钥文件 {}：请把它放回数据库所在文件夹（可从备份中取回）", path.display()),
                format!("The database is encrypted but its key file {} is not beside it: put it back in the database's folder (a backup holds a copy)", path.display()),
            ),
            KeyError::KeyFileDamaged { path, detail } => lang.pick(
                format!("密钥文件 {} 已损坏或不属于该数据库：{}", path.display(), detail.message(lang)),
                format!("The key file {} is damaged or belongs to another database: {}", path.display(), detail.message(lang)),
            ),
            KeyError::KeyFileTooNew(found) => lang.pick(
                format!("密钥文件由更新版本的程序写入（格式 {found}），请升级程序"),
                format!("The key file was written by a newer version of the app (format {found}); please upgrade"),
            ),
            KeyError::NoSlot(_) => lang.pick(
                "该用户在本数据库中还没有密钥：请管理员重设其口令，或在本程序已由他人解锁时登录一次",
                "This profile has no key to this database yet: ask an administrator to reset its passphrase, or sign in once while someone else has the app unlocked",
            ),
            KeyError::WrongPassphrase => lang.pick("口令不正确", "Wrong passphrase"),
            KeyError::WrongRecoveryKey => lang.pick(
                "恢复密钥不正确（请核对打印件上的 32 个字符）",
                "Wrong recovery key (check the 32 characters on the printed sheet)",
            ),
            KeyError::Locked => lang.pick(
                "数据库已加密锁定，请先登录",
                "The database is encrypted and locked; sign in first",
            ),
            KeyError::Io { path, source } => lang.pick(
                format!("无法写入密钥文件 {}：{source}", path.display()),
                format!("Cannot write the key file {}: {source}", path.display()),
            ),
        }
    }
}

/// What is wrong with a key file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// It cannot be read or parsed (the system's or the parser's words).
    Unreadable(String),
    /// Its slot opens, but the key it gives does not open the database (or backup)
    /// beside it: a key file of another database.
    OfAnotherDatabase,
}

impl Damage {
    fn message(&self, lang: Lang) -> String {
        match self {
            Damage::Unreadable(detail) => detail.clone(),
            Damage::OfAnotherDatabase => lang.pick(
                "其中的密钥打不开旁边的数据库（可能是另一数据库的密钥文件）".to_owned(),
                "its key does not open the database beside it (a key file of another database?)"
                    .to_owned(),
            ),
        }
    }
}
