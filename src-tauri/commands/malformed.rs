//! A request value the core cannot read, said in words a person understands. The
//! deserializer's own text ("invalid type: floating point `45.0`, expected i64",
//! "unknown variant `division`, expected one of …") names Rust types and internal
//! codes; what reaches a person is the kind of value the field wants, or that a
//! required field is missing, or that a field is not one this request takes.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{AppError, PathSegment, Problem, ValueKind};

/// What a deserializer's message means for the field it names: possibly a field inside
/// it (a missing or unknown field's name), and the problem.
pub(super) fn understood(message: &str) -> (Option<String>, Problem) {
    if let Some(name) = quoted_after(message, "missing field ") {
        return (Some(name), Problem::Required);
    }
    // The path already ends at an unknown field (the deserializer stopped there).
    if message.starts_with("unknown field ") {
        return (None, Problem::UnknownField);
    }
    if message.starts_with("unknown variant") {
        return (None, Problem::NotAllowedValue);
    }
    let expected = message
        .rsplit_once("expected ")
        .map(|(_, tail)| tail)
        .unwrap_or("");
    // An enum is read from a string (or a one-key object): anything else, or a
    // string that names none of its values, is not an allowed value.
    if expected.contains("variant") || expected.starts_with("string or map") {
        return (None, Problem::NotAllowedValue);
    }
    let kind = if ["i64", "i32", "u64", "u32", "u16", "u8", "integer"]
        .iter()
        .any(|t| expected.starts_with(t))
    {
        Some(ValueKind::WholeNumber)
    } else if expected.starts_with("f64") || expected.starts_with("f32") {
        Some(ValueKind::Number)
    } else if expected.starts_with("a string") || expected.starts_with("a borrowed string") {
        Some(ValueKind::Text)
    } else if expected.starts_with("a boolean") {
        Some(ValueKind::TrueOrFalse)
    } else if expected.starts_with("a sequence") {
        Some(ValueKind::List)
    } else if expected.starts_with("struct") || expected.starts_with("a map") {
        Some(ValueKind::Group)
    } else if expected.contains("UUID") || message.starts_with("UUID parsing failed") {
        Some(ValueKind::Id)
    } else if [
        "input contains invalid characters",
        "premature end of input",
        "input is out of range",
        "trailing input",
        "input is not enough for unique date",
    ]
    .iter()
    .any(|m| message.contains(m))
        || expected.contains("date")
    {
        Some(ValueKind::Date)
    } else {
        None
    };
    match kind {
        Some(kind) => (None, Problem::WrongKind { expected: kind }),
        None => (None, Problem::Unreadable),
    }
}

/// The name in backquotes after `prefix`: "missing field `name`" → `name`.
fn quoted_after(message: &str, prefix: &str) -> Option<String> {
    let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
    Some(rest.split('`').next()?.to_owned())
}

/// Deserializes a request; a wrong value inside it is a validation error on that
/// field's path, a wrong shape at the top is a bad request.
pub(crate) fn parse_request<T: DeserializeOwned>(
    command: &str,
    request: Value,
) -> Result<T, AppError> {
    serde_path_to_error::deserialize(request).map_err(|err| {
        let field: Vec<PathSegment> = err
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Map { key } => Some(PathSegment::Key(key.clone())),
                // An externally tagged enum's variant is a key in the JSON too.
                serde_path_to_error::Segment::Enum { variant } => {
                    Some(PathSegment::Key(variant.clone()))
                }
                serde_path_to_error::Segment::Seq { index } => {
                    u32::try_from(*index).ok().map(PathSegment::Index)
                }
                _ => None,
            })
            .collect();
        // In words, never the deserializer's text (see `malformed`).
        let (inner, problem) = understood(&err.inner().to_string());
        let mut field = field;
        field.extend(inner.map(PathSegment::Key));
        if field.is_empty() {
            AppError::RequestUnreadable {
                command: command.to_owned(),
                problem,
            }
        } else {
            AppError::validation(field, problem)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_text_becomes_a_problem_in_words() {
        let cases: [(&str, Option<&str>, Problem); 10] = [
            ("invalid type: integer `1`, expected string or map", None, Problem::NotAllowedValue),
            ("missing field `name`", Some("name"), Problem::Required),
            ("unknown field `nam`, expected one of `name`, `active`", None, Problem::UnknownField),
            ("unknown variant `division`, expected one of `a`, `b`", None, Problem::NotAllowedValue),
            (
                "invalid type: floating point `45.0`, expected i64",
                None,
                Problem::WrongKind { expected: ValueKind::WholeNumber },
            ),
            (
                "invalid type: integer `5`, expected a string",
                None,
                Problem::WrongKind { expected: ValueKind::Text },
            ),
            (
                "invalid type: string \"x\", expected a boolean",
                None,
                Problem::WrongKind { expected: ValueKind::TrueOrFalse },
            ),
            ("input contains invalid characters", None, Problem::WrongKind { expected: ValueKind::Date }),
            (
                "UUID parsing failed: invalid length: expected length 32 for simple format, found 3",
                None,
                Problem::WrongKind { expected: ValueKind::Id },
            ),
            ("something else entirely", None, Problem::Unreadable),
        ];
        for (message, field, problem) in cases {
            assert_eq!(
                understood(message),
                (field.map(str::to_owned), problem),
                "{message}"
            );
        }
    }
}
