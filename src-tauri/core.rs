//! The running core: where the data lives, the open store and the user's language.
//! The desktop window and the CLI each hold one and call commands on it.

use std::sync::{Mutex, MutexGuard, RwLock};

use crate::error::AppError;
use crate::i18n::Lang;
use crate::paths::DataLocation;
use crate::store::{settings, Store, StoreError};

#[derive(Debug)]
pub struct Core {
    location: DataLocation,
    store: Mutex<Store>,
    lang: RwLock<Lang>,
}

impl Core {
    /// Opens the database at `location`. The language is `lang_override` when given
    /// (the CLI's `--lang`, for this process only), else the saved setting, else Chinese.
    pub fn open(location: DataLocation, lang_override: Option<Lang>) -> Result<Core, AppError> {
        let store = Store::open(&location.database)?;
        let saved = settings::get(store.reader(), settings::LANGUAGE)?
            .as_deref()
            .and_then(Lang::from_tag);
        Ok(Core {
            location,
            store: Mutex::new(store),
            lang: RwLock::new(lang_override.or(saved).unwrap_or_default()),
        })
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
        self.store()
            .write(|tx| settings::set(tx, settings::LANGUAGE, lang.tag()))?;
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
