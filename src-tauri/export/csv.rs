//! CSV as Excel opens it on a Chinese Windows: UTF-8 with a byte-order mark, CRLF
//! line ends, every field quoted where it must be (RFC 4180).

use super::row::{Row, HEADERS};

const BOM: &str = "\u{feff}";

fn field(text: &str, out: &mut String) {
    // A leading = + - @ would be read as a formula by Excel: written as text.
    let formula = text.starts_with(['=', '+', '@'])
        || (text.starts_with('-') && text.parse::<f64>().is_err());
    if formula || text.contains([',', '"', '\n', '\r']) {
        out.push('"');
        if formula {
            out.push('\'');
        }
        out.push_str(&text.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(text);
    }
}

fn line<'a>(cells: impl IntoIterator<Item = &'a str>, out: &mut String) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        field(cell, out);
    }
    out.push_str("\r\n");
}

pub fn write(rows: &[Row]) -> Vec<u8> {
    let mut out = String::from(BOM);
    line(HEADERS, &mut out);
    for row in rows {
        let texts = row.texts();
        line(texts.iter().map(String::as_str), &mut out);
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_must_be_quoted_and_disarms_formulas() {
        let mut out = String::new();
        line(
            ["茶叶, 两盒", "说\"好\"的", "=1+1", "-12.50", "普通"],
            &mut out,
        );
        assert_eq!(
            out,
            "\"茶叶, 两盒\",\"说\"\"好\"\"的\",\"'=1+1\",-12.50,普通\r\n"
        );
    }
}
