//! Which key opens the database, and the key slots' life beside the open store: a
//! slot for each profile whose passphrase becomes known (created, reset, changed, or
//! signed in while the database is open), none for a deactivated one, the recovery
//! key issued and re-issued, and a plain database encrypted in place once an
//! administrator's passphrase can protect it. Every slot change is audited.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rand_core::{CryptoRng, RngCore};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::audit::{self, Change, Stamp};
use super::cipher::{self, FileState};
use super::error::StoreError;
use super::keyslots::{DataKey, KeyError, KeySlots, RecoveryKey, SlotHolder};
use super::readers::Readers;
use super::Store;
use crate::error::AppError;

/// What opens a locked database.
#[derive(Debug, Clone, Copy)]
pub enum Credential<'a> {
    /// Nothing: a new, plain or not yet protected database opens; a protected one is
    /// refused as locked.
    Nothing,
    /// A profile's passphrase (the caller then signs the profile in, which checks the
    /// passphrase against the profile itself too).
    Profile {
        profile_id: Uuid,
        passphrase: &'a str,
    },
    /// The bureau's recovery key.
    Recovery(&'a RecoveryKey),
}

/// The key a database opens with and its slots (`None`, `None`: a plain database from
/// before encryption).
#[derive(Debug)]
pub struct Opening {
    pub key: Option<DataKey>,
    pub slots: Option<KeySlots>,
    pub by_recovery: bool,
}

/// How the open database is protected, for the about screen and the administrator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Protection {
    /// A plain file from before encryption: encrypted at an administrator's sign-in.
    Plain,
    /// Encrypted, but nobody's passphrase protects the key yet (no profile).
    Unprotected,
    /// Encrypted; the key opens only with a passphrase or the recovery key.
    Protected,
}

/// Finds the key for the database at `database`, creating a new database's key (and
/// its key file, first, so the key is never lost) when there is none. Reads only.
pub fn key_for(
    database: &Path,
    credential: Credential<'_>,
    rng: &mut (impl CryptoRng + RngCore),
) -> Result<Opening, AppError> {
    let state = cipher::file_state(database)?;
    if state == FileState::Plain {
        return Ok(Opening {
            key: None,
            slots: None,
            by_recovery: false,
        });
    }
    let slots = match (KeySlots::load(database)?, state) {
        (Some(slots), _) => slots,
        (None, FileState::Absent) => {
            let key = DataKey::generate(rng);
            let slots = KeySlots::create_open(database, &key, rng);
            slots.save()?;
            return Ok(Opening {
                key: Some(key),
                slots: Some(slots),
                by_recovery: false,
            });
        }
        (None, _) => {
            return Err(KeyError::KeyFileMissing(super::keyslots::key_file_path(database)).into())
        }
    };
    let (key, by_recovery) = unwrap_with(&slots, credential)?;
    if state == FileState::Encrypted {
        opens(&slots, database, &key)?;
    }
    Ok(Opening {
        key: Some(key),
        slots: Some(slots),
        by_recovery,
    })
}

/// The data key from `slots` with `credential` (the open slot needs none), and
/// whether the recovery key gave it.
fn unwrap_with(slots: &KeySlots, credential: Credential<'_>) -> Result<(DataKey, bool), KeyError> {
    match (slots.open_key(), credential) {
        (Some(key), _) => Ok((key, false)),
        (None, Credential::Nothing) => Err(KeyError::Locked),
        (
            None,
            Credential::Profile {
                profile_id,
                passphrase,
            },
        ) => Ok((slots.unwrap_for(profile_id, passphrase)?, false)),
        (None, Credential::Recovery(recovery)) => Ok((slots.unwrap_recovery(recovery)?, true)),
    }
}

/// Refuses a key (from `slots`) that does not open the file at `path`: the key file
/// of another database.
fn opens(slots: &KeySlots, path: &Path, key: &DataKey) -> Result<(), KeyError> {
    if cipher::opens_with(path, key) {
        Ok(())
    } else {
        Err(KeyError::KeyFileDamaged {
            path: slots.path().to_path_buf(),
            detail: super::keyslots::Damage::OfAnotherDatabase,
        })
    }
}

/// The open database's key and slots.
#[derive(Debug)]
pub struct Vault {
    database: std::path::PathBuf,
    inner: Mutex<Option<(KeySlots, DataKey)>>,
    by_recovery: bool,
}

fn slot_change(
    store: &mut Store,
    stamp: &Stamp,
    action: &str,
    holder: &str,
) -> Result<(), StoreError> {
    store.write(|tx| {
        audit::append(
            tx,
            stamp,
            &Change {
                action,
                entity: "keySlot",
                entity_id: holder,
                before: None,
                after: None,
            },
        )
        .map(|_| ())
    })
}

impl Vault {
    pub fn new(database: &Path, opening: Opening) -> Vault {
        Vault {
            database: database.to_path_buf(),
            inner: Mutex::new(opening.slots.zip(opening.key)),
            by_recovery: opening.by_recovery,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Option<(KeySlots, DataKey)>> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the recovery key opened the database (it then allows only a passphrase
    /// reset by recovery).
    pub fn by_recovery(&self) -> bool {
        self.by_recovery
    }

    pub fn protection(&self) -> Protection {
        match &*self.lock() {
            None => Protection::Plain,
            Some((slots, _)) if slots.open_key().is_some() => Protection::Unprotected,
            Some(_) => Protection::Protected,
        }
    }

    /// Refuses a recovery key that does not unwrap this database's key.
    pub fn check_recovery(&self, recovery: &RecoveryKey) -> Result<(), AppError> {
        match &*self.lock() {
            Some((slots, _)) => slots.unwrap_recovery(recovery).map(|_| ()),
            None => Err(KeyError::WrongRecoveryKey),
        }
        .map_err(Into::into)
    }

    pub fn has_recovery(&self) -> bool {
        self.lock().as_ref().is_some_and(|(s, _)| s.has_recovery())
    }

    /// Remembers the language for the sign-in screen of a locked database.
    pub fn set_language(&self, lang: crate::i18n::Lang) -> Result<(), AppError> {
        if let Some((slots, _)) = &mut *self.lock() {
            if slots.language() != Some(lang) {
                slots.set_language(lang);
                slots.save()?;
            }
        }
        Ok(())
    }

    /// Gives `holder` a slot opened by `passphrase` (replacing theirs), audited. On a
    /// plain database an administrator's passphrase first encrypts it in place (the
    /// store and readers are reopened on the encrypted file); anyone else's waits.
    pub fn give_slot(
        &self,
        store: &mut Store,
        readers: &Readers,
        stamp: &Stamp,
        holder: SlotHolder,
        passphrase: &str,
        rng: &mut (impl CryptoRng + RngCore),
    ) -> Result<(), AppError> {
        let mut inner = self.lock();
        if inner.is_none() {
            if !holder.administrator {
                return Ok(());
            }
            let key = DataKey::generate(rng);
            let mut slots = KeySlots::create_open(&self.database, &key, rng);
            // The key file first: an encrypted database is never without its key.
            slots.put_profile(&key, holder.clone(), passphrase, rng);
            self.encrypt(store, readers, stamp, &slots, &key)?;
            *inner = Some((slots, key));
            return slot_change(store, stamp, "put", &holder.profile_id.to_string())
                .map_err(Into::into);
        }
        let Some((slots, key)) = &mut *inner else {
            return Ok(());
        };
        let mut next = slots.clone();
        next.put_profile(key, holder.clone(), passphrase, rng);
        next.save()?;
        *slots = next;
        slot_change(store, stamp, "put", &holder.profile_id.to_string()).map_err(Into::into)
    }

    /// Whether `profile_id` has a slot (a plain database has none to have).
    pub fn has_slot(&self, profile_id: Uuid) -> bool {
        match &*self.lock() {
            None => true,
            Some((slots, _)) => slots.holders().iter().any(|h| h.profile_id == profile_id),
        }
    }

    /// Removes `profile_id`'s slot (deactivated), audited when there was one.
    pub fn take_slot(
        &self,
        store: &mut Store,
        stamp: &Stamp,
        profile_id: Uuid,
    ) -> Result<(), AppError> {
        let mut inner = self.lock();
        let Some((slots, _)) = &mut *inner else {
            return Ok(());
        };
        let mut next = slots.clone();
        if !next.remove_profile(profile_id) {
            return Ok(());
        }
        next.save()?;
        *slots = next;
        slot_change(store, stamp, "remove", &profile_id.to_string()).map_err(Into::into)
    }

    /// Issues a new recovery key (the old one stops opening the database), audited;
    /// `None` for a plain database, which has no key to recover.
    pub fn issue_recovery(
        &self,
        store: &mut Store,
        stamp: &Stamp,
        rng: &mut (impl CryptoRng + RngCore),
    ) -> Result<Option<RecoveryKey>, AppError> {
        let mut inner = self.lock();
        let Some((slots, key)) = &mut *inner else {
            return Ok(None);
        };
        let mut next = slots.clone();
        let at = stamp.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let recovery = next.issue_recovery(key, &at, rng);
        next.save()?;
        *slots = next;
        slot_change(store, stamp, "issue", "recovery")?;
        Ok(Some(recovery))
    }

    /// The open database's key (`None`: plain), for copies made under it (backups).
    pub fn data_key(&self) -> Option<DataKey> {
        self.lock().as_ref().map(|(_, key)| key.clone())
    }

    /// Writes a copy of the key slots beside a copy of the database (a backup), so the
    /// copy opens with the same passphrases and recovery key.
    pub fn copy_slots_to(&self, copy: &Path) -> Result<(), AppError> {
        if let Some((slots, _)) = &*self.lock() {
            slots.moved_to(copy).save()?;
        }
        Ok(())
    }

    /// The key a backup file is encrypted under: none for a plain one; this database's
    /// own when it opens it; otherwise from the key file beside the backup, with a
    /// profile's passphrase or the recovery key given (a backup of another key).
    pub fn key_of_backup(
        &self,
        backup: &Path,
        credential: Credential<'_>,
    ) -> Result<Option<DataKey>, AppError> {
        if cipher::file_state(backup)? == FileState::Plain {
            return Ok(None);
        }
        if let Some(own) = self.data_key().filter(|k| cipher::opens_with(backup, k)) {
            return Ok(Some(own));
        }
        // Without its key file the backup is unreadable, which its check says.
        let Some(slots) = KeySlots::load(backup)? else {
            return Ok(None);
        };
        let (key, _) = unwrap_with(&slots, credential)?;
        opens(&slots, backup, &key)?;
        Ok(Some(key))
    }

    /// Encrypts the plain database under `key`: every connection closed, the file
    /// encrypted in place, the key file written, the connections reopened on it. On a
    /// failure the plain database is reopened as it was.
    fn encrypt(
        &self,
        store: &mut Store,
        readers: &Readers,
        stamp: &Stamp,
        slots: &KeySlots,
        key: &DataKey,
    ) -> Result<(), AppError> {
        readers.close_all()?;
        *store = Store::open_in_memory(stamp)?;
        let result = slots
            .save()
            .map_err(AppError::from)
            .and_then(|()| cipher::encrypt_in_place(&self.database, key).map_err(Into::into));
        let key = match &result {
            Ok(()) => Some(key),
            Err(_) => {
                let _ = std::fs::remove_file(slots.path());
                None
            }
        };
        *store = Store::open_keyed(&self.database, key, stamp)?;
        readers.reopen(&self.database, key)?;
        result?;
        slot_change(store, stamp, "encrypt", "database")?;
        if let Some(key) = key {
            self.encrypt_backups(slots, key);
        }
        Ok(())
    }

    /// The backups made before are plain copies of the same data: each is encrypted in
    /// place under the same key, with the key slots beside it, so no plain copy stays
    /// in the data folder. One that fails stays as it was and is told (the database
    /// itself is encrypted by now).
    fn encrypt_backups(&self, slots: &KeySlots, key: &DataKey) {
        let folder = crate::paths::DataLocation::for_database(&self.database).backups_dir();
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let is_backup = path.extension().is_some_and(|e| e == "sqlite3")
                && entry.file_type().is_ok_and(|t| t.is_file());
            if !is_backup || cipher::file_state(&path).ok() != Some(FileState::Plain) {
                continue;
            }
            let done = cipher::encrypt_in_place(&path, key)
                .map_err(AppError::from)
                .and_then(|()| slots.moved_to(&path).save().map_err(AppError::from));
            if let Err(err) = done {
                eprintln!(
                    "{}: {}",
                    path.display(),
                    err.message(crate::i18n::Lang::default())
                );
            }
        }
    }
}
