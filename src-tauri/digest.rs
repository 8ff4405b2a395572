//! SHA-256 as the app writes it everywhere (audit chain, attachments, certificate
//! fingerprints, record images in signed statements, register manifests): 64
//! lower-case hex digits.

use sha2::{Digest, Sha256};

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
