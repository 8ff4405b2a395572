//! No import circle in the core: the files of `src-tauri/` depend on each other in
//! layers (ARCHITECTURE.md, "Layers"). A circle is how the old `error.rs` came to pull
//! the whole core into one knot; this test names any new one by its files.
//!
//! The graph is read from the source the way a reader follows it: every `use` (braces
//! expanded), every `crate::…`, `super::…` and `self::…` path, and every path through a
//! module the file declares (`mod gifts;` … `gifts::evaluate(…)`). A module's root is a
//! file like any other: children that lean on their parent while the parent calls them
//! are a circle too, so shared vocabulary lives in a leaf beside them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source tree: each file's path under the crate root (`store/audit.rs`) and text.
type Tree = BTreeMap<String, String>;

#[test]
fn the_core_has_no_import_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri");
    let tree = read_tree(&root);
    assert!(tree.len() > 100, "read {} files under {root:?}", tree.len());
    let circles = circles(&tree);
    assert!(
        circles.is_empty(),
        "import circles among these files (each line one circle):\n{}",
        circles
            .iter()
            .map(|c| c.join(" ↔ "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The detector itself finds each way a circle is made (else the test above could
/// not fail).
#[test]
fn the_detector_finds_a_circle_made_each_way() {
    let tree = |files: &[(&str, &str)]| -> Tree {
        files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect()
    };
    // Siblings through braces and `self`.
    let siblings = tree(&[
        ("lib.rs", "mod store;"),
        ("store/mod.rs", "mod audit;\nmod checkpoints;"),
        (
            "store/audit.rs",
            "use super::{checkpoints::{self, Checkpoint}, error};",
        ),
        ("store/checkpoints.rs", "use super::audit::ChainHead;"),
    ]);
    assert_eq!(
        circles(&siblings),
        vec![vec!["store/audit.rs", "store/checkpoints.rs"]]
    );
    // A parent calling a child without `use`, the child leaning on its parent.
    let parent = tree(&[
        ("lib.rs", "mod rules;"),
        (
            "rules/mod.rs",
            "mod gifts;\npub struct Text;\nfn all() { gifts::evaluate(); }",
        ),
        ("rules/gifts.rs", "use super::Text;\npub fn evaluate() {}"),
    ]);
    assert_eq!(
        circles(&parent),
        vec![vec!["rules/gifts.rs", "rules/mod.rs"]]
    );
    // Across the crate by inline paths; tests and comments do not count.
    let across = tree(&[
        ("lib.rs", "mod domain;\nmod error;"),
        ("domain.rs", "fn f(problem: crate::error::AppError) {}"),
        ("error.rs", "fn g(d: crate::domain::Thing) {}"),
    ]);
    assert_eq!(circles(&across), vec![vec!["domain.rs", "error.rs"]]);
    let quiet = tree(&[
        ("lib.rs", "mod domain;\nmod error;"),
        ("domain.rs", "// see crate::error::AppError\nfn f() {}"),
        (
            "error.rs",
            "use crate::domain;\n#[cfg(test)]\nmod tests {\n    use crate::error;\n}",
        ),
    ]);
    assert!(circles(&quiet).is_empty());
}

fn read_tree(root: &Path) -> Tree {
    let mut tree = Tree::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path: PathBuf = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                // Separate crates: the binary's and the build script's.
                if name != "main.rs" && name != "build.rs" {
                    tree.insert(name, std::fs::read_to_string(&path).unwrap());
                }
            }
        }
    }
    tree
}

/// Every circle (a strongly connected set of two or more files), each sorted.
fn circles(tree: &Tree) -> Vec<Vec<String>> {
    let edges: BTreeMap<&str, BTreeSet<String>> = tree
        .iter()
        .map(|(file, text)| (file.as_str(), depends_on(tree, file, text)))
        .collect();
    strongly_connected(&edges)
}

/// The module path a file holds (`store/mod.rs` → `store`).
fn module_of(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_owned)
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The file holding the longest prefix of `path` that is a module.
fn file_of(tree: &Tree, path: &[String]) -> Option<String> {
    (1..=path.len()).rev().find_map(|n| {
        let prefix = path[..n].join("/");
        [format!("{prefix}.rs"), format!("{prefix}/mod.rs")]
            .into_iter()
            .find(|f| tree.contains_key(f))
    })
}

fn depends_on(tree: &Tree, file: &str, text: &str) -> BTreeSet<String> {
    let code = without_tests_and_comments(text);
    let me = module_of(file);
    let children = declared_modules(&code);
    let mut paths: Vec<String> = use_paths(&code);
    paths.extend(inline_paths(&code));
    let mut out = BTreeSet::new();
    for path in paths {
        let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let Some((&head, tail)) = segments.split_first() else {
            continue;
        };
        let mut base: Vec<String> = match head {
            "crate" => Vec::new(),
            "self" => me.clone(),
            "super" => me[..me.len().saturating_sub(1)].to_vec(),
            child if children.iter().any(|c| c == child) => {
                let mut base = me.clone();
                base.push(child.to_owned());
                base
            }
            _ => continue,
        };
        let mut tail = tail.iter().peekable();
        while head == "super" && tail.peek() == Some(&&"super") {
            base.pop();
            tail.next();
        }
        base.extend(tail.map(|s| s.to_string()));
        if let Some(target) = file_of(tree, &base) {
            if target != file {
                out.insert(target);
            }
        }
    }
    out
}

/// The text before a `#[cfg(test)] mod tests` (kept last in a file, by convention),
/// without `//` comments.
fn without_tests_and_comments(text: &str) -> String {
    let mut code = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod tests"))
        {
            break;
        }
        let line = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// The modules a file declares with `mod name;`.
fn declared_modules(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line
                .strip_prefix("pub(crate) mod ")
                .or_else(|| line.strip_prefix("pub(super) mod "))
                .or_else(|| line.strip_prefix("pub mod "))
                .or_else(|| line.strip_prefix("mod "))?;
            rest.strip_suffix(';').map(|name| name.trim().to_owned())
        })
        .collect()
}

/// Every path a `use` names, braces expanded (`a::{b, c::{self, D}}` → `a::b`, …).
fn use_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = find_word(rest, "use") {
        let after = &rest[at + 3..];
        let Some(end) = after.find(';') else { break };
        let tree: String = after[..end]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        out.extend(expand(&tree));
        rest = &after[end..];
    }
    out
}

fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.to_owned()];
    };
    // Not a path at all (the word "use" in a string): nothing.
    let Some(close) = tree.rfind('}').filter(|&close| close > open) else {
        return Vec::new();
    };
    let (prefix, inner) = (&tree[..open], &tree[open + 1..close]);
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand(p).into_iter().map(move |e| format!("{prefix}{e}")))
        .collect()
}

/// Paths written inline: `crate::…`, `super::…`, `self::…` and `child::…`.
fn inline_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !(ident(bytes[i - 1]) || bytes[i - 1] == b':');
        if starts_word && ident(bytes[i]) {
            let mut j = i;
            while j < bytes.len() && (ident(bytes[j]) || bytes[j..].starts_with(b"::")) {
                j += if bytes[j] == b':' { 2 } else { 1 };
            }
            let path = code[i..j].trim_end_matches(':');
            if path.contains("::") {
                out.push(path.to_owned());
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Where `word` stands alone in `text` (not inside another identifier).
fn find_word(text: &str, word: &str) -> Option<usize> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).map(|(at, _)| at).find(|&at| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(ident) && after.is_some_and(char::is_whitespace)
    })
}

/// Tarjan's strongly connected components, the ones with more than one file.
fn strongly_connected(edges: &BTreeMap<&str, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<&'a str, BTreeSet<String>>,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        on_stack: BTreeSet<String>,
        found: Vec<Vec<String>>,
    }
    impl Walk<'_> {
        fn visit(&mut self, v: &str) {
            let n = self.index.len();
            self.index.insert(v.to_owned(), n);
            self.low.insert(v.to_owned(), n);
            self.stack.push(v.to_owned());
            self.on_stack.insert(v.to_owned());
            for w in self.edges.get(v).into_iter().flatten() {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v.to_owned(), low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v.to_owned(), low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut component = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(&w);
                    let done = w == v;
                    component.push(w);
                    if done {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !walk.index.contains_key(*v) {
            walk.visit(v);
        }
    }
    walk.found.sort();
    walk.found
}
