//! A running `triobog serve` for the tests: started the ways an editor starts it, stopped on
//! drop, with what it printed and the HTTP answers it gives.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `triobog serve` on a free port, stopped on drop.
pub struct Served {
    child: Child,
    pub port: u16,
    log: tempfile::TempDir,
    /// The last build number a poll returned.
    pub version: u64,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Starts serve with `--root <root>`, from the test's own folder.
pub fn start_serve(root: &Path) -> Served {
    start_serve_in(Path::new("."), Some(root.as_os_str().to_owned()))
}

/// Starts serve in folder `cwd`, with `--root <root>` when given (as an editor types it: `.`,
/// `../site`, nothing at all).
pub fn start_serve_in(cwd: &Path, root: Option<OsString>) -> Served {
    let port = free_port();
    let log = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_triobog"));
    command.current_dir(cwd).args(["serve", "--port", &port.to_string()]);
    if let Some(root) = root {
        command.arg("--root").arg(root);
    }
    let stdout = std::fs::File::create(log.path().join("stdout")).unwrap();
    let stderr = std::fs::File::create(log.path().join("stderr")).unwrap();
    let child = command.stdout(Stdio::from(stdout)).stderr(Stdio::from(stderr)).spawn().unwrap();
    let mut served = Served { child, port, log, version: 0 };
    let deadline = Instant::now() + Duration::from_secs(60);
    while get(port, "/").is_none() {
        assert!(Instant::now() < deadline, "serve did not start; it said:\n{}", served.stderr());
        std::thread::sleep(Duration::from_millis(50));
    }
    served.version = served.poll_now().0;
    served
}

impl Served {
    /// What serve printed on standard output so far.
    pub fn stdout(&self) -> String {
        std::fs::read_to_string(self.log.path().join("stdout")).unwrap_or_default()
    }

    /// What serve printed on standard error so far.
    pub fn stderr(&self) -> String {
        std::fs::read_to_string(self.log.path().join("stderr")).unwrap_or_default()
    }

    /// How many rebuilds serve reported so far.
    pub fn rebuilds(&self) -> usize {
        self.stdout().matches("Genopbygget på").count()
    }

    /// The current build number and error, answered at once.
    fn poll_now(&self) -> (u64, Option<String>) {
        poll(self.port, 0)
    }

    /// Waits for the next build after the last one seen and returns its error, if it failed.
    pub fn next_build(&mut self) -> Option<String> {
        let (version, error) = poll(self.port, self.version);
        assert_ne!(
            version,
            self.version,
            "no build within the poll's wait; serve said:\n{}{}",
            self.stdout(),
            self.stderr()
        );
        self.version = version;
        error
    }

    /// Waits for the next build and asserts it succeeded.
    pub fn next_good_build(&mut self) {
        if let Some(error) = self.next_build() {
            panic!("the build failed:\n{error}");
        }
    }

    /// Waits until the page at `path` satisfies `what`, and returns it.
    pub fn wait_for_page(&self, path: &str, what: impl Fn(&str) -> bool) -> String {
        wait_until(self.port, path, what)
    }
}

/// The build number and error after the build numbered `seen` (long poll).
fn poll(port: u16, seen: u64) -> (u64, Option<String>) {
    let (_, body) = get(port, &format!("/__triobog/poll?v={seen}")).expect("the poll answers");
    let state: serde_json::Value = serde_json::from_str(&body).expect("the poll answers JSON");
    (state["version"].as_u64().expect("a build number"), state["error"].as_str().map(str::to_owned))
}

/// Status and body of a GET, sent as raw HTTP so the path is not normalised on the way.
pub fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    stream.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    Some((status, body))
}

/// Waits (up to 20 s) until the body at `path` satisfies `what`, and returns it.
pub fn wait_until(port: u16, path: &str, what: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some((_, body)) = get(port, path)
            && what(&body)
        {
            return body;
        }
        assert!(Instant::now() < deadline, "timed out waiting on {path}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every file under `dir`, by path relative to it, with its bytes.
pub fn files_under(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

/// Every folder under `dir`, relative to it.
pub fn folders_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect()
}

/// Builds `root` afresh into a temporary folder with the binary, as `triobog build` does.
pub fn full_build(root: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_triobog"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "the full build failed");
    out
}

/// Waits (up to 20 s, as the search index follows the pages) until the output folder `served`
/// holds exactly the files and folders of a full build of `root`.
pub fn assert_same_as_full_build(root: &Path, served: &Path) {
    let full = full_build(root);
    let expected = files_under(full.path());
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let got = files_under(served);
        let differing: Vec<&String> =
            expected.keys().chain(got.keys()).filter(|k| expected.get(*k) != got.get(*k)).collect();
        if differing.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "serve's output differs from a full build in: {differing:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(folders_under(full.path()), folders_under(served), "the same folders, none left empty");
}
