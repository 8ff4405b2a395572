//! Any bytes as an Excel workbook: read, each sheet's mapping suggested, every row
//! parsed with it. A damaged or hostile workbook is refused, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use qinqing::sheets;

fuzz_target!(|data: &[u8]| {
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
