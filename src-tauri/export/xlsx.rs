//! XLSX with rust_xlsxwriter: a header row in bold, frozen, with a filter; dates as
//! date cells, amounts as numbers in yuan with two decimals, columns sized to read.

use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use super::row::{ExportError, Row, HEADERS};

const WIDTHS: [f64; 13] = [
    11.0, 8.0, 14.0, 16.0, 24.0, 40.0, 12.0, 9.0, 8.0, 20.0, 14.0, 20.0, 38.0,
];

fn failed(e: rust_xlsxwriter::XlsxError) -> ExportError {
    ExportError::Xlsx(e.to_string())
}

pub fn write(rows: &[Row]) -> Result<Vec<u8>, ExportError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0.00");
    let sheet = workbook.add_worksheet();
    sheet.set_name("登记记录").map_err(failed)?;
    for (col, (header, width)) in HEADERS.iter().zip(WIDTHS).enumerate() {
        let col = col as u16;
        sheet
            .write_with_format(0, col, *header, &bold)
            .map_err(failed)?;
        sheet.set_column_width(col, width).map_err(failed)?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        let day = ExcelDateTime::from_ymd(
            u16::try_from(row.date.year()).unwrap_or(1900),
            row.date.month() as u8,
            row.date.day() as u8,
        )
        .map_err(failed)?;
        sheet.write_with_format(r, 0, &day, &date).map_err(failed)?;
        let texts = row.texts();
        for (col, text) in texts.iter().enumerate().skip(1) {
            if col == 6 {
                // Fen are exact integers; as yuan they are a number with two decimals.
                sheet
                    .write_with_format(r, 6, row.amount.0 as f64 / 100.0, &money)
                    .map_err(failed)?;
            } else {
                sheet.write(r, col as u16, text.as_str()).map_err(failed)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    if !rows.is_empty() {
        sheet
            .autofilter(0, 0, rows.len() as u32, HEADERS.len() as u16 - 1)
            .map_err(failed)?;
    }
    workbook.save_to_buffer().map_err(failed)
}
