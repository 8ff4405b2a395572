//! Keys brought in as PKCS#12 files (.p12, .pfx) a bureau CA issued: read bounded,
//! opened with their password, and refused in words when the app cannot use them.

use crate::error::{fail, AppError, FieldFault, Problem};
use crate::files::chosen::read_chosen_file;
use crate::path;
use crate::signing::keys;

/// The most a .p12 file may weigh (a key and a few certificates are a few KB).
const MAX_P12_BYTES: u64 = 1 << 20;

/// The private key (PKCS#8 DER) and its certificate (DER) from a .p12 a person chose;
/// a wrong password is an error on `p12Password`, a file without them on `path`.
pub fn read_p12(path: &str, password: &str) -> Result<(Vec<u8>, Vec<u8>), AppError> {
    let data = read_chosen_file(std::path::Path::new(path.trim()), MAX_P12_BYTES)?;
    let store = p12_keystore::KeyStore::from_pkcs12(&data, password)
        .map_err(|_| fail(path!["p12Password"], Problem::P12Unopened))?;
    let (_, chain) = store
        .private_key_chain()
        .filter(|(_, chain)| !chain.chain().is_empty())
        .ok_or_else(|| fail(path!["path"], Problem::P12NoKey))?;
    Ok((chain.key().to_vec(), chain.chain()[0].as_der().to_vec()))
}

/// An imported key the app cannot use, as the `path` field's error.
pub fn unusable(err: keys::KeyError) -> AppError {
    match err {
        keys::KeyError::Unsupported(why) => AppError::Refused {
            field: path!["path"],
            fault: FieldFault::Key(why),
        },
        other => AppError::Internal(other.to_string()),
    }
}
