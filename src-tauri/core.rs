//! The running core: where the data lives, the open store and the user's language.
//! The desktop window and the CLI each hold one and call commands on it.

use std::sync::{Mutex, MutexGuard, RwLock};

use chrono::{DateTime, Utc};

use crate::error::AppError;
use crate::i18n::Lang;
use crate::paths::DataLocation;
use crate::store::{settings, Stamp, Store, StoreError};

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

/// Who is at the keyboard, until profiles exist: the operating-system account,
/// as `os:<name>`. Read once at start-up by the window and the CLI.
pub fn os_actor() -> String {
    let name = std::env::var("USERNAME")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "unknown".to_owned());
    format!("os:{name}")
}

pub struct Core {
    location: DataLocation,
    store: Mutex<Store>,
    lang: RwLock<Lang>,
    clock: Box<dyn Clock>,
    actor: String,
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
    /// Opens the database at `location`. The language is `lang_override` when given
    /// (the CLI's `--lang`, for this process only), else the saved setting, else Chinese.
    /// Changes are stamped with `clock`'s time and `actor`.
    pub fn open(
        location: DataLocation,
        lang_override: Option<Lang>,
        clock: Box<dyn Clock>,
        actor: String,
    ) -> Result<Core, AppError> {
        let stamp = Stamp {
            at: clock.now(),
            actor: actor.clone(),
        };
        let store = Store::open(&location.database, &stamp)?;
        let saved = settings::get(store.reader(), settings::LANGUAGE)?
            .as_deref()
            .and_then(Lang::from_tag);
        Ok(Core {
            location,
            store: Mutex::new(store),
            lang: RwLock::new(lang_override.or(saved).unwrap_or_default()),
            clock,
            actor,
        })
    }

    /// Today's date where the bureau is (China Standard Time, UTC+8, no daylight
    /// saving): deadlines and "this month" are reckoned in it, whatever the PC's zone.
    pub fn today(&self) -> chrono::NaiveDate {
        let china = chrono::FixedOffset::east_opt(8 * 3600).expect("a valid offset");
        self.clock.now().with_timezone(&china).date_naive()
    }

    /// Who and when, for the audit log of a change made now.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            at: self.clock.now(),
            actor: self.actor.clone(),
        }
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
        Ok(())
    }

    /// The store, for one command at a time. A panic in an earlier command cannot
    /// leave a half-written transaction behind (rusqlite rolls back on drop), so a
    /// poisoned lock is safe to take over.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.store().schema_version()
    }
}
