//! The registrable records (PRODUCT.md, "Record kinds"): trips with enterprises,
//! meals, gifts and contacts. Validation refuses what cannot be true (an end before a
//! start, an expense for someone not on the trip); it does not refuse what breaks the
//! rules (a card that was "paid for"): the store keeps what really happened and the
//! rules flag it.

pub mod contact;
pub mod gift;
pub mod meal;
pub mod trip;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::money::Fen;
use crate::domain::directory::{CounterpartId, OfficialId};
use crate::domain::id::Id;
use crate::domain::invalid::{Invalid, PathSegment, Problem};
use crate::domain::validation::{fail, Checks};
use crate::path;

/// A record's id, the same through all its versions.
pub type RecordId = Id<RecordBody>;

/// How far after today a record may be dated: a trip registered before it starts
/// (报备), a meal or visit arranged ahead. Further is a typing slip.
pub const DAYS_AHEAD: u64 = 90;

pub use contact::Contact;
pub use gift::Gift;
pub use meal::Meal;
pub use trip::Trip;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RecordKind {
    Trip,
    Meal,
    Gift,
    Contact,
}

impl RecordKind {
    pub const ALL: [RecordKind; 4] = [
        RecordKind::Trip,
        RecordKind::Meal,
        RecordKind::Gift,
        RecordKind::Contact,
    ];

    pub fn tag(self) -> &'static str {
        match self {
            RecordKind::Trip => "trip",
            RecordKind::Meal => "meal",
            RecordKind::Gift => "gift",
            RecordKind::Contact => "contact",
        }
    }

    /// The kind's name (Chinese, English): the printed register and the CLI say it.
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            RecordKind::Trip => ("出行", "trip"),
            RecordKind::Meal => ("用餐", "meal"),
            RecordKind::Gift => ("礼品", "gift"),
            RecordKind::Contact => ("交往", "contact"),
        }
    }
}

/// What a record says, by kind: `{"meal": {...}}`. Externally tagged, so an error
/// deep inside names its whole path (`["body", "meal", "date"]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RecordBody {
    Trip(Trip),
    Meal(Meal),
    Gift(Gift),
    Contact(Contact),
}

impl RecordBody {
    pub fn kind(&self) -> RecordKind {
        match self {
            RecordBody::Trip(_) => RecordKind::Trip,
            RecordBody::Meal(_) => RecordKind::Meal,
            RecordBody::Gift(_) => RecordKind::Gift,
            RecordBody::Contact(_) => RecordKind::Contact,
        }
    }

    /// Checks everything that does not need the directory; error paths start at the
    /// body (`["meal", "date"]`).
    pub fn validate(&self) -> Result<(), Invalid> {
        let result = match self {
            RecordBody::Trip(trip) => trip.validate(),
            RecordBody::Meal(meal) => meal.validate(),
            RecordBody::Gift(gift) => gift.validate(),
            RecordBody::Contact(contact) => contact.validate(),
        };
        result.map_err(|e| e.within_all(&self.path_prefix()))
    }

    /// [`RecordBody::validate`], and the dates against `today` (China time): none more
    /// than [`DAYS_AHEAD`] days later. A trip is registered before it starts (报备);
    /// anything dated further ahead — a meal next year — is a slip of the year or month.
    pub fn validate_on(&self, today: NaiveDate) -> Result<(), Invalid> {
        let mut checks = Checks::new();
        checks.check(self.validate());
        let prefix = self.path_prefix();
        let latest = today
            .checked_add_days(Days::new(DAYS_AHEAD))
            .unwrap_or(today);
        let mut no_later = |field: Vec<PathSegment>, date: NaiveDate| {
            if date > latest {
                let problem = Problem::DateTooFarAhead {
                    days: DAYS_AHEAD,
                    latest,
                };
                checks.check(Err(fail(field, problem).within_all(&prefix)));
            }
        };
        match self {
            RecordBody::Trip(trip) => no_later(path!["startDate"], trip.start_date),
            RecordBody::Meal(meal) => no_later(path!["date"], meal.date),
            RecordBody::Gift(Gift::Received(gift)) => {
                no_later(path!["date"], gift.date);
                if let Some(date) = gift.disposition.date() {
                    no_later(path!["disposition", gift.disposition.tag(), "date"], date);
                }
            }
            RecordBody::Gift(Gift::Given(gift)) => no_later(path!["date"], gift.date),
            RecordBody::Contact(contact) => no_later(path!["date"], contact.date),
        }
        checks.finish()
    }

    /// Where this body's own fields sit in a request's body: `["gift", "received"]`.
    pub fn path_prefix(&self) -> Vec<&'static str> {
        match self {
            RecordBody::Trip(_) => vec!["trip"],
            RecordBody::Meal(_) => vec!["meal"],
            RecordBody::Gift(Gift::Received(_)) => vec!["gift", "received"],
            RecordBody::Gift(Gift::Given(_)) => vec!["gift", "given"],
            RecordBody::Contact(_) => vec!["contact"],
        }
    }

    /// The date the record belongs to: a trip's start, otherwise the day it happened.
    pub fn date(&self) -> NaiveDate {
        match self {
            RecordBody::Trip(trip) => trip.start_date,
            RecordBody::Meal(meal) => meal.date,
            RecordBody::Gift(gift) => gift.date(),
            RecordBody::Contact(contact) => contact.date,
        }
    }

    /// The officials the record concerns, each once.
    pub fn official_ids(&self) -> Vec<OfficialId> {
        match self {
            RecordBody::Trip(trip) => trip.participant_ids.clone(),
            RecordBody::Meal(meal) => meal.official_ids.clone(),
            RecordBody::Gift(gift) => vec![gift.official_id()],
            RecordBody::Contact(contact) => contact.official_ids.clone(),
        }
    }

    /// The counterparts the record concerns, each once.
    pub fn counterpart_ids(&self) -> Vec<CounterpartId> {
        match self {
            RecordBody::Trip(trip) => trip.counterpart_ids.clone(),
            RecordBody::Meal(meal) => meal.counterpart_id.into_iter().collect(),
            RecordBody::Gift(gift) => gift.counterpart_id().into_iter().collect(),
            RecordBody::Contact(contact) => contact.counterpart_ids.clone(),
        }
    }

    /// Replaces every directory id the record names through `map` (an exchange
    /// bundle's enterprise that this database already has under another id).
    pub fn remap(&mut self, map: &impl Fn(Uuid) -> Uuid) {
        // One map over every directory id: a UUID names one entity whatever its kind.
        let one = |id: Uuid| map(id);
        fn typed<T>(map: &impl Fn(Uuid) -> Uuid, id: Id<T>) -> Id<T> {
            Id::from_uuid(map(id.uuid()))
        }
        fn all<T>(map: &impl Fn(Uuid) -> Uuid, ids: &mut [Id<T>]) {
            ids.iter_mut().for_each(|id| *id = typed(map, *id));
        }
        match self {
            RecordBody::Trip(trip) => {
                trip.destination_city_id = trip.destination_city_id.map(one);
                all(map, &mut trip.participant_ids);
                all(map, &mut trip.counterpart_ids);
                for expense in &mut trip.expenses {
                    expense.official_id = typed(map, expense.official_id);
                }
            }
            RecordBody::Meal(meal) => {
                meal.counterpart_id = meal.counterpart_id.map(|id| typed(map, id));
                all(map, &mut meal.official_ids);
            }
            RecordBody::Gift(Gift::Received(gift)) => {
                gift.official_id = typed(map, gift.official_id);
                gift.counterpart_id = gift.counterpart_id.map(|id| typed(map, id));
            }
            RecordBody::Gift(Gift::Given(gift)) => {
                gift.official_id = typed(map, gift.official_id);
                gift.counterpart_id = gift.counterpart_id.map(|id| typed(map, id));
            }
            RecordBody::Contact(contact) => {
                all(map, &mut contact.counterpart_ids);
                all(map, &mut contact.official_ids);
            }
        }
    }

    /// The amount a list shows for the record: a trip's expenses, a meal's payment,
    /// a gift's value; contacts have none.
    pub fn amount(&self) -> Fen {
        match self {
            RecordBody::Trip(trip) => Fen(trip.expenses.iter().map(|e| e.amount.0).sum()),
            RecordBody::Meal(meal) => meal.amount_paid,
            RecordBody::Gift(gift) => gift.value(),
            RecordBody::Contact(_) => Fen::ZERO,
        }
    }

    /// The fields a search looks in, besides the directory names the store adds: each
    /// with its key in the body (so a search result can say where it matched).
    pub fn search_fields(&self) -> Vec<(&'static str, &str)> {
        match self {
            RecordBody::Trip(t) => vec![("purpose", &t.purpose), ("destination", &t.destination)],
            RecordBody::Meal(m) => vec![("place", &m.place), ("receiptNo", &m.receipt_no)],
            RecordBody::Gift(g) => g.search_fields(),
            RecordBody::Contact(c) => vec![("purpose", &c.purpose), ("outcome", &c.outcome)],
        }
    }

    /// Words to search in, besides the directory names the store adds.
    pub fn search_text(&self) -> String {
        self.search_fields()
            .iter()
            .map(|(_, text)| *text)
            .collect::<Vec<_>>()
            .join(" ")
    }
}
