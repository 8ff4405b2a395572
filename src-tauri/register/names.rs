//! The directory's names as a register, an export and a record sheet print them.

use std::collections::HashMap;

use crate::domain::directory::{Counterpart, CounterpartId, Official, OfficialId};
use rusqlite::Connection;

use crate::store::{directory, StoreError};

/// Directory names the sections print.
pub(crate) struct Names {
    officials: HashMap<OfficialId, String>,
    counterparts: HashMap<CounterpartId, String>,
}

impl Names {
    pub(crate) fn load(conn: &Connection) -> Result<Names, StoreError> {
        Ok(Names {
            officials: directory::list::<Official>(conn, false)?
                .into_iter()
                .map(|o| (o.id, o.value.name))
                .collect(),
            counterparts: directory::list::<Counterpart>(conn, false)?
                .into_iter()
                .map(|c| (c.id, c.value.name))
                .collect(),
        })
    }

    pub(crate) fn officials(&self, ids: &[OfficialId]) -> String {
        ids.iter()
            .map(|id| self.officials.get(id).map_or("?", String::as_str))
            .collect::<Vec<_>>()
            .join("、")
    }

    pub(crate) fn counterparts(&self, ids: &[CounterpartId]) -> String {
        ids.iter()
            .map(|id| self.counterparts.get(id).map_or("?", String::as_str))
            .collect::<Vec<_>>()
            .join("、")
    }
}
