//! Chromium for `--pdf`: found on PATH (or where `--chromium` says), started once headless with
//! its DevTools endpoint on 127.0.0.1, and stopped when the printing is done.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::diagnostics::Diagnostic;

/// Names Chromium goes by on PATH, tried in this order. The headless shell first: the same
/// Blink and Skia (its PDFs are the same, pixel for pixel) without the whole browser around them,
/// it prints the handbook's PDFs in about two thirds of the time.
const CHROMIUM_NAMES: &[&str] = &[
    "chromium-headless-shell",
    "chrome-headless-shell",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "microsoft-edge",
];
/// Longest Chromium may take to start and say where its DevTools endpoint is.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// Finds Chromium: `explicit` when given (`--chromium PATH`), else the first of the usual names
/// on PATH. The error says how to install it.
pub fn find_chromium(explicit: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    let install = "installér Chromium (fx `apt-get install chromium-headless-shell` eller `apt-get install chromium` på Debian/Ubuntu), eller angiv stien til Chromium eller Chrome med --chromium STI; en almindelig build uden --pdf kræver ikke Chromium";
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

/// A headless Chromium of our own, with a profile folder of its own; killed on drop.
pub struct Browser {
    child: Child,
    profile: PathBuf,
    /// The DevTools endpoint: `ws://127.0.0.1:<port>/devtools/browser/<id>`.
    pub endpoint: String,
}

impl Browser {
    /// Starts Chromium and waits for its DevTools endpoint.
    pub fn start(chromium: &Path) -> Result<Browser, String> {
        let profile = profile_dir()?;
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
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("Chromium ({}) kunne ikke startes: {e}", chromium.display()))?;
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, rx) = mpsc::channel();
        // Chromium says where it listens on stderr; the rest of stderr is read and dropped, so
        // that Chromium never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("ws://") {
                    let _ = tx.send(line[at..].trim().to_string());
                }
            }
        });
        let mut browser = Browser { child, profile, endpoint: String::new() };
        match rx.recv_timeout(START_TIMEOUT) {
            Ok(endpoint) => {
                browser.endpoint = endpoint;
                Ok(browser)
            }
            Err(_) => {
                Err(format!("Chromium sagde ikke inden for {} sekunder, hvor den kan styres", START_TIMEOUT.as_secs()))
            }
        }
    }
}

/// A new profile folder for Chromium: in memory (`/dev/shm`) where there is one, else in the
/// temporary folder. Chromium writes a few hundred small files there, syncing some, and they are
/// deleted when it stops: on a busy disk that took 0.3–0.5 s of every `--pdf` run.
fn profile_dir() -> Result<PathBuf, String> {
    let name = format!("triobog-chromium-{}", std::process::id());
    let in_memory = Path::new("/dev/shm").join(&name);
    if std::fs::create_dir_all(&in_memory).is_ok() {
        return Ok(in_memory);
    }
    let on_disk = std::env::temp_dir().join(name);
    std::fs::create_dir_all(&on_disk).map_err(|e| e.to_string())?;
    Ok(on_disk)
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Chromium's helper processes may write to the profile for a moment after the browser
        // process is gone, and a folder left in /dev/shm holds memory until the next boot.
        for _ in 0..20 {
            if std::fs::remove_dir_all(&self.profile).is_ok() || !self.profile.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

/// A `file://` URL for an absolute path, with the characters that would end or change a URL
/// percent-encoded.
pub fn file_url(path: &Path) -> String {
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
