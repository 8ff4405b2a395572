//! What each directory type checks against the database, and what a save of it
//! touches (findings evaluated again, certificates that name it).

use crate::domain::directory::{City, Counterpart, Department, Official, OfficialId, OfficialRole};

use crate::domain::id::Id;
use rusqlite::Connection;

use super::Entry;
use crate::error::{fail, AppError, Invalid, Problem};
use crate::path;
use crate::rules::{CalendarDay, Standard};
use crate::store::directory::{self, NaturalKey};
use crate::store::findings::{self, Affected};

impl Entry for Department {
    fn validated(self) -> Result<Self, Invalid> {
        self.validate().map(|()| self)
    }

    fn check(&self, conn: &Connection, _id: Option<Id<Self>>) -> Result<(), AppError> {
        let Some(leader) = self.leader_in_charge_id else {
            return Ok(());
        };
        match directory::get::<Official>(conn, leader)? {
            None => Err(fail(path!["leaderInChargeId"], Problem::UnknownReference)),
            Some(o) if o.value.role != OfficialRole::LeaderInCharge || !o.value.active => {
                Err(fail(path!["leaderInChargeId"], Problem::NotALeaderInCharge))
            }
            Some(_) => Ok(()),
        }
    }

    fn certified(&self, conn: &Connection, id: Id<Self>) -> Result<Vec<OfficialId>, AppError> {
        Ok(directory::list::<Official>(conn, false)?
            .into_iter()
            .filter(|o| o.value.department_id == id)
            .map(|o| o.id)
            .collect())
    }
}

impl Entry for Official {
    fn validated(self) -> Result<Self, Invalid> {
        self.validate().map(|()| self)
    }

    fn affected(&self, id: Id<Self>) -> Option<Affected> {
        Some(Affected::Official(id))
    }

    fn certified(&self, _conn: &Connection, id: Id<Self>) -> Result<Vec<OfficialId>, AppError> {
        Ok(vec![id])
    }

    fn check(&self, conn: &Connection, id: Option<Id<Self>>) -> Result<(), AppError> {
        if !directory::exists::<Department>(conn, self.department_id)? {
            return Err(fail(path!["departmentId"], Problem::UnknownReference));
        }
        match directory::find_by(conn, NaturalKey::staff_no(self.staff_no.trim()))? {
            Some(other) if Some(other) != id => Err(fail(path!["staffNo"], Problem::Duplicate)),
            _ => Ok(()),
        }
    }
}

impl Entry for Counterpart {
    fn validated(self) -> Result<Self, Invalid> {
        Counterpart::validated(self)
    }

    fn affected(&self, id: Id<Self>) -> Option<Affected> {
        Some(Affected::Counterpart(id))
    }

    fn check(&self, conn: &Connection, id: Option<Id<Self>>) -> Result<(), AppError> {
        let Some(code) = self.credit_code.as_deref() else {
            return Ok(());
        };
        match directory::find_by(conn, NaturalKey::credit_code(code))? {
            Some(other) if Some(other) != id => {
                Err(fail(path!["creditCode"], Problem::CreditCodeTaken))
            }
            _ => Ok(()),
        }
    }
}

impl Entry for City {
    fn validated(self) -> Result<Self, Invalid> {
        self.validate().map(|()| self)
    }

    fn check(&self, conn: &Connection, id: Option<Id<Self>>) -> Result<(), AppError> {
        let taken = directory::list::<City>(conn, false)?.into_iter().any(|c| {
            Some(c.id) != id && c.value.province == self.province && c.value.name == self.name
        });
        if taken {
            return Err(fail(path!["name"], Problem::Duplicate));
        }
        Ok(())
    }
}

impl Entry for Standard {
    fn validated(self) -> Result<Self, Invalid> {
        Standard::validated(self)
    }

    fn check(&self, conn: &Connection, id: Option<Id<Self>>) -> Result<(), AppError> {
        if let Some(city) = self.city_id {
            if !directory::exists::<City>(conn, city.into())? {
                return Err(fail(path!["cityId"], Problem::UnknownReference));
            }
        }
        // One figure per key, scope and day: two would make "the value in force" ambiguous.
        let clash = directory::list::<Standard>(conn, true)?
            .into_iter()
            .any(|row| {
                Some(row.id) != id
                    && self.active
                    && row.value.key == self.key
                    && row.value.tier == self.tier
                    && row.value.city_id == self.city_id
                    && row.value.effective_from == self.effective_from
            });
        if clash {
            return Err(fail(path!["effectiveFrom"], Problem::Duplicate));
        }
        Ok(())
    }

    fn affected(&self, _id: Id<Self>) -> Option<Affected> {
        Some(Affected::Kinds(findings::kinds_of(self.key)))
    }
}

impl Entry for CalendarDay {
    fn validated(self) -> Result<Self, Invalid> {
        CalendarDay::validated(self)
    }

    fn check(&self, conn: &Connection, id: Option<Id<Self>>) -> Result<(), AppError> {
        match directory::find_by(conn, NaturalKey::holiday_date(self.date))? {
            Some(other) if Some(other) != id => Err(fail(path!["date"], Problem::Duplicate)),
            _ => Ok(()),
        }
    }

    fn affected(&self, _id: Id<Self>) -> Option<Affected> {
        Some(Affected::Kinds(&[
            crate::domain::records::RecordKind::Contact,
        ]))
    }
}
