//! The running core: where the data lives, the open store and the user's language.
//! The desktop window and the CLI each hold one and call commands on it.

use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use uuid::Uuid;

use crate::domain::access::{Action, Actor, Scope};
use crate::domain::directory::Official;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::paths::DataLocation;
use crate::signing::ca::BureauRoot;
use crate::store::keyslots::{RecoveryKey, SlotHolder};
use crate::store::readers::{Readers, READERS};
use crate::store::vault::{self, Credential, Protection, Vault};
use crate::store::{directory, profiles, settings, Stamp, Store, StoreError};

/// Where "now" comes from: the system clock in the app, a fixed one in tests.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Who is at the keyboard while a database has no profiles yet (before the first
/// administrator is created): the operating-system account, as `os:<name>`. Read
/// once at start-up by the window and the CLI.
pub fn os_actor() -> String {
    let name = std::env::var("USERNAME")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "unknown".to_owned());
    format!("os:{name}")
}

pub struct Core {
    location: DataLocation,
    store: Mutex<Store>,
    /// Read-only connections for commands that only read (see [`Core::reader`]).
    readers: Readers,
    /// The database's key and key slots.
    vault: Vault,
    lang: RwLock<Lang>,
    clock: Box<dyn Clock>,
    actor: String,
    /// The profile signed in, if any.
    session: RwLock<Option<Uuid>>,
    /// The bureau's root key, opened when an administrator who holds it signed in
    /// (or created it): certificates are issued while that person stays signed in.
    issuer: RwLock<Option<(Uuid, Arc<BureauRoot>)>>,
}

/// The audit log's name for a profile's changes.
pub fn profile_actor(profile_id: Uuid) -> String {
    profiles::actor_of(profile_id)
}

impl std::fmt::Debug for Core {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Core")
            .field("location", &self.location)
            .field("actor", &self.actor)
            .finish_non_exhaustive()
    }
}

impl Core {
    /// Opens the database at `location` (creating it, encrypted, when there is none);
    /// a database protected by its profiles' passphrases is refused as locked (see
    /// [`Core::unlock`]). The language is `lang_override` when given (the CLI's
    /// `--lang`, for this process only), else the saved setting, else Chinese. Changes
    /// are stamped with `clock`'s time and `actor`.
    pub fn open(
        location: DataLocation,
        lang_override: Option<Lang>,
        clock: Box<dyn Clock>,
        actor: String,
    ) -> Result<Core, AppError> {
        Core::unlock(location, lang_override, clock, actor, Credential::Nothing)
    }

    /// [`Core::open`] with what opens a locked database: a profile's passphrase (the
    /// caller then signs the profile in) or the recovery key.
    pub fn unlock(
        location: DataLocation,
        lang_override: Option<Lang>,
        clock: Box<dyn Clock>,
        actor: String,
        credential: Credential<'_>,
    ) -> Result<Core, AppError> {
        let stamp = Stamp {
            at: clock.now(),
            actor: actor.clone(),
        };
        let opening = vault::key_for(&location.database, credential, &mut rand_core::OsRng)?;
        let store = Store::open_keyed(&location.database, opening.key.as_ref(), &stamp)?;
        let readers = Readers::open(&location.database, opening.key.as_ref(), READERS)?;
        let saved = settings::get(store.reader(), settings::LANGUAGE)?
            .as_deref()
            .and_then(Lang::from_tag);
        Ok(Core {
            vault: Vault::new(&location.database, opening),
            location,
            store: Mutex::new(store),
            readers,
            lang: RwLock::new(lang_override.or(saved).unwrap_or_default()),
            clock,
            actor,
            session: RwLock::new(None),
            issuer: RwLock::new(None),
        })
    }

    /// Today's date where the bureau is (China Standard Time, UTC+8, no daylight
    /// saving): deadlines and "this month" are reckoned in it, whatever the PC's zone.
    pub fn today(&self) -> chrono::NaiveDate {
        crate::domain::bureau_time::day_of(self.clock.now())
    }

    /// Who and when, for the audit log of a change made now: the profile signed in,
    /// else (a database without profiles) the operating-system account.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            at: self.clock.now(),
            actor: match self.session() {
                Some(profile) => profile_actor(profile),
                None => self.actor.clone(),
            },
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The profile signed in.
    pub fn session(&self) -> Option<Uuid> {
        *self.session.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Signs a profile in (its passphrase already checked) or out (`None`). The root
    /// key stays open only for the administrator who opened it.
    pub fn set_session(&self, profile: Option<Uuid>) {
        *self.session.write().unwrap_or_else(|e| e.into_inner()) = profile;
        let mut issuer = self.issuer.write().unwrap_or_else(|e| e.into_inner());
        if issuer.as_ref().map(|(holder, _)| Some(*holder)) != Some(profile) {
            *issuer = None;
        }
    }

    /// Keeps the bureau's root key open for `profile` while they are signed in.
    pub fn hold_issuer(&self, profile: Uuid, root: BureauRoot) {
        *self.issuer.write().unwrap_or_else(|e| e.into_inner()) = Some((profile, Arc::new(root)));
    }

    /// The bureau's root key, when the person signed in opened it.
    pub fn issuer(&self) -> Option<Arc<BureauRoot>> {
        let issuer = self.issuer.read().unwrap_or_else(|e| e.into_inner());
        issuer
            .as_ref()
            .filter(|(holder, _)| Some(*holder) == self.session())
            .map(|(_, root)| Arc::clone(root))
    }

    /// Who is acting, as the permission matrix sees them. `None` while the database
    /// has no profiles (set-up: the first administrator is still to be created), and
    /// then everything is allowed; once a profile exists, someone must be signed in,
    /// with an active profile and official. Read afresh for every command, so a
    /// changed role or a deactivation takes effect at once.
    pub fn actor(&self, conn: &Connection) -> Result<Option<Actor>, AppError> {
        if !profiles::any(conn)? {
            return Ok(None);
        }
        let profile = self
            .session()
            .map(|id| profiles::get(conn, id))
            .transpose()?
            .flatten()
            .filter(|p| p.active)
            .ok_or(AppError::SignInRequired)?;
        let official = directory::get::<Official>(conn, profile.official_id)?
            .filter(|o| o.value.active)
            .ok_or(AppError::SignInRequired)?;
        Ok(Some(Actor {
            profile_id: profile.id,
            official_id: profile.official_id,
            department_id: official.value.department_id,
            role: official.value.role,
            administrator: profile.administrator,
        }))
    }

    /// Refuses `action` on `scope` unless the actor may do it (nothing is changed
    /// by a refused command: this runs before or inside its transaction).
    pub fn authorize(
        &self,
        conn: &Connection,
        action: Action,
        scope: impl FnOnce(&Actor) -> Scope,
    ) -> Result<Option<Actor>, AppError> {
        let actor = self.actor(conn)?;
        if let Some(actor) = &actor {
            if !actor.may(action, scope(actor)) {
                return Err(AppError::Forbidden { action });
            }
        }
        Ok(actor)
    }

    pub fn location(&self) -> &DataLocation {
        &self.location
    }

    pub fn lang(&self) -> Lang {
        // A poisoned lock still holds a valid language.
        *self.lang.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Saves the language and uses it from now on, for messages too.
    pub fn set_lang(&self, lang: Lang) -> Result<(), AppError> {
        let stamp = self.stamp();
        self.store()
            .write(|tx| settings::set(tx, &stamp, settings::LANGUAGE, lang.tag()))?;
        *self.lang.write().unwrap_or_else(|e| e.into_inner()) = lang;
        self.vault.set_language(lang)
    }

    /// The store, for one command at a time. A panic in an earlier command cannot
    /// leave a half-written transaction behind (rusqlite rolls back on drop), so a
    /// poisoned lock is safe to take over.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A connection for reading only, beside the store: reads do not wait for a
    /// write or a long read in progress, and a write cannot happen through it.
    pub fn reader(&self) -> MutexGuard<'_, Connection> {
        self.readers.get()
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.store().schema_version()
    }

    /// How the open database is protected.
    pub fn protection(&self) -> Protection {
        self.vault.protection()
    }

    /// Whether a recovery key has been issued for the database.
    pub fn has_recovery_key(&self) -> bool {
        self.vault.has_recovery()
    }

    /// Refuses a recovery key that does not open this database.
    pub fn check_recovery_key(&self, key: &RecoveryKey) -> Result<(), AppError> {
        self.vault.check_recovery(key)
    }

    /// The database's key, for copies made under it (`None`: a plain database).
    pub fn data_key(&self) -> Option<crate::store::keyslots::DataKey> {
        self.vault.data_key()
    }

    /// Writes the key slots beside a copy of the database (a backup).
    pub fn copy_key_slots_to(&self, copy: &std::path::Path) -> Result<(), AppError> {
        self.vault.copy_slots_to(copy)
    }

    /// The key a backup is encrypted under (see [`Vault::key_of_backup`]).
    pub fn key_of_backup(
        &self,
        backup: &std::path::Path,
        credential: Credential<'_>,
    ) -> Result<Option<crate::store::keyslots::DataKey>, AppError> {
        self.vault.key_of_backup(backup, credential)
    }

    /// Whether the recovery key opened the database.
    pub fn opened_by_recovery(&self) -> bool {
        self.vault.by_recovery()
    }

    /// Who a profile is, for its key slot (shown on the sign-in screen of a locked
    /// database).
    fn slot_holder(&self, profile_id: Uuid) -> Result<SlotHolder, AppError> {
        let conn = self.reader();
        let profile = profiles::get(&conn, profile_id)?
            .ok_or_else(|| StoreError::not_found("profile", profile_id))?;
        let official = directory::get::<Official>(&conn, profile.official_id)?
            .ok_or_else(|| StoreError::not_found("official", profile.official_id))?;
        let department_name = directory::get::<crate::domain::directory::Department>(
            &conn,
            official.value.department_id,
        )?
        .map(|d| d.value.name)
        .unwrap_or_default();
        Ok(SlotHolder {
            profile_id,
            name: official.value.name,
            staff_no: official.value.staff_no,
            department_name,
            role: official.value.role,
            administrator: profile.administrator,
        })
    }

    /// Gives `profile_id` a key slot opened by `passphrase` (just set or just proved);
    /// an administrator's passphrase encrypts a plain database in place first.
    pub fn give_key_slot(&self, profile_id: Uuid, passphrase: &str) -> Result<(), AppError> {
        let holder = self.slot_holder(profile_id)?;
        let stamp = self.stamp();
        let mut store = self.store();
        self.vault.give_slot(
            &mut store,
            &self.readers,
            &stamp,
            holder,
            passphrase,
            &mut rand_core::OsRng,
        )
    }

    /// Whether `profile_id` can open the database with its own passphrase.
    pub fn has_key_slot(&self, profile_id: Uuid) -> bool {
        self.vault.has_slot(profile_id)
    }

    /// Removes a deactivated profile's key slot.
    pub fn take_key_slot(&self, profile_id: Uuid) -> Result<(), AppError> {
        let stamp = self.stamp();
        self.vault.take_slot(&mut self.store(), &stamp, profile_id)
    }

    /// Issues a new recovery key, shown once; the previous one stops working.
    pub fn issue_recovery_key(&self) -> Result<Option<RecoveryKey>, AppError> {
        let stamp = self.stamp();
        self.vault
            .issue_recovery(&mut self.store(), &stamp, &mut rand_core::OsRng)
    }
}
