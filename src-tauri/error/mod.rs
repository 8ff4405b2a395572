//! Typed errors, and the one shape in which they cross IPC and the CLI:
//! `{ code, message, field? }` with a small code enum the UI switches on and a
//! message already localized to the caller's language.

use serde::Serialize;
use ts_rs::TS;

pub mod code;
pub mod typescript;
mod words;

pub use crate::domain::invalid::{Flaw, Invalid, PathSegment, Problem, ValueKind};
use crate::i18n::Lang;
use crate::store::error::StoreError;
pub use code::ErrorCode;

/// A validation error at `field`: [`Invalid::at`] for code that reports [`AppError`].
pub fn fail(field: Vec<PathSegment>, problem: Problem) -> AppError {
    AppError::Validation { field, problem }
}

/// A subsystem's refusal of the input a request field named (the file at `path`),
/// worded by the subsystem that refused it.
#[derive(Debug)]
pub enum FieldFault {
    /// An exchange bundle refused whole.
    Bundle(crate::bundle::fault::BundleFault),
    /// A workbook beyond the bounds a register needs (a zip bomb, cells a million
    /// rows apart), refused before it is read.
    Workbook(crate::sheets::archive::Oversize),
    /// A key the app cannot use.
    Key(crate::signing::keys::Unusable),
}

/// An error as the UI and the CLI receive it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<Vec<PathSegment>>,
    /// For a field's error, what is wrong without naming the field: what a form shows
    /// beside the field ("金额不能为负数").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problem: Option<String>,
    /// The other fields' problems when a request has several (the first is `field`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub also: Option<Vec<FieldProblem>>,
}

/// One more field's problem of a request refused for several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldProblem {
    pub field: Vec<PathSegment>,
    /// The whole message, naming the field.
    pub message: String,
    /// What a form shows beside the field.
    pub problem: String,
}

/// Every failure the core reports. Messages are produced per language by
/// [`AppError::message`]; the `Display` text is for logs only.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("unknown command `{name}`")]
    UnknownCommand { name: String },
    #[error("request for `{command}` is malformed: {detail}")]
    BadRequest { command: String, detail: String },
    /// A request whose whole shape is wrong (not an object, …), in words.
    #[error("the request for {command} is unreadable: {problem:?}")]
    RequestUnreadable { command: String, problem: Problem },
    #[error("field {field:?}: {problem:?}")]
    Validation {
        field: Vec<PathSegment>,
        problem: Problem,
    },
    /// A subsystem refused what `field` named; shown like a validation problem.
    #[error("field {field:?}: {fault:?}")]
    Refused {
        field: Vec<PathSegment>,
        fault: FieldFault,
    },
    /// Several validation problems of one request, in the order found (each a
    /// `Validation`): a form shows them all at once.
    #[error("{} problems, the first: {}", .0.len(), .0[0])]
    Several(Vec<AppError>),
    #[error("the platform has no app-data directory; pass --db")]
    NoDataDirectory,
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The database's key could not be had (locked, wrong passphrase or recovery key,
    /// key file missing or damaged).
    #[error(transparent)]
    Key(#[from] crate::store::keyslots::KeyError),
    /// The record was cancelled; it stays as it was.
    #[error("record {id} is cancelled")]
    Cancelled { id: String },
    /// Only a cancelled record can be restored.
    #[error("record {id} is not cancelled")]
    NotCancelled { id: String },
    /// The audit log and the data disagree: history was edited outside the app.
    #[error("integrity check failed: {first}")]
    IntegrityViolated { first: String },
    /// The database has profiles and nobody (active) is signed in.
    #[error("sign-in required")]
    SignInRequired,
    #[error("forbidden: {action:?}")]
    Forbidden {
        action: crate::domain::access::Action,
    },
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// A review transition the record's status does not allow.
    #[error("cannot {transition:?} a {from:?} record")]
    IllegalTransition {
        transition: crate::domain::workflow::Transition,
        from: crate::domain::workflow::ReviewStatus,
    },
    /// A record in a signed register changes only as an amendment with a reason.
    #[error("record {id} is locked by a signed register")]
    Locked { id: String },
    /// Records of the register are not approved yet.
    #[error("{count} records of the register are not approved")]
    RegisterBlocked { count: u32 },
    /// The department's register for the month is signed already.
    #[error("the register of {month} is already issued")]
    RegisterIssued { month: String },
    #[error("the register is already countersigned")]
    RegisterCountersigned,
    /// Issuing a certificate needs the bureau's root key, which only an administrator
    /// who holds it opens (by signing in).
    #[error("the bureau's root key is not open")]
    RootLocked,
    /// The signer's certificate was not issued by the bureau's root (a key brought in
    /// before the root existed, or from elsewhere): what it signs would not verify.
    #[error("the signer's certificate is not from the bureau's root")]
    CertificateNotFromRoot,
    /// A directory bundle is signed by an administrator (by role, as their certificate
    /// from the bureau's root says): spokes refuse any other signer.
    #[error("a directory bundle needs an administrator's certificate")]
    DirectoryNeedsAdministrator,
    /// A bug: something the core should never do. Reported, never panicked.
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<Invalid> for AppError {
    fn from(invalid: Invalid) -> AppError {
        let mut each: Vec<AppError> = invalid
            .into_flaws()
            .into_iter()
            .map(|Flaw { field, problem }| AppError::Validation { field, problem })
            .collect();
        match each.len() {
            1 => each.remove(0),
            _ => AppError::Several(each),
        }
    }
}

impl AppError {
    pub fn validation(field: impl IntoIterator<Item = PathSegment>, problem: Problem) -> Self {
        AppError::Validation {
            field: field.into_iter().collect(),
            problem,
        }
    }

    /// The same error with a validation path moved under `segment` (a request's
    /// `value` or `body` field, for instance).
    pub fn within(self, segment: &str) -> AppError {
        match self {
            AppError::Validation { mut field, problem } => {
                field.insert(0, PathSegment::Key(segment.to_owned()));
                AppError::Validation { field, problem }
            }
            AppError::Refused { mut field, fault } => {
                field.insert(0, PathSegment::Key(segment.to_owned()));
                AppError::Refused { field, fault }
            }
            AppError::Several(all) => {
                AppError::Several(all.into_iter().map(|e| e.within(segment)).collect())
            }
            other => other,
        }
    }

    /// One error for the problems found: none is no error, one is itself.
    pub fn all(mut found: Vec<AppError>) -> Result<(), AppError> {
        match found.len() {
            0 => Ok(()),
            1 => Err(found.remove(0)),
            _ => Err(AppError::Several(found)),
        }
    }

    /// The problems this error stands for (itself, unless it is several).
    pub fn into_each(self) -> Vec<AppError> {
        match self {
            AppError::Several(all) => all,
            other => vec![other],
        }
    }

    /// [`AppError::within`] for several segments: `within_all(&["body", "meal"])`.
    pub fn within_all(self, segments: &[&str]) -> AppError {
        segments
            .iter()
            .rev()
            .fold(self, |err, segment| err.within(segment))
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::UnknownCommand { .. } => ErrorCode::UnknownCommand,
            AppError::BadRequest { .. } | AppError::RequestUnreadable { .. } => {
                ErrorCode::BadRequest
            }
            AppError::Validation { .. } | AppError::Refused { .. } | AppError::Several(_) => {
                ErrorCode::Validation
            }
            AppError::NoDataDirectory => ErrorCode::Io,
            AppError::Store(err) => err.code(),
            AppError::Key(err) => {
                use crate::store::keyslots::KeyError as K;
                match err {
                    K::WrongPassphrase | K::WrongRecoveryKey | K::Locked | K::NoSlot(_) => {
                        ErrorCode::Unauthenticated
                    }
                    K::Io { .. } => ErrorCode::Io,
                    _ => ErrorCode::Storage,
                }
            }
            AppError::Cancelled { .. } => ErrorCode::Locked,
            AppError::NotCancelled { .. } => ErrorCode::Workflow,
            AppError::IntegrityViolated { .. } => ErrorCode::Integrity,
            AppError::SignInRequired | AppError::WrongPassphrase => ErrorCode::Unauthenticated,
            AppError::Forbidden { .. } => ErrorCode::Forbidden,
            AppError::IllegalTransition { .. } => ErrorCode::Workflow,
            AppError::Locked { .. } => ErrorCode::Locked,
            AppError::RegisterBlocked { .. }
            | AppError::RegisterIssued { .. }
            | AppError::RegisterCountersigned
            | AppError::CertificateNotFromRoot => ErrorCode::Workflow,
            AppError::RootLocked | AppError::DirectoryNeedsAdministrator => ErrorCode::Forbidden,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    pub fn field(&self) -> Option<Vec<PathSegment>> {
        match self {
            AppError::Validation { field, .. } | AppError::Refused { field, .. } => {
                Some(field.clone())
            }
            AppError::Several(all) => all[0].field(),
            _ => None,
        }
    }

    pub fn to_payload(&self, lang: Lang) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.message(lang),
            field: self.field(),
            problem: match self {
                AppError::Several(all) => all[0].problem_words(lang),
                _ => self.problem_words(lang),
            },
            also: match self {
                AppError::Several(all) => Some(
                    all[1..]
                        .iter()
                        .filter_map(|e| {
                            Some(FieldProblem {
                                field: e.field()?,
                                message: e.message(lang),
                                problem: e.problem_words(lang)?,
                            })
                        })
                        .collect(),
                ),
                _ => None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Fen;

    #[test]
    fn payload_has_code_message_and_field_path() {
        let err = AppError::validation(
            ["expenses".into(), 2u32.into(), "amount".into()],
            Problem::Required,
        );
        let json = serde_json::to_value(err.to_payload(Lang::En)).unwrap();
        assert_eq!(json["code"], "validation");
        assert_eq!(json["field"], serde_json::json!(["expenses", 2, "amount"]));
        assert_eq!(json["message"], "amount of expense 3 is required");
    }

    #[test]
    fn a_field_error_carries_its_problem_without_the_path_and_money_in_yuan() {
        let negative = AppError::validation(
            ["body".into(), "meal".into(), "amountPaid".into()],
            Problem::AmountTooSmall { min: Fen(0) },
        );
        let payload = negative.to_payload(Lang::ZhCn);
        assert_eq!(payload.problem.as_deref(), Some("金额不能为负数"));
        assert!(
            payload.message.starts_with("支付金额："),
            "{}",
            payload.message
        );
        let huge = AppError::validation(
            ["amount".into()],
            Problem::AmountTooLarge { max: Fen(123_456) },
        );
        assert_eq!(
            huge.to_payload(Lang::En).problem.as_deref(),
            Some("must be at most ¥1,234.56: a larger figure is surely a typing slip; please check it")
        );
        let at_least =
            AppError::validation(["amount".into()], Problem::AmountTooSmall { min: Fen(1) });
        assert_eq!(
            at_least.to_payload(Lang::ZhCn).problem.as_deref(),
            Some("金额不能少于 ¥0.01")
        );
        assert_eq!(
            AppError::UnknownCommand { name: "x".into() }
                .to_payload(Lang::En)
                .problem,
            None
        );
    }

    #[test]
    fn messages_exist_in_both_languages_and_differ() {
        let err = AppError::UnknownCommand {
            name: "nope".into(),
        };
        let zh = err.message(Lang::ZhCn);
        let en = err.message(Lang::En);
        assert!(zh.contains("没有名为"), "{zh}");
        assert!(en.contains("no command"), "{en}");
        assert_ne!(zh, en);
    }

    #[test]
    fn field_is_omitted_when_absent() {
        let err = AppError::UnknownCommand { name: "x".into() };
        let json = serde_json::to_value(err.to_payload(Lang::ZhCn)).unwrap();
        assert_eq!(json["code"], "unknownCommand");
        assert!(json.get("field").is_none());
    }
}
