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

/// `export const NAME = { "zh-CN": { … }, "en": { … } } as const;` after its doc
/// comment: each language's entries (at 4 spaces) written by `entries`. Languages are
/// given as (tag, value), so the domain needs no language type of its own.
pub fn by_language<L: Copy>(
    out: &mut String,
    doc: &str,
    name: &str,
    languages: [(&str, L); 2],
    mut entries: impl FnMut(&mut String, L),
) {
    let _ = writeln!(out, "/** {doc} */\nexport const {name} = {{");
    for (tag, language) in languages {
        let _ = writeln!(out, "  {}: {{", literal(tag));
        entries(out, language);
        out.push_str("  },\n");
    }
    out.push_str("} as const;\n");
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

    #[test]
    fn a_constant_by_language_holds_each_language_s_entries_in_order() {
        let mut out = String::new();
        by_language(
            &mut out,
            "Hi.",
            "HI",
            [("zh-CN", "你好"), ("en", "hi")],
            |out, word| {
                object(out, 4, "greeting", [("plain".into(), literal(word))]);
            },
        );
        assert_eq!(
            out,
            "/** Hi. */\nexport const HI = {\n  \"zh-CN\": {\n    greeting: {\n      plain: \"你好\",\n    },\n  },\n  \"en\": {\n    greeting: {\n      plain: \"hi\",\n    },\n  },\n} as const;\n"
        );
    }
}
