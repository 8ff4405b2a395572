//! The database's key slots: one random data key per database (SQLCipher's raw key),
//! wrapped (AES-256-GCM) for each profile under a key derived from that profile's
//! passphrase (Argon2id) and once under the bureau's recovery key. The slots live in
//! a small file beside the database (`<database>.keys`), rewritten atomically; the
//! database cannot be read without it.
//!
//! A database without profiles has nobody whose passphrase could protect it: its key
//! sits unwrapped in an *open* slot until the first administrator is created (see
//! `docs/encryption.md`).

use std::path::{Path, PathBuf};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use zeroize::Zeroizing;

mod error;
mod recovery_key;

pub use error::{Damage, KeyError};
pub use recovery_key::RecoveryKey;

use crate::i18n::Lang;

/// The key file's format, refused when newer.
const FORMAT: u32 = 1;

/// Argon2id for a slot: the passphrase hash's parameters (see `signing::passphrase`).
const MEMORY_KIB: u32 = 64 * 1024;
const PASSES: u32 = 3;

/// The database's key: 32 random bytes, wiped when dropped.
#[derive(Clone)]
pub struct DataKey(Zeroizing<[u8; 32]>);

impl DataKey {
    pub fn generate(rng: &mut (impl CryptoRng + RngCore)) -> DataKey {
        let mut key = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(key.as_mut());
        DataKey(key)
    }

    /// The `PRAGMA key` statement for this key: a raw key, so SQLCipher skips its own
    /// key derivation (the slots did that once, at sign-in).
    pub(crate) fn pragma(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", *self.hex()))
    }

    pub(crate) fn hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex(self.0.as_ref()))
    }
}

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

/// Who a profile's slot belongs to, for the sign-in screen before the database opens
/// (only who signs in, with their department and role; nothing about records).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotHolder {
    pub profile_id: Uuid,
    pub name: String,
    pub staff_no: String,
    pub department_name: String,
    pub role: crate::domain::directory::OfficialRole,
    pub administrator: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Wrapped {
    nonce: String,
    ciphertext: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Kdf {
    memory_kib: u32,
    passes: u32,
    salt: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase", deny_unknown_fields)]
enum Slot {
    /// The key unwrapped: a database that has no profile yet.
    #[serde(rename_all = "camelCase")]
    Open { key: String },
    #[serde(rename_all = "camelCase")]
    Profile {
        holder: SlotHolder,
        kdf: Kdf,
        wrapped: Wrapped,
    },
    #[serde(rename_all = "camelCase")]
    Recovery { issued_at: String, wrapped: Wrapped },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct KeyFile {
    format: u32,
    /// Binds every slot to this database: a slot copied from another database's file
    /// does not unwrap.
    database: Uuid,
    /// The language the sign-in screen speaks before the database (and its saved
    /// setting) opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    slots: Vec<Slot>,
}

/// The key file of one database.
#[derive(Debug, Clone)]
pub struct KeySlots {
    path: PathBuf,
    file: KeyFile,
}

/// The key file beside `database`.
pub fn key_file_path(database: &Path) -> PathBuf {
    let mut name = database.file_name().unwrap_or_default().to_os_string();
    name.push(".keys");
    database.with_file_name(name)
}

/// The additional data a slot's wrapping is bound to: its database and its holder.
fn bound_to(database: Uuid, holder: &str) -> Vec<u8> {
    format!("qinqing key slot v1\0{database}\0{holder}").into_bytes()
}

fn seal(
    kek: &[u8; 32],
    key: &DataKey,
    aad: &[u8],
    rng: &mut (impl CryptoRng + RngCore),
) -> Wrapped {
    let mut nonce = [0u8; 12];
    rng.fill_bytes(&mut nonce);
    let cipher = Aes256Gcm::new(kek.into());
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: key.0.as_ref(),
                aad,
            },
        )
        // AES-GCM refuses only messages of gigabytes.
        .unwrap_or_default();
    Wrapped {
        nonce: B64.encode(nonce),
        ciphertext: B64.encode(ciphertext),
    }
}

/// The data key, if `kek` wraps it; `None` for a wrong key (or a slot tampered with).
fn open(kek: &[u8; 32], wrapped: &Wrapped, aad: &[u8]) -> Option<DataKey> {
    let nonce = B64.decode(&wrapped.nonce).ok().filter(|n| n.len() == 12)?;
    let ciphertext = B64.decode(&wrapped.ciphertext).ok()?;
    let plain = Zeroizing::new(
        Aes256Gcm::new(kek.into())
            .decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad,
                },
            )
            .ok()?,
    );
    let bytes: [u8; 32] = plain.as_slice().try_into().ok()?;
    Some(DataKey(Zeroizing::new(bytes)))
}

fn passphrase_kek(passphrase: &str, kdf: &Kdf) -> Option<Zeroizing<[u8; 32]>> {
    let salt = B64.decode(&kdf.salt).ok()?;
    let params = argon2::Params::new(kdf.memory_kib, kdf.passes, 1, Some(32)).ok()?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut out = Zeroizing::new([0u8; 32]);
    argon
        .hash_password_into(passphrase.as_bytes(), &salt, out.as_mut())
        .ok()?;
    Some(out)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if text.len() != 64 {
        return None;
    }
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

impl KeySlots {
    /// A new key file for a new database, its key in an open slot.
    pub fn create_open(
        database: &Path,
        key: &DataKey,
        rng: &mut (impl CryptoRng + RngCore),
    ) -> KeySlots {
        let mut id = [0u8; 16];
        rng.fill_bytes(&mut id);
        KeySlots {
            path: key_file_path(database),
            file: KeyFile {
                format: FORMAT,
                database: uuid::Builder::from_random_bytes(id).into_uuid(),
                language: None,
                slots: vec![Slot::Open {
                    key: hex(key.0.as_ref()),
                }],
            },
        }
    }

    /// The key file beside `database`, or `None` when there is none.
    pub fn load(database: &Path) -> Result<Option<KeySlots>, KeyError> {
        let path = key_file_path(database);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(KeyError::KeyFileDamaged {
                    path,
                    detail: Damage::Unreadable(e.to_string()),
                })
            }
        };
        Self::parse(path, &bytes).map(Some)
    }

    fn parse(path: PathBuf, bytes: &[u8]) -> Result<KeySlots, KeyError> {
        #[derive(Deserialize)]
        struct Head {
            format: u32,
        }
        let damaged = |detail: String| KeyError::KeyFileDamaged {
            path: path.clone(),
            detail: Damage::Unreadable(detail),
        };
        let head: Head = serde_json::from_slice(bytes).map_err(|e| damaged(e.to_string()))?;
        if head.format > FORMAT {
            return Err(KeyError::KeyFileTooNew(head.format));
        }
        let file: KeyFile = serde_json::from_slice(bytes).map_err(|e| damaged(e.to_string()))?;
        Ok(KeySlots { path, file })
    }

    /// Writes the file atomically (beside it, synced, renamed): a crash leaves the old
    /// slots or the new ones, never half of either.
    pub fn save(&self) -> Result<(), KeyError> {
        let bytes = serde_json::to_vec_pretty(&self.file).unwrap_or_default();
        crate::files::write_atomic(&self.path, &bytes).map_err(|source| KeyError::Io {
            path: self.path.clone(),
            source,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Moves the file's identity to another path (a backup's copy, a restore).
    pub fn moved_to(&self, database: &Path) -> KeySlots {
        KeySlots {
            path: key_file_path(database),
            file: self.file.clone(),
        }
    }

    /// The key of a database that has no profile yet.
    pub fn open_key(&self) -> Option<DataKey> {
        self.file.slots.iter().find_map(|slot| match slot {
            Slot::Open { key } => unhex(key).map(|k| DataKey(Zeroizing::new(k))),
            _ => None,
        })
    }

    /// Whoever can sign in before the database opens.
    pub fn holders(&self) -> Vec<SlotHolder> {
        self.file
            .slots
            .iter()
            .filter_map(|slot| match slot {
                Slot::Profile { holder, .. } => Some(holder.clone()),
                _ => None,
            })
            .collect()
    }

    pub fn has_recovery(&self) -> bool {
        self.file
            .slots
            .iter()
            .any(|s| matches!(s, Slot::Recovery { .. }))
    }

    pub fn language(&self) -> Option<Lang> {
        self.file.language.as_deref().and_then(Lang::from_tag)
    }

    pub fn set_language(&mut self, lang: Lang) {
        self.file.language = Some(lang.tag().to_owned());
    }

    /// The data key from `profile_id`'s slot and its passphrase.
    pub fn unwrap_for(&self, profile_id: Uuid, passphrase: &str) -> Result<DataKey, KeyError> {
        let (kdf, wrapped) = self
            .file
            .slots
            .iter()
            .find_map(|slot| match slot {
                Slot::Profile {
                    holder,
                    kdf,
                    wrapped,
                } if holder.profile_id == profile_id => Some((kdf, wrapped)),
                _ => None,
            })
            .ok_or(KeyError::NoSlot(profile_id))?;
        let kek = passphrase_kek(passphrase, kdf).ok_or(KeyError::WrongPassphrase)?;
        open(
            &kek,
            wrapped,
            &bound_to(self.file.database, &profile_id.to_string()),
        )
        .ok_or(KeyError::WrongPassphrase)
    }

    /// The data key from the recovery slot.
    pub fn unwrap_recovery(&self, recovery: &RecoveryKey) -> Result<DataKey, KeyError> {
        let aad = bound_to(self.file.database, "recovery");
        self.file
            .slots
            .iter()
            .find_map(|slot| match slot {
                Slot::Recovery { wrapped, .. } => open(&recovery.wrapping_key(), wrapped, &aad),
                _ => None,
            })
            .ok_or(KeyError::WrongRecoveryKey)
    }

    /// Gives `holder` a slot opened by `passphrase` (replacing any they had), and
    /// closes the open slot: from now on the database opens only with a passphrase.
    pub fn put_profile(
        &mut self,
        key: &DataKey,
        holder: SlotHolder,
        passphrase: &str,
        rng: &mut (impl CryptoRng + RngCore),
    ) {
        let mut salt = [0u8; 16];
        rng.fill_bytes(&mut salt);
        let kdf = Kdf {
            memory_kib: MEMORY_KIB,
            passes: PASSES,
            salt: B64.encode(salt),
        };
        let kek = passphrase_kek(passphrase, &kdf)
            .expect("the slot's Argon2 parameters are constants within its bounds");
        let aad = bound_to(self.file.database, &holder.profile_id.to_string());
        let wrapped = seal(&kek, key, &aad, rng);
        self.remove_profile(holder.profile_id);
        self.file.slots.retain(|s| !matches!(s, Slot::Open { .. }));
        self.file.slots.push(Slot::Profile {
            holder,
            kdf,
            wrapped,
        });
    }

    /// Updates the name shown for a profile's slot (its official renamed).
    pub fn relabel(&mut self, holder: &SlotHolder) {
        for slot in &mut self.file.slots {
            if let Slot::Profile { holder: h, .. } = slot {
                if h.profile_id == holder.profile_id {
                    *h = holder.clone();
                }
            }
        }
    }

    /// Removes a profile's slot; whether it had one.
    pub fn remove_profile(&mut self, profile_id: Uuid) -> bool {
        let before = self.file.slots.len();
        self.file.slots.retain(
            |slot| !matches!(slot, Slot::Profile { holder, .. } if holder.profile_id == profile_id),
        );
        self.file.slots.len() != before
    }

    /// Replaces the recovery slot with one for a new recovery key, returned once.
    pub fn issue_recovery(
        &mut self,
        key: &DataKey,
        issued_at: &str,
        rng: &mut (impl CryptoRng + RngCore),
    ) -> RecoveryKey {
        let recovery = RecoveryKey::generate(rng);
        let aad = bound_to(self.file.database, "recovery");
        let wrapped = seal(&recovery.wrapping_key(), key, &aad, rng);
        self.file
            .slots
            .retain(|s| !matches!(s, Slot::Recovery { .. }));
        self.file.slots.push(Slot::Recovery {
            issued_at: issued_at.to_owned(),
            wrapped,
        });
        recovery
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::OsRng;

    fn holder(id: Uuid) -> SlotHolder {
        SlotHolder {
            profile_id: id,
            name: "张三".into(),
            staff_no: "SY0001".into(),
            department_name: "招商一处".into(),
            role: crate::domain::directory::OfficialRole::DepartmentHead,
            administrator: true,
        }
    }

    #[test]
    fn recovery_keys_read_back_however_typed() {
        let key = RecoveryKey::generate(&mut OsRng);
        let shown = key.display();
        assert_eq!(shown.len(), 39, "{}", *shown);
        assert_eq!(RecoveryKey::parse(&shown), Some(key.clone()));
        let sloppy = shown.to_lowercase().replace('-', " ");
        assert_eq!(RecoveryKey::parse(&sloppy), Some(key.clone()));
        assert_eq!(RecoveryKey::parse(&shown[..30]), None);
        assert_eq!(RecoveryKey::parse("not a key at all!"), None);
    }

    #[test]
    fn a_slot_opens_only_with_its_passphrase_and_only_in_its_own_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a.sqlite3");
        let key = DataKey::generate(&mut OsRng);
        let mut slots = KeySlots::create_open(&db, &key, &mut OsRng);
        assert!(slots.open_key().is_some());
        let zhang = uuid::Builder::from_random_bytes([7; 16]).into_uuid();
        slots.put_profile(&key, holder(zhang), "清风正气 2026", &mut OsRng);
        assert!(slots.open_key().is_none(), "the open slot is closed");
        slots.save().unwrap();
        let text = std::fs::read_to_string(key_file_path(&db)).unwrap();
        assert!(
            !text.contains(&hex(key.0.as_ref())),
            "the key is not in the file"
        );
        let loaded = KeySlots::load(&db).unwrap().unwrap();
        let opened = loaded.unwrap_for(zhang, "清风正气 2026").unwrap();
        assert_eq!(opened.0.as_ref(), key.0.as_ref());
        assert!(matches!(
            loaded.unwrap_for(zhang, "清风正气 2025"),
            Err(KeyError::WrongPassphrase)
        ));
        assert!(matches!(
            loaded.unwrap_for(
                uuid::Builder::from_random_bytes([8; 16]).into_uuid(),
                "清风正气 2026"
            ),
            Err(KeyError::NoSlot(_))
        ));
        // The same slot under another database's identity does not open.
        let other = KeySlots::create_open(&db, &key, &mut OsRng);
        let mut transplanted = loaded.clone();
        transplanted.file.database = other.file.database;
        assert!(matches!(
            transplanted.unwrap_for(zhang, "清风正气 2026"),
            Err(KeyError::WrongPassphrase)
        ));
        // Nor under another holder's id.
        let mut renamed = loaded.clone();
        if let Slot::Profile { holder, .. } = &mut renamed.file.slots[0] {
            holder.profile_id = uuid::Builder::from_random_bytes([9; 16]).into_uuid();
        }
        let other_id = renamed.holders()[0].profile_id;
        assert!(renamed.unwrap_for(other_id, "清风正气 2026").is_err());
    }

    #[test]
    fn the_recovery_key_opens_and_a_reissued_one_replaces_it() {
        let db = Path::new("x.sqlite3");
        let key = DataKey::generate(&mut OsRng);
        let mut slots = KeySlots::create_open(db, &key, &mut OsRng);
        let first = slots.issue_recovery(&key, "2026-12-04T00:00:00Z", &mut OsRng);
        assert!(slots.unwrap_recovery(&first).is_ok());
        let second = slots.issue_recovery(&key, "2026-12-05T00:00:00Z", &mut OsRng);
        assert!(slots.unwrap_recovery(&second).is_ok());
        assert!(matches!(
            slots.unwrap_recovery(&first),
            Err(KeyError::WrongRecoveryKey)
        ));
    }

    #[test]
    fn damaged_and_newer_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("a.sqlite3");
        std::fs::write(key_file_path(&db), b"{ not json").unwrap();
        assert!(matches!(
            KeySlots::load(&db),
            Err(KeyError::KeyFileDamaged { .. })
        ));
        std::fs::write(
            key_file_path(&db),
            br#"{"format": 9, "database": "x", "slots": []}"#,
        )
        .unwrap();
        assert!(matches!(
            KeySlots::load(&db),
            Err(KeyError::KeyFileTooNew(9))
        ));
        assert!(KeySlots::load(&dir.path().join("none.sqlite3"))
            .unwrap()
            .is_none());
    }
}
