//! What a workbook may cost to read, checked before its reader builds anything. An
//! XLSX is a zip archive: a 4 MB file can inflate to gigabytes, and a sheet can
//! declare (or hold) cells a million rows apart. An allocation that fails aborts the
//! process — it cannot be caught — so every size a hostile workbook could steer is
//! bounded here, by inflating each part once into nothing and counting the bytes
//! (what the archive declares is not trusted).

use std::io::{Cursor, Read};

use crate::i18n::Lang;

/// At most this many parts (a workbook has a few dozen).
pub const MAX_PARTS: usize = 1_000;
/// Any one part, inflated: a sheet of fifty thousand register rows fits. With the
/// cells below, reading the worst workbook these allow (a part of two million one-letter
/// shared strings, a sheet of half a million cells) peaks well under 200 MiB.
pub const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// All parts together, inflated.
pub const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
/// Cells kept from all sheets (the rows and columns read are bounded too).
pub const MAX_CELLS: usize = 500_000;

/// Which bound a workbook exceeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Oversize {
    Parts {
        max: usize,
    },
    Part {
        name: String,
        max_mib: u64,
    },
    Total {
        max_mib: u64,
    },
    Cells {
        max: usize,
    },
    /// A cell with something in it beyond the rows and columns read: refused rather
    /// than silently left out.
    Beyond {
        cell: String,
        rows: usize,
        columns: usize,
    },
}

/// A cell's reference as Excel shows it (row and column from 0): `XFD1048576`.
pub fn reference(row: usize, column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

impl Oversize {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Oversize::Parts { max } => lang.pick(
                format!("不像是登记表：压缩包内部件超过 {max} 个，不予读取"),
                format!("does not look like a register: it holds more than {max} parts, so it is not read"),
            ),
            Oversize::Part { name, max_mib } => lang.pick(
                format!("其中的部件 {name} 解压后超过 {max_mib} MiB，不予读取（可能是恶意构造的文件）"),
                format!("holds a part ({name}) that inflates beyond {max_mib} MiB, so it is not read (it may be built to harm)"),
            ),
            Oversize::Total { max_mib } => lang.pick(
                format!("解压后合计超过 {max_mib} MiB，不予读取（可能是恶意构造的文件）"),
                format!("inflates beyond {max_mib} MiB in all, so it is not read (it may be built to harm)"),
            ),
            Oversize::Beyond { cell, rows, columns } => lang.pick(
                format!("单元格 {cell} 有内容，超出可读取的范围（前 {rows} 行、前 {columns} 列），请删去或拆分后再导入"),
                format!("has something in cell {cell}, beyond what is read (the first {rows} rows and {columns} columns): remove it or split the sheet, then import"),
            ),
            Oversize::Cells { max } => lang.pick(
                format!("单元格超过 {max} 个，请拆分后分批导入"),
                format!("holds more than {max} cells: split it and import the parts one by one"),
            ),
        }
    }
}

/// Why an archive cannot be read at all, or which bound it exceeds.
#[derive(Debug)]
pub enum ArchiveFault {
    Oversize(Oversize),
    /// Not a zip archive at all.
    Unreadable(String),
    /// A zip archive with a part that cannot be inflated.
    Damaged,
}

/// Inflates every part of the archive once, counting bytes, and refuses the first
/// bound exceeded. Memory stays at the inflater's buffers whatever the file says.
pub fn check(bytes: &[u8]) -> Result<(), ArchiveFault> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ArchiveFault::Unreadable(e.to_string()))?;
    if archive.len() > MAX_PARTS {
        return Err(ArchiveFault::Oversize(Oversize::Parts { max: MAX_PARTS }));
    }
    let mut total = 0u64;
    for index in 0..archive.len() {
        let mut part = archive.by_index(index).map_err(|_| ArchiveFault::Damaged)?;
        let name: String = part
            .name()
            .map(|n| n.chars().take(80).collect())
            .unwrap_or_default();
        let too_large = || {
            ArchiveFault::Oversize(Oversize::Part {
                name: name.clone(),
                max_mib: MAX_PART_BYTES >> 20,
            })
        };
        // What it declares first (cheap), then what it holds.
        if part.size() > MAX_PART_BYTES {
            return Err(too_large());
        }
        let inflated = std::io::copy(
            &mut (&mut part).take(MAX_PART_BYTES + 1),
            &mut std::io::sink(),
        )
        .map_err(|_| ArchiveFault::Damaged)?;
        if inflated > MAX_PART_BYTES {
            return Err(too_large());
        }
        total += inflated;
        if total > MAX_TOTAL_BYTES {
            return Err(ArchiveFault::Oversize(Oversize::Total {
                max_mib: MAX_TOTAL_BYTES >> 20,
            }));
        }
    }
    Ok(())
}
