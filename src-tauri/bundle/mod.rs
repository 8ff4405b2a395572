//! Exchange bundles (docs/bundle-format.md): records with their directory rows,
//! history and attachments, signed by the person who exported them, carried from a
//! laptop to the office on a USB stick. This module reads and writes the file and
//! imports it ([`import`]).

pub mod collect;
pub mod envelope;
pub mod export;
pub mod fault;
pub mod import;
pub mod payload;
pub mod recipient;
pub mod refusal;
pub mod sealed;
pub mod witness;

pub use envelope::{open, seal, Opened, FORMAT_VERSION, MAGIC, MAX_BYTES};
pub use fault::BundleFault;
pub use payload::{
    BundledFile, BundledLink, BundledRecord, DirectoryPart, Exporter, Payload, Purpose,
};
