//! Keys at rest, signatures and their verification. Pure: randomness and time are
//! passed in, nothing here touches the database.
//!
//! Each profile has a P-256 key pair (the curve PDF viewers verify, see TECH-NOTES)
//! with a self-signed X.509 certificate; the private key is kept as encrypted
//! PKCS#8 under the person's passphrase. Committing actions (submit, approve,
//! return, attest; later sign) sign a small statement with it, so who committed
//! to what can be checked again later, even after the key is replaced.

mod at_rest;
pub mod ca;
mod certificate;
pub mod cms;
mod key_error;
pub mod keys;
pub mod passphrase;
pub mod secret;
mod statement;

pub use key_error::KeyError;
pub use keys::{IssuedKey, UnlockedKey};
pub use secret::Secret;
pub use statement::{verify, KnownCertificate, SignatureStatus, StatementSignature};
