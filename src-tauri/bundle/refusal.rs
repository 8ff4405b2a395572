//! A bundle's fault as the person sees it: the file they chose is refused, worded on
//! the request's `path`. Beneath import and export, which both refuse files.

use super::fault::BundleFault;
use crate::error::{AppError, FieldFault};
use crate::path;

/// A refusal on the bundle file: the fault, worded on the request's `path`.
pub fn refused(fault: BundleFault) -> AppError {
    AppError::Refused {
        field: path!["path"],
        fault: FieldFault::Bundle(fault),
    }
}
