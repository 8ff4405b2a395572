//! The names of the domain's enums that the core prints and the window shows — a
//! record's kind, a review's status — in both languages, written to `enumWords.ts` so
//! the window's catalogue says what the printed register and the CLI say.

use super::records::RecordKind;
use super::typescript::{header, literal, object, tag};
use super::workflow::ReviewStatus;

/// `enumWords.ts`, by language: `kind` (a record's), `reviewStatus`.
pub fn typescript() -> String {
    let mut out = header("src-tauri/domain/enum_words.rs");
    out.push_str(
        "/** The names of the enums the core prints, as the register and the CLI say them. */\n\
         export const ENUM_WORDS = {\n",
    );
    // The catalogues' language tags (`i18n::Lang`), each with its half of a name.
    for (language, chinese) in [("zh-CN", true), ("en", false)] {
        out.push_str(&format!("  \"{language}\": {{\n"));
        let said = |(zh, en): (&str, &str)| literal(if chinese { zh } else { en });
        object(
            &mut out,
            4,
            "kind",
            RecordKind::ALL
                .into_iter()
                .map(|kind| (tag(kind), said(kind.describe()))),
        );
        object(
            &mut out,
            4,
            "reviewStatus",
            ReviewStatus::ALL
                .into_iter()
                .map(|status| (tag(status), said(status.describe()))),
        );
        out.push_str("  },\n");
    }
    out.push_str("} as const;\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_status_is_named_in_both_languages() {
        let text = typescript();
        for kind in RecordKind::ALL {
            let (zh, en) = kind.describe();
            assert!(text.contains(&format!("{}: \"{zh}\"", kind.tag())), "{zh}");
            assert!(text.contains(&format!("{}: \"{en}\"", kind.tag())), "{en}");
        }
        assert!(text.contains("returned: \"已退回\""));
        assert!(text.contains("submitted: \"submitted\""));
    }
}
