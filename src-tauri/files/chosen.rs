//! The files a person chose in a dialog (or with `--out`): read bounded, written whole
//! or not at all, and every failure an error on the request field that named them.

use std::path::{Path, PathBuf};

use super::ReadError;
use crate::error::{fail, AppError, PathSegment, Problem};
use crate::path;

/// Reads the file a request names in its `path` field (one the person chose), at
/// most `max_bytes`: a missing, unreadable, special or too large file is an error on
/// `path`.
pub fn read_chosen_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>, AppError> {
    read_chosen_file_as(path, max_bytes, "path")
}

/// [`read_chosen_file`] for a file named by the request's field `field`.
pub fn read_chosen_file_as(path: &Path, max_bytes: u64, field: &str) -> Result<Vec<u8>, AppError> {
    super::read_bounded(path, max_bytes).map_err(|e| {
        let problem = match e {
            ReadError::TooLarge { max_bytes } => Problem::FileTooLarge {
                max_mib: (max_bytes >> 20).max(1),
            },
            ReadError::NotAFile => Problem::NotAFile,
            ReadError::Io(e) => Problem::FileUnreadable {
                detail: e.to_string(),
            },
        };
        AppError::validation([PathSegment::Key(field.into())], problem)
    })
}

/// The file a request's `path` names (the person's choice in a dialog, or `--out`):
/// blank is refused on `path`.
pub fn chosen_path(path: &str) -> Result<PathBuf, AppError> {
    let path = path.trim();
    if path.is_empty() {
        return Err(fail(path!["path"], Problem::Required));
    }
    Ok(PathBuf::from(path))
}

/// Writes a file the person chose whole or not at all; a failure is `path`'s error.
/// Returns the path as people read it.
pub fn write_chosen(path: &Path, bytes: &[u8]) -> Result<String, AppError> {
    super::write_atomic(path, bytes).map_err(path_unwritable)?;
    Ok(path.to_string_lossy().into_owned())
}

/// A file the person chose that could not be written: the error of the request's `path`.
pub fn path_unwritable(e: impl std::fmt::Display) -> AppError {
    fail(
        path!["path"],
        Problem::FileUnwritable {
            detail: e.to_string(),
        },
    )
}
