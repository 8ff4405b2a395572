//! Any bytes as a register PDF handed to the verifier: inspected (revisions, signature
//! dictionaries, the embedded manifest) and verified against a root with no database,
//! as `qinqing verify --trust-root` does. A damaged or hostile PDF gets a verdict or a
//! refusal, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qinqing::register::pdf::inspect;
use qinqing::register::verify::offline::against_root;

fuzz_target!(|data: &[u8]| {
    let Ok(inspection) = inspect::inspect(data) else {
        return;
    };
    // Any certificate will do as the root: what is exercised is the reading.
    let root = include_bytes!("../fixtures/root.der");
    let _ = against_root(&inspection, root, chrono::Utc::now());
});
