//! What is wrong with a value, as data: a field's path and the problem there. A leaf
//! of the core: the domain, the rules and every service report invalid input with
//! these types, and only the boundary (`crate::error`) words them for a person.

use serde::Serialize;
use ts_rs::TS;

use super::money::Fen;

/// One step of a path to a field: an object key or a list index, as in
/// `["expenses", 2, "amount"]`, which the UI hands to antd's `form.setFields`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(untagged)]
pub enum PathSegment {
    Key(String),
    Index(u32),
}

impl From<&str> for PathSegment {
    fn from(key: &str) -> Self {
        PathSegment::Key(key.to_owned())
    }
}

impl From<u32> for PathSegment {
    fn from(index: u32) -> Self {
        PathSegment::Index(index)
    }
}

/// The kind of value a field wants, for a person: not the Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ValueKind {
    WholeNumber,
    Number,
    Text,
    TrueOrFalse,
    List,
    Group,
    Date,
    Id,
}

/// What is wrong with a field. Data only: the boundary words it (`error::words`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    NotOneOf {
        allowed: Vec<String>,
    },
    /// The value does not have the field's type or format; `detail` is serde's words.
    Malformed {
        detail: String,
    },
    /// A value of the wrong kind (text where a whole number goes, …).
    WrongKind {
        expected: ValueKind,
    },
    /// Not one of the values the field allows.
    NotAllowedValue,
    /// A field this request does not take.
    UnknownField,
    /// A value that cannot be read at all.
    Unreadable,
    TooLong {
        max: usize,
    },
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// A date earlier than the one it must follow (`after` names that field).
    DateBefore {
        after: &'static str,
    },
    /// A date later than the one it must precede (`before` names that field).
    DateAfter {
        before: &'static str,
    },
    Duplicate,
    /// A value given where it has no meaning (nights of a meal line, a rank tier for a
    /// meal standard, a page number together with a cursor).
    NotApplicable,
    /// The id names nothing in the directory.
    UnknownReference,
    /// Only one of the listed participants may be named here.
    NotAParticipant,
    /// Lodging nights that run past the trip's last day.
    NightsBeyondTrip {
        max: i64,
    },
    /// The credit code is not 18 characters of the code alphabet.
    CreditCodeMalformed {
        detail: String,
    },
    /// The check character fails; the user must confirm the code is right.
    CreditCodeCheckUnconfirmed {
        expected: char,
    },
    /// Another counterpart already has this credit code.
    CreditCodeTaken,
    /// The file could not be read.
    FileUnreadable {
        detail: String,
    },
    /// A device, a pipe or a folder where a file was wanted.
    NotAFile,
    /// A file this run of the app did not write, asked to be opened.
    NotWrittenHere,
    FileTooLarge {
        max_mib: u64,
    },
    /// Not a JPEG, PNG or PDF by its content.
    FileTypeUnsupported,
    /// An amount below the least allowed (0 or ¥0.01).
    AmountTooSmall {
        min: Fen,
    },
    AmountTooLarge {
        max: Fen,
    },
    /// A passphrase shorter than the least allowed.
    PassphraseTooShort {
        min: usize,
    },
    /// A month declared empty that has records.
    MonthHasRecords {
        count: u32,
    },
    /// A date more than `days` after today (the latest accepted is `latest`).
    DateTooFarAhead {
        days: u64,
        latest: chrono::NaiveDate,
    },
    /// A month still to come cannot be declared empty.
    MonthNotBegun,
    /// A month declared empty before its last working day needs the declarer's
    /// confirmation (more may still happen in it).
    BeforeLastWorkingDay {
        day: chrono::NaiveDate,
    },
    /// This official already has a profile.
    ProfileExists,
    /// The first profile of a database must be able to administer it.
    FirstProfileAdministers,
    /// A return needs a comment saying what to fix.
    CommentRequired,
    /// The file could not be written there.
    FileUnwritable {
        detail: String,
    },
    /// A .p12 that this password does not open (or that is not a PKCS#12 file).
    P12Unopened,
    /// A .p12 without a private key and its certificate.
    P12NoKey,
    /// The file is not a PDF the app can read.
    NotAPdf,
    /// A filter selects more rows than one export takes.
    TooManyRows {
        rows: u64,
        max: u64,
    },
    /// A backup to restore is not a database of this app.
    BackupNotADatabase,
    /// A backup fails SQLite's integrity check.
    BackupDamaged {
        detail: String,
    },
    /// A backup written by a newer version of the app.
    BackupTooNew {
        found: u32,
        supported: u32,
    },
    /// A backup whose data its own audit log does not vouch for.
    BackupAuditFailed {
        detail: String,
    },
    /// A register QR text this database does not know.
    RegisterUnknown,
    /// The database has no bureau root (made before it existed).
    NoBureauRoot,
    /// A department's leader in charge must be an active official of that role.
    NotALeaderInCharge,
    /// Restoring the backup would lose signed acts this database holds.
    RestoreLosesSignedActs {
        count: u32,
        last: String,
    },
    /// Rows of a spreadsheet that cannot be imported, not agreed to be skipped.
    RowsRejected {
        count: u32,
    },
    /// A workbook its reader gave up on midway.
    WorkbookDamaged,
}

/// One problem at one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flaw {
    pub field: Vec<PathSegment>,
    pub problem: Problem,
}

/// A value refused for one problem or several, in the order found (never none): a
/// form shows them all at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    flaws: Vec<Flaw>,
}

impl Invalid {
    pub fn at(field: Vec<PathSegment>, problem: Problem) -> Invalid {
        Invalid {
            flaws: vec![Flaw { field, problem }],
        }
    }

    /// Ok when nothing was found, else every flaw found.
    pub fn all(found: Vec<Flaw>) -> Result<(), Invalid> {
        if found.is_empty() {
            Ok(())
        } else {
            Err(Invalid { flaws: found })
        }
    }

    /// The same flaws with their paths moved under `segment` (a request's `value` or
    /// `body` field, for instance).
    pub fn within(mut self, segment: &str) -> Invalid {
        for flaw in &mut self.flaws {
            flaw.field.insert(0, PathSegment::Key(segment.to_owned()));
        }
        self
    }

    /// [`Invalid::within`] for several segments: `within_all(&["body", "meal"])`.
    pub fn within_all(self, segments: &[&str]) -> Invalid {
        segments
            .iter()
            .rev()
            .fold(self, |invalid, segment| invalid.within(segment))
    }

    pub fn flaws(&self) -> &[Flaw] {
        &self.flaws
    }

    pub fn into_flaws(self) -> Vec<Flaw> {
        self.flaws
    }
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let first = &self.flaws[0];
        write!(f, "field {:?}: {:?}", first.field, first.problem)?;
        if self.flaws.len() > 1 {
            write!(f, " (and {} more)", self.flaws.len() - 1)?;
        }
        Ok(())
    }
}

impl std::error::Error for Invalid {}

/// A field path, written `path!["expenses", 2, "amount"]`.
#[macro_export]
macro_rules! path {
    ($($segment:expr),* $(,)?) => {
        vec![$($crate::domain::invalid::PathSegment::from($segment)),*]
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_moves_every_flaw_under_the_segments() {
        let invalid = Invalid::all(vec![
            Flaw {
                field: crate::path!["date"],
                problem: Problem::Required,
            },
            Flaw {
                field: crate::path!["expenses", 1u32, "amount"],
                problem: Problem::Duplicate,
            },
        ])
        .unwrap_err()
        .within_all(&["body", "trip"]);
        let fields: Vec<_> = invalid.flaws().iter().map(|f| f.field.clone()).collect();
        assert_eq!(
            fields,
            vec![
                crate::path!["body", "trip", "date"],
                crate::path!["body", "trip", "expenses", 1u32, "amount"],
            ]
        );
        assert_eq!(Invalid::all(vec![]), Ok(()));
    }
}
