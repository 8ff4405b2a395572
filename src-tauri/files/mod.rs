//! Files the app writes (registers, bundles, exports, backups): written to a temporary
//! file beside the target, flushed to disk, then renamed over it, so a crash never
//! leaves half a file under the real name. The files a person chooses for the app to
//! read are read here too, bounded.

pub mod chosen;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Every file this process wrote under its real name: the only files the window may
/// hand to the system's viewer (`open_path`), so a request cannot make it open any
/// path or URL it names.
static WRITTEN: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

fn remember(path: &Path) {
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    WRITTEN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(path);
}

/// Whether this process wrote `path` (the same file, however it is named).
pub fn written_this_run(path: &Path) -> bool {
    let Ok(path) = std::fs::canonicalize(path) else {
        return false;
    };
    WRITTEN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .contains(&path)
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    stage(path, bytes)?.publish()
}

/// A file written and flushed beside its target under a temporary name, not yet under
/// its real one: for a file that must appear only if a transaction commits (a signed
/// register). Dropped unpublished, it is removed.
#[derive(Debug)]
pub struct Staged {
    temp: PathBuf,
    target: PathBuf,
    published: bool,
}

/// Writes `bytes` beside `path` under a temporary name and flushes them to disk.
pub fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let staged = Staged {
        temp: dir.join(format!(
            ".{}.{}.partial",
            name.to_string_lossy(),
            std::process::id()
        )),
        target: path.to_path_buf(),
        published: false,
    };
    let mut file = std::fs::File::create(&staged.temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(staged)
}

impl Staged {
    /// Puts the file under its real name.
    pub fn publish(mut self) -> std::io::Result<()> {
        std::fs::rename(&self.temp, &self.target)?;
        self.published = true;
        remember(&self.target);
        Ok(())
    }

    pub fn target(&self) -> &Path {
        &self.target
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Why a file a person chose could not be taken.
#[derive(Debug)]
pub enum ReadError {
    TooLarge {
        max_bytes: u64,
    },
    /// A device, a pipe or a folder: `/dev/zero` never ends, a FIFO blocks the open.
    NotAFile,
    Io(std::io::Error),
}

/// Reads a regular file a person chose, taking at most `max_bytes` plus one byte
/// whatever its metadata says (a file that grows, or a special file that claims to be
/// empty, cannot make it read more).
pub fn read_bounded(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let too_large = ReadError::TooLarge { max_bytes };
    // Asked of the path before opening: opening a FIFO would wait for a writer.
    let metadata = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile);
    }
    if metadata.len() > max_bytes {
        return Err(too_large);
    }
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // And of what was opened, should the path have been swapped meanwhile.
    if !file.metadata().map_err(ReadError::Io)?.is_file() {
        return Err(ReadError::NotAFile);
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large);
    }
    Ok(bytes)
}

/// Gives a file another process wrote beside `target` (a backup SQLite made) its
/// real name: flushed to disk first, then renamed over the target.
pub fn commit_file(temp: &Path, target: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(temp)?
        .sync_all()?;
    std::fs::rename(temp, target)?;
    remember(target);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_file_whole_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("登记簿.pdf");
        std::fs::write(&target, b"old").unwrap();
        write_atomic(&target, b"new contents").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new contents");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(write_atomic(&dir.path().join("missing/dir/x.pdf"), b"x").is_err());
    }

    #[test]
    fn only_files_this_process_wrote_count_as_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let ours = dir.path().join("ours.pdf");
        let theirs = dir.path().join("theirs.pdf");
        std::fs::write(&theirs, b"x").unwrap();
        assert!(!written_this_run(&ours));
        write_atomic(&ours, b"x").unwrap();
        assert!(written_this_run(&ours));
        // The same file by another name is the same file.
        assert!(written_this_run(&dir.path().join(".").join("ours.pdf")));
        assert!(!written_this_run(&theirs));
        assert!(!written_this_run(Path::new("https://example.com/")));
    }

    #[cfg(unix)]
    #[test]
    fn devices_pipes_and_folders_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_bounded(Path::new("/dev/zero"), 1024),
            Err(ReadError::NotAFile)
        ));
        assert!(matches!(
            read_bounded(dir.path(), 1024),
            Err(ReadError::NotAFile)
        ));
        let file = dir.path().join("f");
        std::fs::write(&file, vec![7u8; 2048]).unwrap();
        assert!(matches!(
            read_bounded(&file, 1024),
            Err(ReadError::TooLarge { max_bytes: 1024 })
        ));
        assert_eq!(read_bounded(&file, 2048).unwrap().len(), 2048);
    }

    #[test]
    fn a_staged_file_appears_only_when_published_and_leaves_nothing_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("2026-03.pdf");
        let names = || {
            let mut names: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        let staged = stage(&target, b"signed").unwrap();
        assert!(!target.exists());
        drop(staged);
        assert_eq!(
            names(),
            Vec::<String>::new(),
            "a dropped stage leaves nothing"
        );
        let staged = stage(&target, b"signed").unwrap();
        staged.publish().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"signed");
        assert_eq!(names(), ["2026-03.pdf"]);
        assert!(written_this_run(&target));
    }
}
