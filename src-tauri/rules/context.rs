//! What the rules may look at besides the record itself.

use std::collections::HashMap;

use super::calendar::Calendar;
use super::standards::Standards;
use crate::domain::directory::{Counterpart, CounterpartId, Official, OfficialId};

/// The standards, the calendar and the directory entries a record names.
pub struct Context<'a> {
    pub standards: &'a Standards,
    pub calendar: &'a Calendar,
    pub officials: &'a HashMap<OfficialId, Official>,
    pub counterparts: &'a HashMap<CounterpartId, Counterpart>,
}

impl Context<'_> {
    pub(super) fn official_name(&self, id: OfficialId) -> String {
        self.officials
            .get(&id)
            .map_or_else(|| id.to_string(), |o| o.name.clone())
    }
}
