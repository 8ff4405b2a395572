//! The door to an encrypted database. Until a profile's passphrase (or the recovery
//! key) opens it there is no [`Core`]: the window still starts, speaks the saved
//! language, lists who may sign in (from the key slots) and signs someone in, which
//! opens the database for the rest of the run. Every other command is refused as
//! locked. The CLI goes through the same door for each call.

use std::sync::{Arc, RwLock};

use serde_json::Value;
use uuid::Uuid;

use crate::commands::session::{self, SessionInfo, SignInChoice, SignInRequest};
use crate::commands::{self, AppInfo, LanguageChanged, SetLanguageRequest};
use crate::core::{Clock, Core, SystemClock};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::paths::DataLocation;
use crate::store::keyslots::{KeyError, KeySlots, RecoveryKey};
use crate::store::vault::Credential;

pub struct Gate {
    location: DataLocation,
    lang_override: Option<Lang>,
    actor: String,
    /// The language while locked: the override, else the key file's, else Chinese.
    lang: RwLock<Lang>,
    core: RwLock<Option<Arc<Core>>>,
    clock: fn() -> Box<dyn Clock>,
}

impl std::fmt::Debug for Gate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gate")
            .field("location", &self.location)
            .finish_non_exhaustive()
    }
}

fn system_clock() -> Box<dyn Clock> {
    Box::new(SystemClock)
}

impl Gate {
    /// Opens the database when nothing is needed to open it; otherwise a locked gate.
    pub fn open(
        location: DataLocation,
        lang_override: Option<Lang>,
        actor: String,
    ) -> Result<Gate, AppError> {
        let gate = Gate {
            lang: RwLock::new(lang_override.unwrap_or_default()),
            location,
            lang_override,
            actor,
            core: RwLock::new(None),
            clock: system_clock,
        };
        match gate.unlock(Credential::Nothing) {
            Ok(_) => {}
            Err(AppError::Key(KeyError::Locked)) => {
                let saved = KeySlots::load(&gate.location.database)?.and_then(|s| s.language());
                *gate.lang.write().unwrap_or_else(|e| e.into_inner()) =
                    lang_override.or(saved).unwrap_or_default();
            }
            Err(other) => return Err(other),
        }
        Ok(gate)
    }

    /// The open database, once something opened it.
    pub fn core(&self) -> Option<Arc<Core>> {
        self.core.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn lang(&self) -> Lang {
        match self.core() {
            Some(core) => core.lang(),
            None => *self.lang.read().unwrap_or_else(|e| e.into_inner()),
        }
    }

    /// Opens the database with `credential` (once: later calls return the open one).
    pub fn unlock(&self, credential: Credential<'_>) -> Result<Arc<Core>, AppError> {
        let mut slot = self.core.write().unwrap_or_else(|e| e.into_inner());
        if let Some(core) = &*slot {
            return Ok(Arc::clone(core));
        }
        // The language last chosen (kept in the key file) wins over the one saved in
        // the database, which could not be read while it was locked.
        let chosen = KeySlots::load(&self.location.database)
            .ok()
            .flatten()
            .and_then(|s| s.language());
        let core = Arc::new(Core::unlock(
            self.location.clone(),
            self.lang_override.or(chosen),
            (self.clock)(),
            self.actor.clone(),
            credential,
        )?);
        *slot = Some(Arc::clone(&core));
        Ok(core)
    }

    /// Runs a command: on the open database, or (locked) the few a locked one answers.
    pub fn call(&self, name: &str, request: Value) -> Result<Value, AppError> {
        if let Some(core) = self.core() {
            return commands::dispatch(&core, name, request);
        }
        let json = |v: Result<Value, serde_json::Error>| {
            v.map_err(|err| AppError::Internal(err.to_string()))
        };
        match name {
            "app_info" => json(serde_json::to_value(self.app_info())),
            "session_get" => json(serde_json::to_value(self.locked_session()?)),
            "set_language" => {
                let request: SetLanguageRequest = commands::parse_request(name, request)?;
                self.set_lang(request.language)?;
                json(serde_json::to_value(LanguageChanged {
                    language: self.lang(),
                }))
            }
            "session_sign_in" => {
                let request: SignInRequest = commands::parse_request(name, request)?;
                let core = self.sign_in(request.profile_id, &request.passphrase)?;
                json(serde_json::to_value(session::session_info(&core)?))
            }
            "passphrase_recover" => {
                let parsed: commands::recovery::RecoverRequest =
                    commands::parse_request(name, request.clone())?;
                let key = commands::recovery::recovery_key(&parsed)?;
                let core = self.unlock(Credential::Recovery(&key))?;
                commands::dispatch(&core, name, request)
            }
            _ if commands::find(name).is_none() => Err(AppError::UnknownCommand {
                name: name.to_owned(),
            }),
            _ => Err(KeyError::Locked.into()),
        }
    }

    /// Opens the database with a profile's passphrase and signs the profile in. A wrong
    /// passphrase opens nothing.
    pub fn sign_in(&self, profile_id: Uuid, passphrase: &str) -> Result<Arc<Core>, AppError> {
        let core = self
            .unlock(Credential::Profile {
                profile_id,
                passphrase,
            })
            .map_err(|err| match err {
                AppError::Key(KeyError::WrongPassphrase | KeyError::NoSlot(_)) => {
                    AppError::WrongPassphrase
                }
                other => other,
            })?;
        session::sign_in(&core, profile_id, passphrase)?;
        Ok(core)
    }

    /// Opens the database with the recovery key.
    pub fn recover(&self, key: &RecoveryKey) -> Result<Arc<Core>, AppError> {
        self.unlock(Credential::Recovery(key))
    }

    fn set_lang(&self, lang: Lang) -> Result<(), AppError> {
        *self.lang.write().unwrap_or_else(|e| e.into_inner()) = lang;
        if let Some(mut slots) = KeySlots::load(&self.location.database)? {
            slots.set_language(lang);
            slots.save()?;
        }
        Ok(())
    }

    /// Who may sign in: the key slots' holders.
    pub fn holders(&self) -> Result<Vec<SignInChoice>, AppError> {
        let slots = KeySlots::load(&self.location.database)?;
        Ok(slots
            .map(|s| s.holders())
            .unwrap_or_default()
            .into_iter()
            .map(|h| SignInChoice {
                id: h.profile_id,
                name: h.name,
                staff_no: h.staff_no,
                department_name: h.department_name,
                role: h.role,
                administrator: h.administrator,
            })
            .collect())
    }

    /// The slot holder someone names on the command line: profile id, staff number,
    /// or name (when only one holder has it).
    pub fn find_holder(&self, who: &str) -> Result<Uuid, AppError> {
        let holders = self.holders()?;
        crate::keyring::named_profile(
            who,
            holders
                .iter()
                .map(|h| (h.id, h.staff_no.as_str(), h.name.as_str())),
        )
    }

    fn locked_session(&self) -> Result<SessionInfo, AppError> {
        Ok(SessionInfo {
            profiles_exist: true,
            locked: true,
            user: None,
            may: Vec::new(),
            profiles: self.holders()?,
        })
    }

    fn app_info(&self) -> AppInfo {
        AppInfo {
            app_version: crate::APP_VERSION.to_owned(),
            schema_version: None,
            protection: None,
            recovery_key_issued: None,
            data_dir: self.location.data_dir.display().to_string(),
            database_path: self.location.database.display().to_string(),
            sqlite_version: crate::store::sqlite_version().to_owned(),
            language: self.lang(),
        }
    }
}
