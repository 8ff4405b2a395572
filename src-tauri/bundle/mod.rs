//! Exchange bundles (docs/bundle-format.md): records with their directory rows,
//! history and attachments, signed by the person who exported them, carried from a
//! laptop to the office on a USB stick. This module reads and writes the file; what
//! an import does to a database is the command's (`commands::bundle_import`).

pub mod collect;
pub mod envelope;
pub mod fault;
pub mod payload;
pub mod witness;

pub use envelope::{open, seal, Opened, FORMAT_VERSION, MAGIC, MAX_BYTES};
pub use fault::BundleFault;
pub use payload::{
    BundledFile, BundledLink, BundledRecord, DirectoryPart, Exporter, Payload, Purpose,
};
