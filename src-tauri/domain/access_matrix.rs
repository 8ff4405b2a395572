//! The permission matrix as TypeScript (`ui/src/api/bindings/permissions.ts`, written
//! by `make bindings`), so the UI's test fakes answer as the core does and a change
//! here that the fakes did not follow fails the type check and the tests instead of
//! passing silently. The window itself asks the core (`session_get`'s `may`).

use super::access::{permits, Action, Scope};
use super::directory::OfficialRole;
use super::typescript::{header, tag};

pub fn typescript() -> String {
    let mut out = header("src-tauri/domain/access.rs");
    out.push_str(
        "import type { Action } from \"./Action\";\n\n\
         /** Whose thing an action touches, seen from the actor (as the core reckons it). */\n\
         export type Scope =",
    );
    let scopes: Vec<String> = Scope::ALL
        .iter()
        .map(|s| format!("\"{}\"", s.tag()))
        .collect();
    out.push_str(&format!(" {};\n\n", scopes.join(" | ")));
    out.push_str("/** Every action someone could be refused, in the core's order. */\n");
    out.push_str("export const ACTIONS: readonly Action[] = [\n");
    for action in Action::ALL {
        out.push_str(&format!("  \"{}\",\n", tag(action)));
    }
    out.push_str("];\n\n");
    out.push_str(
        "/**\n * Every `role/administrator/action/scope` the core permits (`administrator` is\n * whether the profile also administers).\n */\n",
    );
    out.push_str("export const PERMITTED: ReadonlySet<string> = new Set([\n");
    for role in OfficialRole::ALL {
        for administrator in [false, true] {
            for action in Action::ALL {
                for scope in Scope::ALL {
                    if permits(role, administrator, action, scope) {
                        out.push_str(&format!(
                            "  \"{}/{administrator}/{}/{}\",\n",
                            tag(role),
                            tag(action),
                            scope.tag()
                        ));
                    }
                }
            }
        }
    }
    out.push_str("]);\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_matrix_lists_what_the_core_permits_and_nothing_else() {
        let ts = super::typescript();
        assert!(
            ts.contains("  \"clerk/false/enterRecord/department\",\n"),
            "{ts}"
        );
        assert!(ts.contains("  \"departmentHead/false/signRegister/department\",\n"));
        assert!(!ts.contains("\"inspector/false/enterRecord/own\""));
        assert!(!ts.contains("\"staff/false/signRegister/"));
    }
}
