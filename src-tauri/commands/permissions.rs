//! `docs/permissions.md`: who may do what, generated from the matrix
//! (`domain::access::permits`) and the command list, so the document cannot drift from
//! what the core enforces (`make docs` rewrites it; a test fails when it is stale).

use std::fmt::Write as _;

use super::command::Access;
use super::list::COMMANDS;
use crate::domain::access::{permits, Action, Scope};
use crate::domain::directory::OfficialRole;
use crate::signing::ca::role_title;

const ROLES: [OfficialRole; 6] = OfficialRole::ALL;

/// Where `role` (with or without the administrator flag) may take `action`.
fn cell(role: OfficialRole, administrator: bool, action: Action) -> String {
    if permits(role, administrator, action, Scope::Unscoped) {
        return "✓".into();
    }
    let scopes: Vec<&str> = [
        (Scope::Own, "own"),
        (Scope::Department, "dept"),
        (Scope::OwnElsewhere, "own elsewhere"),
        (Scope::Other, "other"),
    ]
    .into_iter()
    .filter(|(scope, _)| permits(role, administrator, action, *scope))
    .map(|(_, word)| word)
    .collect();
    if scopes.is_empty() {
        "—".into()
    } else {
        scopes.join(", ")
    }
}

pub fn markdown() -> String {
    let mut out = String::from(
        "# Permissions\n\n\
         Generated from `src-tauri/domain/access.rs` and the command list by `make docs`;\n\
         a test fails when this file is stale. The core enforces it; the UI only hides\n\
         what the core would refuse.\n\n\
         ## Actions by role\n\n\
         `✓` anywhere; otherwise the records or months it applies to: `own` (a record of\n\
         the person's department they take part in, their own month), `dept` (another's in\n\
         their department), `own elsewhere` (one they take part in that belongs to another\n\
         department), `other` (another department's). \"+ admin\" is a profile given the\n\
         administrator flag.\n\n",
    );
    out.push_str("| Action |");
    for role in ROLES {
        let _ = write!(out, " {} |", role_title(role));
    }
    out.push_str(" 科员 + admin |\n|---|");
    for _ in 0..=ROLES.len() {
        out.push_str("---|");
    }
    out.push('\n');
    for action in Action::ALL {
        let (zh, en) = action.describe();
        let _ = write!(out, "| {zh} / {en} |");
        for role in ROLES {
            let _ = write!(out, " {} |", cell(role, false, action));
        }
        let _ = writeln!(out, " {} |", cell(OfficialRole::Staff, true, action));
    }
    out.push_str(
        "\n## Commands\n\n\
         What the dispatcher checks before a command runs. `per subject`: the command\n\
         checks the person against the records, months or people it touches, in the same\n\
         transaction as the change.\n\n\
         | Command | Access |\n|---|---|\n",
    );
    for entry in COMMANDS {
        let access = match entry.access {
            Access::Open => "open (anyone, signed in or not)".to_owned(),
            Access::SignedIn => "signed in".to_owned(),
            Access::Needs(action) => format!("needs: {}", action.describe().1),
            Access::PerSubject => "per subject".to_owned(),
        };
        let _ = writeln!(out, "| `{}` | {access} |", entry.name);
    }
    out
}
