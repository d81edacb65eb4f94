//! The output folder: a killed build leaves a staging folder that the next build removes (and
//! nothing that is not ours), and a visitor never finds the output folder missing.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::TestSite;

/// A site large enough that its build can be killed halfway, generated as the benchmarks do.
fn large_site(dir: &Path) -> PathBuf {
    let site = dir.join("stor");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen-synthetic.py");
    let status = Command::new("python3")
        .arg(script)
        .arg(&site)
        .args(["--pages", "3000", "--seed", "3"])
        .status()
        .expect("python3 runs gen-synthetic.py");
    assert!(status.success());
    site
}

/// Names in `dir` that start with `prefix`.
fn names_with(dir: &Path, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

/// Starts a build and kills it (SIGKILL, as `kill -9` or a power cut would) once its staging
/// folder exists; returns the staging folder's name if the build was caught halfway.
fn kill_a_build_halfway(site: &Path, parent: &Path) -> Option<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_triobog"))
        .arg("build")
        .current_dir(site)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let staging = format!(".public.tmp-{}", child.id());
    let deadline = Instant::now() + Duration::from_secs(30);
    while !parent.join(&staging).join("search").exists() {
        if Instant::now() > deadline || child.try_wait().unwrap().is_some() {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    parent.join(&staging).is_dir().then_some(staging)
}

#[test]
fn killed_builds_leave_folders_that_the_next_build_removes_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let site = large_site(dir.path());
    assert!(
        Command::new(env!("CARGO_BIN_EXE_triobog"))
            .arg("build")
            .current_dir(&site)
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success()
    );

    // Each killed build leaves its staging folder; the next build, killed in turn, removes it.
    let mut killed: Vec<String> = Vec::new();
    for _ in 0..10 {
        let Some(staging) = kill_a_build_halfway(&site, &site) else { continue };
        assert!(
            site.join(&staging).join(triobog::output::MARKER).is_file(),
            "{staging} is a staging folder of ours, left behind"
        );
        if let Some(previous) = killed.last() {
            assert!(!site.join(previous).exists(), "{previous} was not removed by the next build");
        }
        killed.push(staging);
        if killed.len() == 3 {
            break;
        }
    }
    assert!(killed.len() >= 2, "could not catch a build halfway: {killed:?}");

    // Folders that only look like ours, and one a live build holds (this test holds its lock).
    let not_ours = [".public.tmp-99999999", ".public.tmp-abc", ".publicity.tmp-12", ".public.old-1x"];
    for name in not_ours {
        std::fs::create_dir(site.join(name)).unwrap();
        std::fs::write(site.join(name).join("vigtigt.txt"), "ikke triobogs").unwrap();
    }
    let live_id = std::process::id();
    let live = site.join(format!(".public.tmp-{live_id}"));
    std::fs::create_dir(&live).unwrap();
    std::fs::write(live.join(triobog::output::MARKER), "").unwrap();
    let lock = std::fs::File::create(site.join(format!(".public.lock-{live_id}"))).unwrap();
    lock.lock().unwrap();

    assert!(
        Command::new(env!("CARGO_BIN_EXE_triobog"))
            .arg("build")
            .current_dir(&site)
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success()
    );
    for staging in &killed {
        assert!(!site.join(staging).exists(), "{staging} was left behind");
    }
    let left: Vec<String> = names_with(&site, ".public.");
    let mut expected: Vec<String> =
        not_ours.iter().filter(|n| n.starts_with(".public.")).map(|n| n.to_string()).collect();
    expected.push(format!(".public.lock-{live_id}"));
    expected.push(format!(".public.tmp-{live_id}"));
    expected.sort();
    assert_eq!(left, expected, "only what is not ours, or is a live build's, remains");
    assert!(site.join(".publicity.tmp-12/vigtigt.txt").is_file());
    assert!(site.join("public/index.html").is_file());
    drop(lock);
}

#[test]
fn the_output_folder_is_never_missing_while_builds_replace_it() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let index = site.public().join("index.html");
    let stop = Arc::new(AtomicBool::new(false));
    let (looks, misses) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let visitor = {
        let (stop, looks, misses, index) = (stop.clone(), looks.clone(), misses.clone(), index.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                if std::fs::metadata(&index).is_err() {
                    misses.fetch_add(1, Ordering::Relaxed);
                }
                looks.fetch_add(1, Ordering::Relaxed);
            }
        })
    };
    for _ in 0..40 {
        site.build_ok();
    }
    stop.store(true, Ordering::Relaxed);
    visitor.join().unwrap();
    assert!(looks.load(Ordering::Relaxed) > 1000, "the visitor looked often");
    assert_eq!(misses.load(Ordering::Relaxed), 0, "the output folder went missing during a swap");
    let leftovers = names_with(site.root(), ".public");
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
