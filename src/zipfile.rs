//! `build --zip`: the built site as one zip file for a USB stick or a download, with
//! `index.html` at its top and a `LÆS MIG.txt` beside it that says how to open it. Every link of
//! the site is relative, so the unpacked folder works from disk, wherever it is unpacked.
//!
//! Not the place for building: the zip is made from the staged output of a build that succeeded.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use walkdir::WalkDir;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::diagnostics::Diagnostic;
use crate::output::MARKER;

/// The name of the note at the top of the zip.
pub const README_NAME: &str = "LÆS MIG.txt";

/// The note: two lines, for Notepad as well as any other editor (a byte-order mark, CRLF).
const README_TEXT: &str = "\u{feff}Pak hele zip-filen ud, og dobbeltklik på index.html i den udpakkede mappe – så åbner håndbogen i din browser.\r\n\
     Den virker uden internet og uden server, men først når den er pakket ud: inde i zip-filen virker links og søgning ikke.\r\n";

/// Refuses a zip path the build would lose or could not write: inside the output folder, which
/// every build replaces, or an existing folder.
pub fn check_zip_path(zip: &Path, output: &Path) -> Result<(), Diagnostic> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (zip_abs, out_abs) = (absolute(zip), absolute(output));
    if zip_abs.starts_with(&out_abs) {
        return Err(Diagnostic::file(zip, "zip-filen kan ikke ligge i output-mappen, som hver build erstatter")
            .with_hint("læg den ved siden af output-mappen, fx --zip trio-haandbogen.zip"));
    }
    if zip.is_dir() {
        return Err(Diagnostic::file(zip, "der ligger en mappe med det navn, zip-filen skal have")
            .with_hint("skriv et filnavn, der ender på .zip, fx --zip trio-haandbogen.zip"));
    }
    Ok(())
}

/// Writes the site in `site_dir` as the zip file `zip_path` and returns how many files it holds
/// (the note included). It is written beside its place under a temporary name and renamed into
/// place when whole, so a failure leaves an earlier zip as it was and no half file.
pub fn write_site_zip(site_dir: &Path, zip_path: &Path) -> Result<usize, Diagnostic> {
    let error = |e: &dyn std::fmt::Display| {
        Diagnostic::file(zip_path, format!("kan ikke skrive zip-filen: {e}"))
            .with_hint("se efter, om mappen findes og kan skrives, og om der er plads på disken; selve siden er bygget")
    };
    if let Some(parent) = zip_path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| error(&e))?;
    }
    let temporary = temporary_path(zip_path);
    let result = write_zip(site_dir, &temporary).and_then(|n| std::fs::rename(&temporary, zip_path).map(|()| n));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        error(&e)
    })
}

/// `trio.zip` → `.trio.zip.tmp-<pid>` in the same folder.
fn temporary_path(zip_path: &Path) -> PathBuf {
    let name = zip_path.file_name().map_or_else(|| "site.zip".into(), |n| n.to_string_lossy().into_owned());
    zip_path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

fn write_zip(site_dir: &Path, temporary: &Path) -> std::io::Result<usize> {
    let mut zip = ZipWriter::new(BufWriter::new(File::create(temporary)?));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(build_time())
        .unix_permissions(0o644);
    zip.start_file(README_NAME, options).map_err(std::io::Error::other)?;
    zip.write_all(README_TEXT.as_bytes())?;
    let mut count = 1;
    let files = WalkDir::new(site_dir).sort_by_file_name().into_iter();
    for entry in files {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(site_dir).map_err(std::io::Error::other)?;
        let name: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let name = name.join("/");
        if name == MARKER || name == README_NAME {
            continue;
        }
        zip.start_file(name, options).map_err(std::io::Error::other)?;
        std::io::copy(&mut File::open(entry.path())?, &mut zip)?;
        count += 1;
    }
    zip.finish().map_err(std::io::Error::other)?.flush()?;
    Ok(count)
}

/// The build date (see [`crate::calendar::build_date_seconds`]) as a zip entry's time, UTC.
fn build_time() -> DateTime {
    let seconds = crate::calendar::build_date_seconds();
    let (year, month, day) = crate::calendar::civil_from_days(seconds.div_euclid(86_400));
    let second_of_day = seconds.rem_euclid(86_400);
    let (h, m, s) = (second_of_day / 3600, second_of_day % 3600 / 60, second_of_day % 60);
    let part = |n: u32| u8::try_from(n).unwrap_or(0);
    u16::try_from(year)
        .ok()
        .and_then(|y| {
            DateTime::from_date_and_time(y, part(month), part(day), part(h as u32), part(m as u32), part(s as u32)).ok()
        })
        .unwrap_or_default()
}
