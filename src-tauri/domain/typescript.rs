//! Writing the generated TypeScript constants the bindings hold (text lengths, the
//! permission matrix, the core's words, the bureau's clock): one header, an enum's tag
//! as the bindings spell it, string literals and nested objects, written one way.

use std::fmt::Write as _;

/// The first lines of a generated file: where it comes from, and not to edit it.
pub fn header(source: &str) -> String {
    format!(
        "// Generated from {source} by `make bindings`.\n\
         // Do not edit: `make test` fails when this file is stale.\n\n"
    )
}

/// An enum's tag as serde, and so the bindings, spell it (`manageProfiles`).
pub fn tag(value: impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A string as a TypeScript literal, quoted and escaped.
pub fn literal(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// `name: { key: value, … },` at `indent` spaces, one entry a line; values are written
/// as given (a literal, a number).
pub fn object(
    out: &mut String,
    indent: usize,
    name: &str,
    entries: impl IntoIterator<Item = (String, String)>,
) {
    let pad = " ".repeat(indent);
    let _ = writeln!(out, "{pad}{name}: {{");
    for (key, value) in entries {
        let _ = writeln!(out, "{pad}  {key}: {value},");
    }
    let _ = writeln!(out, "{pad}}},");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_nest_by_indent_and_literals_are_escaped() {
        let mut out = String::new();
        object(&mut out, 2, "a", [("b".into(), literal("say \"hi\""))]);
        assert_eq!(out, "  a: {\n    b: \"say \\\"hi\\\"\",\n  },\n");
        assert_eq!(tag(crate::domain::workflow::Transition::Submit), "submit");
    }
}
