//! Files the app writes (registers, later bundles and backups): written to a temporary
//! file beside the target, flushed to disk, then renamed over it, so a crash never
//! leaves half a file under the real name.

use std::io::Write;
use std::path::Path;

pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let temp = dir.join(format!(
        ".{}.{}.partial",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Why a file a person chose could not be taken.
#[derive(Debug)]
pub enum ReadError {
    TooLarge { max_bytes: u64 },
    Io(std::io::Error),
}

/// Reads a file a person chose, refusing one larger than `max_bytes` before reading
/// it (and again after, should it grow meanwhile).
pub fn read_bounded(path: &Path, max_bytes: u64) -> Result<Vec<u8>, ReadError> {
    let too_large = ReadError::TooLarge { max_bytes };
    if std::fs::metadata(path).map_err(ReadError::Io)?.len() > max_bytes {
        return Err(too_large);
    }
    let bytes = std::fs::read(path).map_err(ReadError::Io)?;
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
    std::fs::rename(temp, target)
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
}
