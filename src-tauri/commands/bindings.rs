//! Writes the TypeScript bindings the UI compiles against: every request and response
//! type, the error payload, and `commands.ts` mapping each command name to its types.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ts_rs::TS;

use super::list::COMMANDS;
use crate::domain::typescript::header;
use crate::error::ErrorPayload;

#[derive(Debug, thiserror::Error)]
pub enum BindingsError {
    #[error("cannot export bindings: {0}")]
    Export(#[from] ts_rs::ExportError),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The file that lists the commands, beside the type files.
pub const COMMANDS_FILE: &str = "commands.ts";

/// The text fields' lengths, from `domain::limits`.
pub const LIMITS_FILE: &str = "limits.ts";

/// The permission matrix, from `domain::access`, for the UI's test fakes.
pub const PERMISSIONS_FILE: &str = "permissions.ts";

/// The core's words for what the UI's test fakes refuse, from `error::words`.
pub const CORE_WORDS_FILE: &str = "coreWords.ts";

/// The words for what verifying a register found, from `register::verify::words`.
pub const VERIFICATION_WORDS_FILE: &str = "verificationWords.ts";

/// The bureau's clock, from `domain::bureau_time`.
pub const BUREAU_TIME_FILE: &str = "bureauTime.ts";

/// What each step of a record's history was, from `records::history_words`.
pub const HISTORY_WORDS_FILE: &str = "historyWords.ts";

/// The names of a record's kinds and a review's states, from `domain::enum_words`.
pub const ENUM_WORDS_FILE: &str = "enumWords.ts";

/// Exports every binding into `dir` (created if missing).
pub fn export_bindings(dir: &Path) -> Result<(), BindingsError> {
    let cfg = ts_rs::Config::new().with_out_dir(dir);
    ErrorPayload::export_all(&cfg)?;
    for entry in COMMANDS {
        (entry.export)(&cfg)?;
    }
    let generated = [
        (COMMANDS_FILE, commands_ts()),
        (LIMITS_FILE, crate::domain::limits::typescript()),
        (PERMISSIONS_FILE, crate::domain::access_matrix::typescript()),
        (CORE_WORDS_FILE, crate::error::typescript::typescript()),
        (
            VERIFICATION_WORDS_FILE,
            crate::register::verify::words::typescript(),
        ),
        (BUREAU_TIME_FILE, crate::domain::bureau_time::typescript()),
        (
            HISTORY_WORDS_FILE,
            crate::records::history_words::typescript(),
        ),
        (ENUM_WORDS_FILE, crate::domain::enum_words::typescript()),
    ];
    for (file, text) in generated {
        write(&dir.join(file), &text)?;
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), BindingsError> {
    std::fs::write(path, text).map_err(|source| BindingsError::Io {
        path: path.to_owned(),
        source,
    })
}

fn commands_ts() -> String {
    let mut imports: Vec<String> = COMMANDS
        .iter()
        .flat_map(|entry| (entry.imports)())
        .collect();
    imports.sort();
    imports.dedup();

    let mut out = header("the command list in src-tauri/commands/mod.rs");
    for name in &imports {
        let _ = writeln!(out, "import type {{ {name} }} from \"./{name}\";");
    }
    out.push_str("\n/** Every command of the core, with its request and response types. */\n");
    out.push_str("export type Commands = {\n");
    for entry in COMMANDS {
        let _ = writeln!(
            out,
            "  /** {} */\n  {}: {{ request: {}; response: {} }};",
            entry.summary,
            entry.name,
            entry.request().name,
            entry.response().name
        );
    }
    out.push_str("};\n\nexport type CommandName = keyof Commands;\n\n");
    out.push_str("export const COMMAND_NAMES: readonly CommandName[] = [\n");
    for entry in COMMANDS {
        let _ = writeln!(out, "  \"{}\",", entry.name);
    }
    out.push_str("];\n");
    out
}
