//! Our own small renderer interface: a page is a list of marks in millimetres, origin
//! at the top-left. The layout produces marks; a backend (printpdf) writes them. Tests
//! read the marks to check geometry (nothing outside its cell or its page).

/// A4, landscape: the tables need the width.
pub const PAGE_WIDTH: f32 = 297.0;
pub const PAGE_HEIGHT: f32 = 210.0;

#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Text whose baseline starts at (x, y).
    Text {
        x: f32,
        y: f32,
        size_pt: f32,
        text: String,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width_pt: f32,
    },
    /// A filled rectangle (grey level 0 = black, 1 = white), top-left corner at (x, y).
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        grey: f32,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub marks: Vec<Mark>,
}
