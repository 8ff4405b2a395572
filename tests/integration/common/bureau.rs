//! A bureau with a person of every role, each with a profile: two departments, A
//! with staff, clerk, head, leader in charge, inspector and administrator, B with
//! one official. Shared by the review and register tests.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use qinqing::commands;
use qinqing::core::{Clock, Core};
use qinqing::error::AppError;
use qinqing::paths::DataLocation;
use serde_json::{json, Value};
use uuid::Uuid;

use super::call;

/// A clock the test moves forward (revocation must fall between two signatures).
#[derive(Clone)]
pub struct TestClock(Arc<Mutex<DateTime<Utc>>>);

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

impl TestClock {
    pub fn at(rfc3339: &str) -> TestClock {
        TestClock(Arc::new(Mutex::new(
            DateTime::parse_from_rfc3339(rfc3339).unwrap().into(),
        )))
    }

    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

pub const ROLES: [&str; 6] = ["staff", "clerk", "head", "leader", "inspector", "admin"];

pub struct Person {
    pub official: String,
    pub profile: Uuid,
    pub passphrase: String,
}

pub struct Bureau {
    pub _dir: tempfile::TempDir,
    pub db: PathBuf,
    pub core: Core,
    pub clock: TestClock,
    pub dept_a: String,
    pub dept_b: String,
    pub counterpart: String,
    pub people: HashMap<&'static str, Person>,
}

pub fn official(core: &Core, department: &str, name: &str, staff_no: &str, role: &str) -> String {
    call(
        core,
        "official_save",
        json!({"value": {
            "name": name, "staffNo": staff_no, "departmentId": department, "position": "科员",
            "role": role, "travelTier": "other", "enforcementPowers": false, "active": true
        }}),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The bureau every test starts from: built once per test process (making seven
/// profiles costs seconds, since passphrases and keys are deliberately slow to guess)
/// and copied as a file for each test, which opens its own copy with its own clock.
/// Copies share the ids, keys and root: a test about *another* bureau makes it with
/// [`separate_bureau`].
pub fn bureau() -> Bureau {
    struct Template {
        _dir: tempfile::TempDir,
        db: PathBuf,
        dept_a: String,
        dept_b: String,
        counterpart: String,
        people: HashMap<&'static str, Person>,
    }
    static TEMPLATE: std::sync::OnceLock<Template> = std::sync::OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        let built = separate_bureau();
        let Bureau {
            _dir,
            db,
            core,
            dept_a,
            dept_b,
            counterpart,
            people,
            ..
        } = built;
        drop(core);
        // Everything into the main file, so a copy of that file is the whole bureau.
        let conn = crate::common::raw(&db).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            assert_eq!(
                r.get::<_, i64>(0)?,
                0,
                "the template's WAL could not be folded in"
            );
            Ok(())
        })
        .unwrap();
        drop(conn);
        Template {
            _dir,
            db,
            dept_a,
            dept_b,
            counterpart,
            people,
        }
    });
    reopened(
        &template.db,
        "2026-03-15T09:30:00Z",
        [&template.dept_a, &template.dept_b, &template.counterpart],
        template.people.iter().map(|(k, p)| (*k, p)),
    )
}

/// A bureau in a copy of the database file `source`, with its own clock at `at`,
/// signed in as the administrator.
fn reopened<'a>(
    source: &Path,
    at: &str,
    [dept_a, dept_b, counterpart]: [&String; 3],
    people: impl Iterator<Item = (&'static str, &'a Person)>,
) -> Bureau {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    super::copy_database(source, &db);
    let clock = TestClock::at(at);
    let people: Vec<(&'static str, &Person)> = people.collect();
    let admin = people
        .iter()
        .find(|(k, _)| *k == "admin")
        .expect("an admin")
        .1;
    let core = Core::unlock(
        DataLocation::for_database(&db),
        Some(qinqing::i18n::Lang::En),
        Box::new(clock.clone()),
        "test:copy".into(),
        qinqing::store::vault::Credential::Profile {
            profile_id: admin.profile,
            passphrase: &admin.passphrase,
        },
    )
    .unwrap();
    let b = Bureau {
        _dir: dir,
        db,
        core,
        clock,
        dept_a: dept_a.clone(),
        dept_b: dept_b.clone(),
        counterpart: counterpart.clone(),
        people: people
            .into_iter()
            .map(|(k, p)| {
                (
                    k,
                    Person {
                        official: p.official.clone(),
                        profile: p.profile,
                        passphrase: p.passphrase.clone(),
                    },
                )
            })
            .collect(),
    };
    // As the fixture was left: the administrator signed in, holding the root key.
    b.as_("admin");
    b
}

/// Two departments: A with one person of every role, B with one official. The
/// administrator's profile is created first (open mode), then the others by them.
/// Its own keys and root: another bureau than [`bureau`]'s.
pub fn separate_bureau() -> Bureau {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.sqlite3");
    let clock = TestClock(Arc::new(Mutex::new(
        DateTime::parse_from_rfc3339("2026-03-15T09:30:00Z")
            .unwrap()
            .into(),
    )));
    let core = Core::open(
        DataLocation::for_database(&db),
        Some(qinqing::i18n::Lang::En),
        Box::new(clock.clone()),
        "test:setup".into(),
    )
    .unwrap();
    let dept = |name: &str| {
        call(
            &core,
            "department_save",
            json!({"value": {"name": name, "active": true}}),
        )["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (dept_a, dept_b) = (dept("招商服务处"), dept("市场监管处"));
    let counterpart = call(
        &core,
        "counterpart_save",
        json!({"value": {
            "name": "沈北星辰智能装备有限公司", "kind": "enterprise", "creditCode": "91210100MA0QXY312W",
            "creditCodeConfirmed": false, "creditStatus": "normal", "canteenRate": 1500,
            "address": "", "contact": "", "active": true
        }}),
    )["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let roles = [
        ("admin", "administrator", "管理员", "A-01"),
        ("staff", "staff", "李明", "A-02"),
        ("clerk", "clerk", "王静", "A-03"),
        ("head", "departmentHead", "赵处长", "A-04"),
        ("leader", "leaderInCharge", "钱局长", "A-05"),
        ("inspector", "inspector", "孙纪检", "A-06"),
    ];
    let mut people = HashMap::new();
    for (key, role, name, staff_no) in roles {
        let official = official(&core, &dept_a, name, staff_no, role);
        let passphrase = format!("passphrase-of-{key}");
        let profile = call(
            &core,
            "profile_create",
            json!({"officialId": official, "administrator": key == "admin", "passphrase": passphrase}),
        );
        people.insert(
            key,
            Person {
                official,
                profile: profile["id"].as_str().unwrap().parse().unwrap(),
                passphrase,
            },
        );
    }
    // B's official is added by the administrator, now signed in.
    let other = official(&core, &dept_b, "周其他", "B-01", "staff");
    let profile = call(
        &core,
        "profile_create",
        json!({"officialId": other, "administrator": false, "passphrase": "passphrase-of-other"}),
    );
    people.insert(
        "other",
        Person {
            official: other,
            profile: profile["id"].as_str().unwrap().parse().unwrap(),
            passphrase: "passphrase-of-other".into(),
        },
    );
    Bureau {
        _dir: dir,
        db,
        core,
        clock,
        dept_a,
        dept_b,
        counterpart,
        people,
    }
}

impl Bureau {
    /// This bureau as it is now, in a file of its own (same people, keys and clock
    /// time), signed in as the administrator.
    pub fn copy(&self) -> Bureau {
        self.core
            .store()
            .reader()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        reopened(
            &self.db,
            &self.core.stamp().at.to_rfc3339(),
            [&self.dept_a, &self.dept_b, &self.counterpart],
            self.people.iter().map(|(k, p)| (*k, p)),
        )
    }

    pub fn person(&self, key: &str) -> &Person {
        &self.people[key]
    }

    /// Acts as `key` (the passphrase check of signing in is tested on its own). The
    /// administrator signs in with the passphrase, as in the window: that opens the
    /// bureau's root key they hold, which issuing certificates needs.
    pub fn as_(&self, key: &str) {
        let person = self.person(key);
        if key == "admin" && self.core.session() != Some(person.profile) {
            qinqing::commands::session::sign_in(&self.core, person.profile, &person.passphrase)
                .unwrap();
        } else {
            self.core.set_session(Some(person.profile));
        }
    }

    pub fn try_call(&self, command: &str, request: Value) -> Result<Value, AppError> {
        commands::dispatch(&self.core, command, request)
    }

    pub fn department_of(&self, key: &str) -> &str {
        if key == "other" {
            &self.dept_b
        } else {
            &self.dept_a
        }
    }

    pub fn meal(&self, owner: &str, date: &str) -> Value {
        json!({"departmentId": self.department_of(owner), "body": {"meal": {
            "date": date, "mode": "canteenMeal", "counterpartId": self.counterpart,
            "place": "企业职工食堂", "officialIds": [self.person(owner).official],
            "enterpriseDiners": 1, "perPersonStandard": 1500, "amountPaid": 1500,
            "receiptNo": "SC-1", "cigarettes": false, "premiumLiquor": false, "otherAlcohol": false
        }}})
    }

    /// Who sets up a subject for `owner`: the clerk in department A (for anyone
    /// there), the official himself in B.
    pub fn setter(owner: &str) -> &'static str {
        if owner == "other" {
            "other"
        } else {
            "clerk"
        }
    }

    /// A draft meal of `owner`, as `{id, version}`.
    pub fn draft(&self, owner: &str) -> Value {
        self.as_(Self::setter(owner));
        let record = call(&self.core, "record_create", self.meal(owner, "2026-03-02"));
        json!({"id": record["id"], "version": record["version"]})
    }

    pub fn review(
        &self,
        who: &str,
        action: &str,
        item: &Value,
        comment: &str,
    ) -> Result<Value, AppError> {
        self.as_(who);
        self.try_call(
            "record_review",
            json!({"action": action, "items": [item], "comment": comment,
                   "passphrase": self.person(who).passphrase}),
        )
    }

    /// A submitted meal of `owner`.
    pub fn submitted(&self, owner: &str) -> Value {
        let item = self.draft(owner);
        self.review(Self::setter(owner), "submit", &item, "")
            .unwrap();
        item
    }

    /// Locks an approved record as a signed register does when it is signed.
    pub fn lock(&self, id: Uuid, register: &str) {
        let mut store = self.core.store();
        let stamp = self.core.stamp();
        store
            .write(|tx| qinqing::store::review::lock(tx, &stamp, &[id.into()], register))
            .unwrap();
    }

    pub fn status(&self, id: &Value) -> String {
        call(&self.core, "review_get", json!({"id": id}))["status"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}
