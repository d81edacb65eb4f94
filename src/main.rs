//! The command line: parse arguments, call the library, print, set the exit code.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use triobog::content::Kind;
use triobog::hosting::Server;
use triobog::{BuildOptions, BuildReport, PdfOptions, build, check, hosting_config};

/// A build makes millions of short-lived strings on every core; mimalloc's per-thread heaps
/// serve them without the contention of the system allocator's arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "triobog", version, about = "Byg TRIO-håndbogen og andre vejledningshåndbøger som statiske sider")]
struct Cli {
    /// The site's folder (with site.toml and content/); the current folder by default.
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output).
    Build {
        /// Base URL for sitemap.xml and printed addresses, e.g. https://intranet.kommune.dk/trio/
        #[arg(long)]
        base_url: Option<String>,
        /// Output folder.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Include pages with draft = true.
        #[arg(long)]
        drafts: bool,
        /// Also write a PDF of every printable page into print/ (needs Chromium).
        #[arg(long)]
        pdf: bool,
        /// Chromium or Chrome to print the PDFs with; looked up on PATH when not given.
        #[arg(long, value_name = "PATH", requires = "pdf")]
        chromium: Option<PathBuf>,
        /// Also write the site as one zip file, to open from disk or a USB stick.
        #[arg(long, value_name = "FILE")]
        zip: Option<PathBuf>,
    },
    /// Print the web server configuration for the site's base_url: nginx, apache, iis (web.config) or headers.
    Hosting {
        /// nginx | apache | iis | headers
        server: String,
        /// The folder the site's files live in on the server; the output folder by default.
        #[arg(long, value_name = "PATH")]
        dir: Option<PathBuf>,
        /// Write it for another address than base_url in site.toml, e.g. https://intranet.kommune.dk/haandbog/
        #[arg(long)]
        base_url: Option<String>,
        /// The output folder, when --dir is not given.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Validate everything without writing; exit 1 when there are errors.
    Check {
        #[arg(long)]
        drafts: bool,
    },
    /// Build, serve on 127.0.0.1, rebuild on every save and reload the browser.
    Serve {
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Network interface to listen on; only 127.0.0.1 unless you ask.
        #[arg(long, default_value = "127.0.0.1")]
        interface: std::net::IpAddr,
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[arg(long)]
        drafts: bool,
    },
    /// Write a new content file: case, tool, deck, questions or page; or copy a national page
    /// into a local site to change it (--override).
    New {
        /// case | tool | deck | questions | page
        #[arg(required_unless_present = "override_page")]
        kind: Option<String>,
        /// The title, e.g. "Hjemmeplejen Nord"
        #[arg(required_unless_present = "override_page")]
        title: Option<String>,
        /// A national page to copy into this local site, e.g. om-trio/lokal-retningslinje.md
        #[arg(long = "override", value_name = "PATH", conflicts_with_all = ["kind", "title"])]
        override_page: Option<String>,
    },
    /// Show what a national page changed since this local site's copy of it was made.
    DiffUpstream {
        /// The page, as under content/, e.g. om-trio/lokal-retningslinje.md
        path: String,
        /// Accept the national page as it is now: stamp the local copy with it.
        #[arg(long)]
        accept: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { base_url, output, drafts, pdf, chromium, zip } => {
            let progress: triobog::pipeline::PdfProgress =
                std::sync::Arc::new(|done, total, name: &str| eprintln!("PDF {done} af {total}: {name}"));
            let pdf = pdf.then_some(PdfOptions { chromium, progress: Some(progress) });
            let opts = BuildOptions { root: cli.root, output, base_url, drafts, pdf, zip };
            match build(&opts) {
                Ok(report) => print_build_report(&report),
                Err(ds) => {
                    eprintln!("{ds}");
                    eprintln!("Bygningen fejlede; den tidligere udgave af siden er urørt.");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Hosting { server, dir, base_url, output } => {
            let Some(server) = Server::from_name(&server) else {
                eprintln!("ukendt server \"{server}\": brug nginx, apache, iis eller headers");
                return ExitCode::FAILURE;
            };
            let opts = BuildOptions { output, base_url, ..BuildOptions::new(cli.root) };
            match hosting_config(&opts, server, dir.as_deref()) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(ds) => {
                    eprintln!("{ds}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve { port, interface, output, drafts } => {
            let build = BuildOptions { output, drafts, ..BuildOptions::new(cli.root) };
            match triobog::serve::serve(triobog::serve::ServeOptions { build, interface, port }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::New { kind, title, override_page } => new(&cli.root, kind, title, override_page),
        Command::DiffUpstream { path, accept } => diff_upstream(&cli.root, &path, accept),
        Command::Check { drafts } => {
            let opts = BuildOptions { drafts, ..BuildOptions::new(cli.root) };
            let ds = check(&opts);
            if ds.is_empty() {
                println!("Ingen problemer fundet.");
            } else {
                eprintln!("{ds}");
            }
            if ds.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
    }
}

/// `triobog new`: a new file of a kind, or a local copy of a national page.
fn new(root: &Path, kind: Option<String>, title: Option<String>, override_page: Option<String>) -> ExitCode {
    let written = match (override_page, kind, title) {
        (Some(source), _, _) => triobog::upstream::override_page(root, &source),
        (None, Some(kind), Some(title)) => match Kind::from_name(&kind).filter(|k| *k != Kind::Part) {
            Some(kind) => triobog::new::new_content(root, kind, &title),
            None => Err(format!("ukendt slags \"{kind}\": brug case, tool, deck, questions eller page")),
        },
        _ => Err("skriv slags og titel, fx triobog new case \"Hjemmeplejen Nord\"".to_string()),
    };
    match written {
        Ok(path) => {
            println!("Oprettet {}", path.strip_prefix(root).unwrap_or(&path).display());
            println!("Ret teksten, og kør `triobog check` for at se, om alt er i orden.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// `triobog diff-upstream`: what a national page changed under a local copy, or accepting it.
fn diff_upstream(root: &Path, path: &str, accept: bool) -> ExitCode {
    let result = if accept {
        triobog::upstream::accept(root, path)
            .map(|stamp| format!("{path} bygger nu på den nationale udgave {stamp} (based_on er opdateret)."))
    } else {
        triobog::upstream::diff_upstream(root, path).map(|diff| {
            if diff.is_empty() { format!("Ingen forskel: {path} er som den nationale udgave.") } else { diff }
        })
    };
    match result {
        Ok(text) => {
            println!("{}", text.trim_end());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// The one-screen summary of a build; a zip that could not be written fails the command, though
/// the site itself was built.
fn print_build_report(report: &BuildReport) -> ExitCode {
    if !report.warnings.is_empty() {
        eprintln!("{}", report.warnings);
    }
    let kinds: Vec<String> = report.pages_by_kind.iter().map(|(k, n)| format!("{n} {}", k.name())).collect();
    let total: usize = report.pages_by_kind.values().sum();
    println!("Bygget {total} sider ({}) → {}", kinds.join(", "), report.output.display());
    let t = report.timings;
    let pdfs = if report.pdfs_written > 0 { format!(" og {} PDF'er", report.pdfs_written) } else { String::new() };
    println!(
        "{} filer{pdfs} skrevet på {} ms (indlæsning {} ms, sammenkædning {} ms, sider {} ms, skrivning {} ms)",
        report.files_written,
        report.elapsed.as_millis(),
        t.load.as_millis(),
        t.resolve.as_millis(),
        t.render.as_millis(),
        t.write.as_millis()
    );
    match &report.zip {
        None => ExitCode::SUCCESS,
        Some(Ok((path, files))) => {
            println!("Zip-filen {} er skrevet med {files} filer; pak den ud, og åbn index.html.", path.display());
            ExitCode::SUCCESS
        }
        Some(Err(d)) => {
            eprintln!("{d}");
            eprintln!("Siden er bygget i {}, men zip-filen blev ikke skrevet.", report.output.display());
            ExitCode::FAILURE
        }
    }
}
