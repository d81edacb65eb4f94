//! `triobog build --pdf`: prints every printable page to a PDF beside it with headless Chromium,
//! for intranets (SharePoint) that hold PDFs but will not show HTML files.
//!
//! The PDFs come from exactly the pages a browser prints; this module only finds Chromium and
//! runs it, several processes at once. Not needed by a plain build.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Diagnostics};

use crate::model::printables::Printable;

/// Names Chromium goes by on PATH, tried in this order.
const CHROMIUM_NAMES: &[&str] =
    &["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "microsoft-edge"];
/// Longest a single page may take to print before Chromium is stopped.
const PAGE_TIMEOUT: Duration = Duration::from_secs(120);

/// Finds Chromium: `explicit` when given (`--chromium PATH`), else the first of the usual names
/// on PATH. The error says how to install it.
pub fn find_chromium(explicit: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    let install = "installér Chromium (fx `apt-get install chromium` på Debian/Ubuntu), eller angiv stien til Chromium eller Chrome med --chromium STI; en almindelig build uden --pdf kræver ikke Chromium";
    match explicit {
        Some(path) if path.is_file() => Ok(path.to_path_buf()),
        Some(path) => {
            Err(Diagnostic::file(path, "Chromium findes ikke her, så --pdf kan ikke lave PDF'er").with_hint(install))
        }
        None => {
            let dirs: Vec<PathBuf> =
                std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect()).unwrap_or_default();
            CHROMIUM_NAMES
                .iter()
                .flat_map(|name| dirs.iter().map(move |d| d.join(name)))
                .find(|p| p.is_file())
                .ok_or_else(|| {
                    Diagnostic::file("--pdf", "Chromium blev ikke fundet på PATH, så --pdf kan ikke lave PDF'er")
                        .with_hint(install)
                })
        }
    }
}

/// Prints each of `pages` from the site in `site_dir` to its PDF, `jobs` Chromium processes at
/// a time. Every failure is reported; any failure fails the whole run.
pub fn print_pdfs(chromium: &Path, site_dir: &Path, pages: &[Printable], jobs: usize) -> Result<usize, Diagnostics> {
    let next = AtomicUsize::new(0);
    let errors = Mutex::new(Diagnostics::default());
    std::thread::scope(|scope| {
        for worker in 0..jobs.clamp(1, pages.len().max(1)) {
            let (next, errors) = (&next, &errors);
            scope.spawn(move || {
                let profile = std::env::temp_dir().join(format!("triobog-chromium-{}-{worker}", std::process::id()));
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(page) = pages.get(i) else { break };
                    if let Err(d) = print_one(chromium, &profile, site_dir, page) {
                        errors.lock().expect("no thread panics while holding the lock").push(d);
                    }
                }
                let _ = std::fs::remove_dir_all(&profile);
            });
        }
    });
    let errors = errors.into_inner().expect("every worker has finished");
    if errors.is_empty() { Ok(pages.len()) } else { Err(errors) }
}

/// How many Chromium processes to run at once: two per core (a process mostly waits while it
/// starts), at most eight.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get() * 2).min(8)
}

/// Runs one Chromium process that prints `page` to its PDF, with its own profile folder so
/// several can run at once.
fn print_one(chromium: &Path, profile: &Path, site_dir: &Path, page: &Printable) -> Result<(), Diagnostic> {
    let html = site_dir.join(&page.html);
    let pdf = site_dir.join(&page.pdf);
    let log_path = profile.with_extension("log");
    let failed = |what: String| {
        Diagnostic::file(&page.html, format!("PDF'en {} kunne ikke laves: {what}", page.pdf))
            .with_hint("prøv igen; virker det ikke, så kør uden --pdf og print siden fra browseren")
    };
    std::fs::create_dir_all(profile).map_err(|e| failed(e.to_string()))?;
    let log = std::fs::File::create(&log_path).map_err(|e| failed(e.to_string()))?;
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-extensions",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&html))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| failed(format!("Chromium ({}) kunne ikke startes: {e}", chromium.display())))?;
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > PAGE_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!("Chromium svarede ikke inden for {} sekunder", PAGE_TIMEOUT.as_secs())));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(failed(e.to_string())),
        }
    };
    let log_text = std::fs::read_to_string(&log_path).unwrap_or_default();
    let _ = std::fs::remove_file(&log_path);
    let is_pdf = std::fs::read(&pdf).map(|b| b.starts_with(b"%PDF-")).unwrap_or(false);
    if status.success() && is_pdf {
        Ok(())
    } else {
        let last_line = log_text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("ingen besked");
        Err(failed(format!("Chromium sluttede med {status}: {last_line}")))
    }
}

/// A `file://` URL for an absolute path, with the characters that would end or change a URL
/// percent-encoded.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => url.push(b as char),
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_spaces_and_non_ascii() {
        assert_eq!(file_url(Path::new("/tmp/min side/å.html")), "file:///tmp/min%20side/%C3%A5.html");
    }

    #[test]
    fn a_missing_chromium_says_how_to_install_it() {
        let d = find_chromium(Some(Path::new("/nonexistent/chromium"))).unwrap_err();
        assert!(d.hint.as_deref().unwrap_or("").contains("apt-get install chromium"), "{d:?}");
    }
}
