//! Any bytes handed to the bundle reader: the envelope (first line, header,
//! length, hash, signature) and, separately, the payload parser. Neither may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = qinqing::bundle::open(data);
    let _ = serde_json::from_slice::<qinqing::bundle::Payload>(data);
});
