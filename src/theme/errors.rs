//! A Tera error as a diagnostic: the template file as the editor knows it (which theme folder,
//! which layer), the line and column, the line itself and a hint.

use std::path::PathBuf;

use crate::diagnostics::Diagnostic;
use crate::theme::stack::{EMBEDDED_PREFIX, ThemeDir};

/// A Tera error as a diagnostic naming the template file and line.
pub fn template_error(e: &tera::Error, dirs: &[ThemeDir]) -> Diagnostic {
    let report = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let Some(report) = report else {
        let mut msg = e.to_string();
        if let Some(d) = diagnostic_from_rendered_report(&msg, dirs) {
            return d;
        }
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            msg.push_str(": ");
            msg.push_str(&s.to_string());
            source = s.source();
        }
        return Diagnostic::file("themes", format!("skabelonfejl: {msg}"))
            .with_hint("ret skabelonen; se Teras dokumentation for syntaksen");
    };
    let name = report.filename();
    let (shown, file) = template_path(dirs, name);
    let span = report.span();
    let mut d = Diagnostic::file(&shown, format!("skabelonfejl: {}", report.message()));
    d.line = span.start_line;
    d.column = span.start_col + 1;
    if let Some(text) = file.and_then(|f| std::fs::read_to_string(f).ok()) {
        d.source_line = text.lines().nth(span.start_line.saturating_sub(1)).map(str::to_owned);
    }
    d.with_hint("ret skabelonen; se Teras dokumentation for syntaksen")
}

/// Tera reports load-time validation errors (unknown filters, functions, tests) as rendered
/// text: `error: <what>` then ` --> <template>:<line>:<col>`. Turns the first into a diagnostic.
fn diagnostic_from_rendered_report(text: &str, dirs: &[ThemeDir]) -> Option<Diagnostic> {
    let mut message = None;
    for line in text.lines() {
        let t = line.trim();
        if let Some(m) = t.strip_prefix("error: ") {
            message = Some(m.to_string());
        } else if let Some(loc) = t.strip_prefix("--> ") {
            let mut parts = loc.rsplitn(3, ':');
            let col: usize = parts.next()?.parse().ok()?;
            let line_no: usize = parts.next()?.parse().ok()?;
            let name = parts.next()?;
            let (shown, file) = template_path(dirs, name);
            let mut d = Diagnostic::file(&shown, format!("skabelonfejl: {}", message.take().unwrap_or_default()))
                .with_hint("ret skabelonen; se Teras dokumentation for filtre og funktioner");
            d.line = line_no;
            d.column = col;
            d.source_line = file
                .and_then(|f| std::fs::read_to_string(f).ok())
                .and_then(|t| t.lines().nth(line_no.saturating_sub(1)).map(str::to_owned));
            return Some(d);
        }
    }
    None
}

/// A template's file as messages name it, and where it is on disk (none for the built-in
/// default theme), from its name in Tera.
fn template_path(dirs: &[ThemeDir], name: &str) -> (PathBuf, Option<PathBuf>) {
    if let Some(rel) = name.strip_prefix(EMBEDDED_PREFIX) {
        return (PathBuf::from("themes/default/templates").join(rel), None);
    }
    // The folder with the longest prefix the name starts with ("" is the highest folder's).
    let dir = dirs.iter().filter(|d| name.starts_with(d.prefix.as_str())).max_by_key(|d| d.prefix.len());
    match dir {
        Some(d) => {
            let rel = &name[d.prefix.len()..];
            (d.shown.join("templates").join(rel), Some(d.dir.join("templates").join(rel)))
        }
        None => (PathBuf::from(name), None),
    }
}
