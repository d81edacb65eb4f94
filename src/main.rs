//! The command line: parse arguments, call the library, print, set the exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use triobog::{build, check, BuildOptions};

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
    /// Write a new content file: case, tool, deck, questions or page.
    New {
        /// case | tool | deck | questions | page
        kind: String,
        /// The title, e.g. "Hjemmeplejen Nord"
        title: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { base_url, output, drafts } => {
            let opts = BuildOptions { root: cli.root, output, base_url, drafts };
            match build(&opts) {
                Ok(report) => {
                    if !report.warnings.is_empty() {
                        eprintln!("{}", report.warnings);
                    }
                    let kinds: Vec<String> = report.pages_by_kind.iter().map(|(k, n)| format!("{n} {}", k.name())).collect();
                    let total: usize = report.pages_by_kind.values().sum();
                    println!("Bygget {total} sider ({}) → {}", kinds.join(", "), report.output.display());
                    let t = report.timings;
                    println!(
                        "{} filer skrevet på {} ms (indlæsning {} ms, sammenkædning {} ms, sider {} ms, skrivning {} ms)",
                        report.files_written,
                        report.elapsed.as_millis(),
                        t.load.as_millis(),
                        t.resolve.as_millis(),
                        t.render.as_millis(),
                        t.write.as_millis()
                    );
                    ExitCode::SUCCESS
                }
                Err(ds) => {
                    eprintln!("{ds}");
                    eprintln!("Bygningen fejlede; den tidligere udgave af siden er urørt.");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve { port, interface, output, drafts } => {
            let build = BuildOptions { root: cli.root, output, base_url: None, drafts };
            match triobog::serve::serve(triobog::serve::ServeOptions { build, interface, port }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::New { kind, title } => {
            let Some(kind) = triobog::content::Kind::from_name(&kind).filter(|k| *k != triobog::content::Kind::Part) else {
                eprintln!("ukendt slags \"{kind}\": brug case, tool, deck, questions eller page");
                return ExitCode::FAILURE;
            };
            match triobog::new::new_content(&cli.root, kind, &title) {
                Ok(path) => {
                    println!("Oprettet {}", path.strip_prefix(&cli.root).unwrap_or(&path).display());
                    println!("Ret teksten, og kør `triobog check` for at se, om alt er i orden.");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{e}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { drafts } => {
            let opts = BuildOptions { root: cli.root, output: None, base_url: None, drafts };
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
