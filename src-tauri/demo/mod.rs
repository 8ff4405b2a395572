//! Demo and load data: a bureau's directory and any number of realistic records,
//! deterministic for a seed, for trying the app and for benchmarks. Organisations are
//! invented and their credit codes generated. A few records break the rules on
//! purpose, so the findings have something to show.

mod review;
mod words;

pub use review::DEMO_PASSPHRASE;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::core::Core;
use crate::domain::credit_code::{with_check_character, ALPHABET};
use crate::domain::directory::{
    City, Counterpart, CounterpartKind, CreditStatus, Department, Official, OfficialRole,
    TravelTier,
};
use crate::domain::directory::{DepartmentId, OfficialId};
use crate::domain::ids::{new_id, SeededEntropy};
use crate::domain::money::Fen;
use crate::domain::records::contact::{Activity, Initiator};
use crate::domain::records::gift::{
    Beneficiary, Disposition, GiftCategory, GivenGift, ReceivedGift,
};
use crate::domain::records::meal::MealMode;
use crate::domain::records::trip::{Expense, ExpenseCategory, Payer};
use crate::domain::records::{Contact, Gift, Meal, RecordBody, Trip};
use crate::error::AppError;
use crate::store::directory::{self, Versioned};
use crate::store::{records, Stamp};
use words::*;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DemoRequest {
    /// How many records to add.
    #[ts(type = "number")]
    pub records: u64,
    /// The same seed gives the same data.
    #[ts(type = "number")]
    pub seed: u64,
    /// Records per transaction (default 1000).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub batch: Option<u64>,
    /// Also create profiles (passphrase [`DEMO_PASSPHRASE`]) for the first
    /// department and a review history, when the database has no profiles yet.
    #[serde(default)]
    #[ts(optional)]
    pub profiles: Option<bool>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DemoReport {
    pub departments: u32,
    pub officials: u32,
    pub counterparts: u32,
    pub cities: u32,
    #[ts(type = "number")]
    pub records_added: u64,
    /// Demo profiles created.
    pub profiles: u32,
    /// What they sign in with ([`DEMO_PASSPHRASE`]), when any were created.
    pub passphrase: Option<String>,
}

/// Records committed per transaction by default: large enough to be fast, small
/// enough that a crash loses little and progress moves.
pub const BATCH: u64 = 1000;

/// The most records one call may add.
pub const MAX_RECORDS: u64 = 10_000_000;

struct Directory {
    departments: Vec<Versioned<Department>>,
    officials: Vec<Versioned<Official>>,
    counterparts: Vec<Versioned<Counterpart>>,
    cities: Vec<Versioned<City>>,
}

/// Adds `request.records` records, creating the demo directory first when the
/// database has no departments. `progress(done, total)` is called after each commit.
pub fn generate(
    core: &Core,
    request: &DemoRequest,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DemoReport, AppError> {
    if request.records > MAX_RECORDS {
        return Err(crate::error::fail(
            crate::path!["records"],
            crate::error::Problem::OutOfRange {
                min: 0,
                max: MAX_RECORDS as i64,
            },
        ));
    }
    let batch_size = request.batch.unwrap_or(BATCH);
    if !(1..=100_000).contains(&batch_size) {
        return Err(crate::error::fail(
            crate::path!["batch"],
            crate::error::Problem::OutOfRange {
                min: 1,
                max: 100_000,
            },
        ));
    }
    let mut rng = SeededEntropy::new(request.seed);
    let directory = load_or_create_directory(core, &mut rng)?;
    let mut done = 0;
    while done < request.records {
        let batch = (request.records - done).min(batch_size);
        let stamp = core.stamp();
        core.store().write(|tx| -> Result<(), AppError> {
            for _ in 0..batch {
                let (department, body) = record(&directory, &mut rng);
                let names = names_of(&directory, department, &body);
                let id = new_id(datetime_of(body.date()), &mut rng);
                records::insert(tx, &stamp, id, department, &body, &names)?;
            }
            Ok(())
        })?;
        done += batch;
        progress(done, request.records);
    }
    // The department of the first demo official (SY0001, its head).
    let first = directory
        .officials
        .iter()
        .min_by_key(|o| o.value.staff_no.clone())
        .map(|o| o.value.department_id);
    let profiles = match (request.profiles, first) {
        (Some(true), Some(department)) => review::add(core, &directory.officials, department)?,
        _ => 0,
    };
    Ok(DemoReport {
        departments: directory.departments.len() as u32,
        officials: directory.officials.len() as u32,
        counterparts: directory.counterparts.len() as u32,
        cities: directory.cities.len() as u32,
        records_added: done,
        profiles,
        passphrase: (profiles > 0).then(|| DEMO_PASSPHRASE.to_owned()),
    })
}

fn datetime_of(date: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    date.and_hms_opt(9, 0, 0).unwrap_or_default().and_utc()
}

fn pick<'a, T>(rng: &mut SeededEntropy, items: &'a [T]) -> &'a T {
    &items[rng.below(items.len() as u64) as usize]
}

fn load_or_create_directory(core: &Core, rng: &mut SeededEntropy) -> Result<Directory, AppError> {
    let stamp = core.stamp();
    core.store().write(|tx| -> Result<Directory, AppError> {
        if directory::list::<Department>(tx, true)?.is_empty() {
            create_directory(tx, &stamp, rng)?;
        }
        Ok(Directory {
            departments: directory::list(tx, true)?,
            officials: directory::list(tx, true)?,
            counterparts: directory::list(tx, true)?,
            // Of the shipped cities, the demo's dozen (in the directory's order).
            cities: directory::list::<City>(tx, true)?
                .into_iter()
                .filter(|c| {
                    CITIES
                        .iter()
                        .any(|(p, n)| c.value.province == *p && c.value.name == *n)
                })
                .collect(),
        })
    })
}

fn create_directory(
    tx: &rusqlite::Connection,
    stamp: &Stamp,
    rng: &mut SeededEntropy,
) -> Result<(), AppError> {
    // Invented, and marked as a demo, like everything here.
    crate::store::settings::set(
        tx,
        stamp,
        crate::store::settings::BUREAU_NAME,
        "沈阳市示范区投资促进局（演示）",
    )?;
    let mut staff = 0;
    for (d, name) in DEPARTMENTS.iter().enumerate() {
        let department = directory::insert(
            tx,
            stamp,
            new_id(stamp.at, rng),
            Department {
                name: (*name).to_owned(),
                active: true,
                leader_in_charge_id: None,
            },
        )?;
        for k in 0..8 {
            staff += 1;
            let official = Official {
                name: format!("{}{}", pick(rng, SURNAMES), pick(rng, GIVEN_NAMES)),
                staff_no: format!("SY{staff:04}"),
                department_id: department.id,
                position: POSITIONS[k.min(POSITIONS.len() - 1)].to_owned(),
                role: match k {
                    0 => OfficialRole::DepartmentHead,
                    1 => OfficialRole::Clerk,
                    _ => OfficialRole::Staff,
                },
                travel_tier: TravelTier::Other,
                // The enforcement department's officials hold enforcement powers.
                enforcement_powers: d == 3,
                active: true,
            };
            directory::insert(tx, stamp, new_id(stamp.at, rng), official)?;
        }
    }
    for i in 0..200 {
        let district = pick(rng, DISTRICTS);
        let name = format!(
            "沈阳{}{}{}有限公司",
            pick(rng, BRAND_WORDS),
            pick(rng, INDUSTRIES),
            if i % 3 == 0 { "股份" } else { "" }
        );
        let counterpart = Counterpart {
            name: format!("{name}（{district}）"),
            kind: CounterpartKind::Enterprise,
            credit_code: Some(credit_code(rng)),
            credit_code_confirmed: false,
            credit_status: match i % 10 {
                0 => CreditStatus::Red,
                9 if i % 20 == 19 => CreditStatus::Black,
                _ => CreditStatus::Normal,
            },
            canteen_rate: (i % 2 == 0).then_some(Fen(1000 + 500 * (i % 3))),
            address: format!("沈阳市{district}区"),
            contact: format!("{}经理", pick(rng, SURNAMES)),
            active: true,
        };
        directory::insert(tx, stamp, new_id(stamp.at, rng), counterpart)?;
    }
    for name in ASSOCIATIONS {
        let counterpart = Counterpart::named(format!("沈阳市{name}"), CounterpartKind::Association);
        directory::insert(tx, stamp, new_id(stamp.at, rng), counterpart)?;
    }
    // The demo's trips go to a dozen cities; every database ships them already.
    let known = directory::list::<City>(tx, true)?;
    for (province, name) in CITIES {
        // Drawn whether or not it is used, so a seed makes the same data as before.
        let id = new_id(stamp.at, rng);
        if !known
            .iter()
            .any(|c| c.value.province == *province && c.value.name == *name)
        {
            let city = City {
                province: (*province).to_owned(),
                name: (*name).to_owned(),
            };
            directory::insert(tx, stamp, id, city)?;
        }
    }
    Ok(())
}

/// An invented code of the right form: 91 (enterprise), Shenyang's region code, an
/// organisation code starting MA, and the check character.
fn credit_code(rng: &mut SeededEntropy) -> String {
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let body: String = (0..7).map(|_| *pick(rng, &alphabet)).collect();
    with_check_character(&format!("91210100MA{body}"))
        .as_str()
        .to_owned()
}

fn record(dir: &Directory, rng: &mut SeededEntropy) -> (DepartmentId, RecordBody) {
    let first = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let date = first + Days::new(rng.below(1062));
    let official = pick(rng, &dir.officials);
    let colleague = pick(rng, &dir.officials);
    let mut officials = vec![official.id];
    if colleague.id != official.id && colleague.value.department_id == official.value.department_id
    {
        officials.push(colleague.id);
    }
    let enterprise = pick(rng, &dir.counterparts[..200.min(dir.counterparts.len())]);
    let breaks_rules = rng.below(50) == 0;
    let body = match rng.below(100) {
        0..=34 => meal(enterprise, officials, date, breaks_rules, rng),
        35..=59 => RecordBody::Contact(Contact {
            date,
            activity: *pick(
                rng,
                &[
                    Activity::Visit,
                    Activity::Forum,
                    Activity::TeaTalk,
                    Activity::Inspection,
                ],
            ),
            counterpart_ids: vec![enterprise.id],
            official_ids: officials,
            initiated_by: if rng.below(3) == 0 {
                Initiator::Us
            } else {
                Initiator::Counterpart
            },
            purpose: (*pick(rng, CONTACT_PURPOSES)).to_owned(),
            outcome: "已记录企业诉求并转相关处室办理".to_owned(),
        }),
        60..=79 => gift(enterprise, official.id, date, breaks_rules, rng),
        _ => trip(dir, enterprise, officials, date, breaks_rules, rng),
    };
    (official.value.department_id, body)
}

fn meal(
    enterprise: &Versioned<Counterpart>,
    officials: Vec<OfficialId>,
    date: NaiveDate,
    breaks_rules: bool,
    rng: &mut SeededEntropy,
) -> RecordBody {
    let rate = enterprise.value.canteen_rate;
    let diners = officials.len() as i64;
    let (mode, paid) = match rate {
        Some(rate) if !breaks_rules => (MealMode::CanteenMeal, Fen(rate.0 * diners)),
        Some(_) => (MealMode::CanteenMeal, Fen::ZERO),
        None => (MealMode::EnterpriseArranged, Fen(6000 * diners)),
    };
    // Drawn in the order the demo always drew them, so a seed gives the same data.
    let place = format!("{}{}", enterprise.value.name, pick(rng, MEAL_PLACES));
    let enterprise_diners = rng.below(3) as u32;
    // An arranged meal costs what everyone at the table ate, at the officials' rate.
    let total_cost = (mode == MealMode::EnterpriseArranged)
        .then(|| Fen(6000 * (diners + i64::from(enterprise_diners))));
    RecordBody::Meal(Meal {
        date,
        mode,
        counterpart_id: Some(enterprise.id),
        place,
        official_ids: officials,
        enterprise_diners,
        per_person_standard: rate,
        total_cost,
        amount_paid: paid,
        receipt_no: if paid.0 > 0 {
            format!("SC{}", rng.below(1_000_000))
        } else {
            String::new()
        },
        cigarettes: false,
        premium_liquor: breaks_rules && mode == MealMode::EnterpriseArranged,
        other_alcohol: false,
    })
}

fn gift(
    enterprise: &Versioned<Counterpart>,
    official: OfficialId,
    date: NaiveDate,
    breaks_rules: bool,
    rng: &mut SeededEntropy,
) -> RecordBody {
    if rng.below(10) == 0 {
        return RecordBody::Gift(Gift::Given(GivenGift {
            date,
            official_id: official,
            recipient: "外地客商考察团".to_owned(),
            counterpart_id: None,
            occasion: "项目签约仪式".to_owned(),
            item: "沈阳文创礼品".to_owned(),
            quantity: 1 + rng.below(10) as u32,
            value: Fen(20_000 + 1000 * rng.below(100) as i64),
            funding: "办公经费".to_owned(),
        }));
    }
    let (category, item) = pick(rng, GIFT_ITEMS);
    let category: GiftCategory =
        serde_json::from_value(serde_json::Value::String((*category).to_owned()))
            .unwrap_or(GiftCategory::Goods);
    let later = date + Days::new(1 + rng.below(5));
    let disposition = if breaks_rules {
        Disposition::Kept { date: later }
    } else {
        match rng.below(4) {
            0 => Disposition::Declined { date },
            1 => Disposition::Returned {
                date: later,
                evidence: "快递退回单".to_owned(),
            },
            _ => Disposition::Surrendered {
                date: later,
                to: "局纪检组".to_owned(),
                voucher_no: format!("SJ{}", rng.below(1_000_000)),
            },
        }
    };
    RecordBody::Gift(Gift::Received(ReceivedGift {
        date,
        official_id: official,
        giver_name: format!("{}某", pick(rng, SURNAMES)),
        counterpart_id: Some(enterprise.id),
        beneficiary: Beneficiary::Official,
        item: (*item).to_owned(),
        category,
        quantity: 1,
        estimated_value: Fen(10_000 + 1000 * rng.below(200) as i64),
        disposition,
    }))
}

fn trip(
    dir: &Directory,
    enterprise: &Versioned<Counterpart>,
    officials: Vec<OfficialId>,
    start: NaiveDate,
    breaks_rules: bool,
    rng: &mut SeededEntropy,
) -> RecordBody {
    let city = pick(rng, &dir.cities);
    let nights = 1 + rng.below(3);
    let end = start + Days::new(nights);
    let mut expenses = Vec::new();
    for (i, official) in officials.iter().enumerate() {
        expenses.push(Expense {
            official_id: *official,
            category: ExpenseCategory::IntercityTransport,
            date: start,
            nights: None,
            amount: Fen(50_000 + 1000 * rng.below(100) as i64),
            payer: if breaks_rules && i == 0 {
                Payer::Enterprise
            } else {
                Payer::Unit
            },
            receipt_no: format!("T{}", rng.below(1_000_000)),
        });
        expenses.push(Expense {
            official_id: *official,
            category: ExpenseCategory::Lodging,
            date: start,
            nights: Some(nights as u32),
            amount: Fen(40_000 * nights as i64),
            payer: Payer::Unit,
            receipt_no: format!("H{}", rng.below(1_000_000)),
        });
    }
    RecordBody::Trip(Trip {
        purpose: (*pick(rng, TRIP_PURPOSES)).to_owned(),
        destination_city_id: Some(city.id.uuid()),
        destination: city.value.name.clone(),
        start_date: start,
        end_date: end,
        participant_ids: officials,
        counterpart_ids: vec![enterprise.id],
        expenses,
    })
}

/// The directory names a record is found by, as the record commands index them.
fn names_of(dir: &Directory, department: DepartmentId, body: &RecordBody) -> String {
    let mut names = Vec::new();
    if let Some(d) = dir.departments.iter().find(|d| d.id == department) {
        names.push(d.value.name.as_str());
    }
    for id in body.official_ids() {
        if let Some(o) = dir.officials.iter().find(|o| o.id == id) {
            names.push(o.value.name.as_str());
        }
    }
    for id in body.counterpart_ids() {
        if let Some(c) = dir.counterparts.iter().find(|c| c.id == id) {
            names.push(c.value.name.as_str());
        }
    }
    names.join(" ")
}
