//! The TypeScript side of the command list: each request's and response's name and
//! inline shape (for `call --list`), their exported files and the imports they need.

use serde::Serialize;
use ts_rs::TS;

use super::command::Command;

/// A request or response type: its TypeScript name and its inline shape.
#[derive(Debug, Clone, Serialize)]
pub struct TypeShape {
    pub name: String,
    pub shape: String,
}

pub(super) fn shape<T: TS>() -> TypeShape {
    let cfg = ts_rs::Config::new();
    TypeShape {
        name: T::name(&cfg),
        shape: without_doc_comments(&T::inline(&cfg)),
    }
}

/// The inline TypeScript shape on one line, without the doc comments ts-rs keeps.
fn without_doc_comments(shape: &str) -> String {
    let mut out = String::with_capacity(shape.len());
    let mut rest = shape;
    while let Some(start) = rest.find("/**") {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find("*/") {
            Some(end) => &rest[start + end + 2..],
            None => "",
        };
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn export_pair<C: Command>(cfg: &ts_rs::Config) -> Result<(), ts_rs::ExportError> {
    export_deep::<C::Request>(cfg)?;
    export_deep::<C::Response>(cfg)
}

/// Exports a type with everything it refers to; a wrapper such as `Vec<T>` that
/// has no file of its own exports what it wraps.
fn export_deep<T: TS + 'static>(cfg: &ts_rs::Config) -> Result<(), ts_rs::ExportError> {
    if T::output_path().is_some() {
        return T::export_all(cfg);
    }
    struct Exporter<'a> {
        cfg: &'a ts_rs::Config,
        result: Result<(), ts_rs::ExportError>,
    }
    impl ts_rs::TypeVisitor for Exporter<'_> {
        fn visit<D: TS + 'static + ?Sized>(&mut self) {
            if self.result.is_ok() && D::output_path().is_some() {
                self.result = D::export_all(self.cfg);
            }
        }
    }
    let mut exporter = Exporter {
        cfg,
        result: Ok(()),
    };
    T::visit_dependencies(&mut exporter);
    T::visit_generics(&mut exporter);
    exporter.result
}

pub(super) fn imports_pair<C: Command>() -> Vec<String> {
    let mut names = imports_of::<C::Request>();
    names.extend(imports_of::<C::Response>());
    names
}

/// The exported types a type's name mentions: `Array<Versioned<Department>>` needs
/// `Versioned` and `Department`.
fn imports_of<T: TS + 'static>() -> Vec<String> {
    struct Collector {
        cfg: ts_rs::Config,
        names: Vec<String>,
    }
    impl ts_rs::TypeVisitor for Collector {
        fn visit<D: TS + 'static + ?Sized>(&mut self) {
            if D::output_path().is_some() {
                self.names.push(D::ident(&self.cfg));
            }
            D::visit_generics(self);
        }
    }
    let mut collector = Collector {
        cfg: ts_rs::Config::new(),
        names: Vec::new(),
    };
    ts_rs::TypeVisitor::visit::<T>(&mut collector);
    collector.names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_comments_are_dropped_from_shapes() {
        assert_eq!(
            without_doc_comments("{ a: string, \n/**\n * why\n */\nb: number, }"),
            "{ a: string, b: number, }"
        );
    }
}
