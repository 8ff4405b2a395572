//! The TypeScript bindings committed under `ui/src/api/bindings/` must be exactly what
//! the command list generates. `make bindings` regenerates them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const UPDATE_ENV: &str = "QINQING_UPDATE_BINDINGS";

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/api/bindings")
}

fn read_ts_files(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ts"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect()
}

#[test]
fn bindings_match_the_command_list() {
    let fresh = tempfile::tempdir().unwrap();
    qinqing::commands::bindings::export_bindings(fresh.path()).unwrap();
    let generated = read_ts_files(fresh.path());
    assert!(generated.contains_key("commands.ts"));
    assert!(generated.contains_key("ErrorPayload.ts"));
    assert!(generated.contains_key("AppInfo.ts"));

    let dir = committed_dir();
    if std::env::var_os(UPDATE_ENV).is_some() {
        fs::create_dir_all(&dir).unwrap();
        for name in read_ts_files(&dir).keys() {
            fs::remove_file(dir.join(name)).unwrap();
        }
        for (name, text) in &generated {
            fs::write(dir.join(name), text).unwrap();
        }
        return;
    }

    let committed = read_ts_files(&dir);
    let mut stale: Vec<String> = Vec::new();
    for (name, text) in &generated {
        match committed.get(name) {
            None => stale.push(format!("missing {name}")),
            Some(old) if old != text => stale.push(format!("changed {name}")),
            Some(_) => {}
        }
    }
    for name in committed
        .keys()
        .filter(|name| !generated.contains_key(*name))
    {
        stale.push(format!("no longer generated {name}"));
    }
    assert!(
        stale.is_empty(),
        "ui/src/api/bindings is stale ({}); run `make bindings` and commit the result",
        stale.join(", ")
    );
}
