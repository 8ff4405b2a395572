//! The directory service: saving a department, official, enterprise, city, standard
//! or holiday correction — its field checks, its checks against the database
//! (references, uniqueness), then in the same transaction the findings and the
//! certificates a change touches.

mod entries;

use crate::domain::directory::OfficialId;

use crate::domain::id::Id;
use rusqlite::Connection;

use crate::certification;
use crate::core::Core;
use crate::domain::ids::{new_id, OsEntropy};
use crate::error::{fail, AppError, Invalid, Problem};
use crate::path;
use crate::store::directory::{self, DirectoryRow, Versioned};
use crate::store::findings::{self, Affected};

/// A directory type as the service saves it.
pub trait Entry: DirectoryRow + Clone + 'static {
    /// Field checks, returning the value as it will be stored.
    fn validated(self) -> Result<Self, Invalid>;

    /// Checks against the database (references, uniqueness); `id` is the entry's own.
    fn check(&self, _conn: &Connection, _id: Option<Id<Self>>) -> Result<(), AppError> {
        Ok(())
    }

    /// The records whose findings a save can change (evaluated again in the same
    /// transaction, so no finding ever rests on a value that is gone).
    fn affected(&self, _id: Id<Self>) -> Option<Affected> {
        None
    }

    /// The officials whose certificates name what a save can change (their name,
    /// role, department): certified anew in the same transaction.
    fn certified(&self, _conn: &Connection, _id: Id<Self>) -> Result<Vec<OfficialId>, AppError> {
        Ok(Vec::new())
    }
}

/// Saves `value`: created without `id`, amended with `id` and the `version` last read
/// (a stale version is a conflict, not an overwrite). Paths of its problems start at
/// the request's `value`.
pub fn save<T: Entry>(
    core: &Core,
    id: Option<Id<T>>,
    version: Option<i64>,
    value: T,
) -> Result<Versioned<T>, AppError> {
    let value = value.validated().map_err(|e| e.within("value"))?;
    let stamp = core.stamp();
    core.store().write(|tx| {
        value.check(tx, id).map_err(|e| e.within("value"))?;
        let saved = match (id, version) {
            (None, _) => directory::insert(tx, &stamp, new_id(stamp.at, &mut OsEntropy), value)?,
            (Some(id), Some(version)) => directory::update(tx, &stamp, id, version, value)?,
            (Some(_), None) => return Err(fail(path!["version"], Problem::Required)),
        };
        if let Some(affected) = saved.value.affected(saved.id) {
            findings::refresh_affected(tx, &affected)?;
        }
        let issuer = core.issuer();
        for official in saved.value.certified(tx, saved.id)? {
            certification::official_changed(tx, &stamp, official, issuer.as_deref())?;
        }
        Ok(saved)
    })
}
