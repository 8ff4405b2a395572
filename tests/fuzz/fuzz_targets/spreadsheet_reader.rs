//! Any bytes as an Excel workbook: read, each sheet's mapping suggested, every row
//! parsed with it. A damaged or hostile workbook is refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qinqing::sheets;

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys aborts in its panic hook, before the app's own catch_unwind
    // around the workbook reader (calamine) can turn a panic into "damaged
    // workbook". With the plain hook back, a panic the app catches is handled as
    // in the app, and one it does not catch still reaches libfuzzer-sys, which
    // reports it.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let Ok(workbook) = sheets::read(data) else {
        return;
    };
    for sheet in &workbook {
        let mapping = sheets::suggest(sheet);
        for index in mapping.header_row as usize..sheet.rows.len() {
            if let Ok(parsed) = sheets::parse_row(sheet, &mapping, index) {
                let _ = parsed.lacks();
                let _ = parsed.body(uuid::Uuid::nil(), None).validate();
            }
        }
    }
});
