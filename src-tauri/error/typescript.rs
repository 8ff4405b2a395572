//! The core's words for what the UI's test fakes refuse, as TypeScript
//! (`ui/src/api/bindings/coreWords.ts`, written by `make bindings`): the fakes say what
//! the core says, in Chinese (the default language), instead of keeping copies that
//! drift. A message with a value in it is a template: `{id}` where the value goes, to
//! be filled with the UI's `fmt`.

use chrono::NaiveDate;

use super::{AppError, Problem};
use crate::domain::access::Action;
use crate::domain::money::Fen;
use crate::domain::typescript::{header, literal, object, tag};
use crate::domain::workflow::{ReviewStatus, Transition};
use crate::i18n::Lang;
use crate::signing::passphrase;
use crate::store::keyslots::KeyError;
use crate::store::StoreError;

/// Numbers and a day no real message holds, replaced by their placeholder.
const COUNT: u32 = 987_654_321;
const CHECK: char = '\u{2063}';
const HAD: i64 = 934_567_891;
const NOW: i64 = 923_456_789;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2099, 12, 31).unwrap_or_default()
}

fn template(text: String) -> String {
    text.replace(&COUNT.to_string(), "{count}")
        .replace(&HAD.to_string(), "{had}")
        .replace(&NOW.to_string(), "{now}")
        .replace(CHECK, "{expected}")
        .replace(&day().to_string(), "{day}")
}

fn problems() -> Vec<(&'static str, Problem)> {
    vec![
        ("required", Problem::Required),
        ("amountNegative", Problem::AmountTooSmall { min: Fen(0) }),
        ("unknownReference", Problem::UnknownReference),
        ("profileExists", Problem::ProfileExists),
        ("firstProfileAdministers", Problem::FirstProfileAdministers),
        ("commentRequired", Problem::CommentRequired),
        (
            "passphraseTooShort",
            Problem::PassphraseTooShort {
                min: passphrase::MIN_CHARS,
            },
        ),
        (
            "creditCodeMalformed",
            Problem::CreditCodeMalformed {
                detail: "{detail}".into(),
            },
        ),
        (
            "creditCodeCheckUnconfirmed",
            Problem::CreditCodeCheckUnconfirmed { expected: CHECK },
        ),
        ("monthHasRecords", Problem::MonthHasRecords { count: COUNT }),
        (
            "beforeLastWorkingDay",
            Problem::BeforeLastWorkingDay { day: day() },
        ),
    ]
}

fn errors() -> Vec<(&'static str, AppError)> {
    vec![
        ("signInRequired", AppError::SignInRequired),
        ("wrongPassphrase", AppError::WrongPassphrase),
        (
            "wrongRecoveryKey",
            AppError::Key(KeyError::WrongRecoveryKey),
        ),
        ("locked", AppError::Locked { id: "{id}".into() }),
        (
            "recordNotFound",
            AppError::Store(StoreError::not_found("record", "{id}")),
        ),
        (
            "recordChanged",
            AppError::Store(StoreError::VersionConflict {
                entity: "record",
                id: "{id}".into(),
                expected: HAD,
                found: NOW,
            }),
        ),
        (
            "submittedNotEditable",
            AppError::IllegalTransition {
                transition: Transition::Edit,
                from: ReviewStatus::Submitted,
            },
        ),
    ]
}

pub fn typescript() -> String {
    let lang = Lang::ZhCn;
    let mut out = header("src-tauri/error/words.rs");
    out.push_str(
        "import type { Action } from \"./Action\";\n\
         import type { ReviewStatus } from \"./ReviewStatus\";\n\
         import type { Transition } from \"./Transition\";\n\n\
         /** What the core says is wrong with a field (the problem beside it). */\n\
         export const CORE_PROBLEMS = {\n",
    );
    for (name, problem) in problems() {
        out.push_str(&format!(
            "  {name}: {},\n",
            literal(&template(problem.message(lang)))
        ));
    }
    out.push_str("} as const;\n\n/** What the core says when it refuses a request. */\n");
    out.push_str("export const CORE_ERRORS = {\n");
    for (name, error) in errors() {
        out.push_str(&format!(
            "  {name}: {},\n",
            literal(&template(error.message(lang)))
        ));
    }
    out.push_str("} as const;\n\n");
    out.push_str("/** What the core says of a review step a record's status does not allow. */\n");
    out.push_str(
        "export const CORE_ILLEGAL: Readonly<Record<ReviewStatus, Readonly<Record<Transition, string>>>> = {\n",
    );
    for from in ReviewStatus::ALL {
        let steps = Transition::ALL.map(|transition| {
            let refused = AppError::IllegalTransition { transition, from };
            (tag(transition), literal(&refused.message(lang)))
        });
        object(&mut out, 2, &tag(from), steps);
    }
    out.push_str("};\n\n/** What the core says when a role may not do something. */\n");
    out.push_str("export const CORE_FORBIDDEN: Readonly<Record<Action, string>> = {\n");
    for action in Action::ALL {
        out.push_str(&format!(
            "  {}: {},\n",
            tag(action),
            literal(&AppError::Forbidden { action }.message(lang))
        ));
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_hold_their_placeholders_and_no_sentinel() {
        let ts = typescript();
        for placeholder in [
            "{count}",
            "{expected}",
            "{day}",
            "{id}",
            "{detail}",
            "{had}",
            "{now}",
        ] {
            assert!(ts.contains(placeholder), "{placeholder} missing:\n{ts}");
        }
        for sentinel in [COUNT.to_string(), HAD.to_string(), NOW.to_string()] {
            assert!(!ts.contains(&sentinel), "{sentinel} left in:\n{ts}");
        }
        assert!(!ts.contains(CHECK));
        assert!(ts.contains("  required: \"此项必填\","), "{ts}");
    }
}
