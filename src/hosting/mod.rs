//! Hosting the built site on a web server: the headers, MIME types and cache rules it needs, in
//! one table ([`rules`]), and each server's configuration written from that table for the site's
//! own path — IIS's `web.config` ([`iis`], in every build), nginx's and Apache's snippets
//! ([`nginx`], [`apache`], printed by `triobog hosting`).
//!
//! Not the place for writing files: the pipeline hands `web.config` to the output like any page.

pub mod apache;
pub mod iis;
pub mod nginx;
pub mod rules;

use std::fmt::Write;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::model::urls::{ROBOTS_PATH, SITEMAP_PATH, WEB_CONFIG_PATH};
use crate::output::RenderedFile;
use rules::{CACHE_RULES, Caching, Header, SitePath};

/// The servers `triobog hosting` writes for, and `headers` for any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    /// An nginx `server { }` block's locations.
    Nginx,
    /// Apache's `Alias` and `<Directory>` sections.
    Apache,
    /// IIS's `web.config`.
    Iis,
    /// The headers and cache rules alone, one `Name: value` a line, for any other server.
    Headers,
}

impl Server {
    /// The server named `name` on the command line.
    pub fn from_name(name: &str) -> Option<Server> {
        match name.to_ascii_lowercase().as_str() {
            "nginx" => Some(Server::Nginx),
            "apache" | "apache2" | "httpd" => Some(Server::Apache),
            "iis" => Some(Server::Iis),
            "headers" => Some(Server::Headers),
            _ => None,
        }
    }
}

/// Where and how a site is hosted: what every server's configuration is written from.
#[derive(Debug, Clone)]
pub struct Hosting {
    /// The site's title, for the configuration's first comment.
    pub title: String,
    /// `base_url`, as the configuration's comment names it.
    pub base_url: String,
    /// The site's path in URLs, from `base_url`.
    pub path: SitePath,
    /// The folder the files live in on the server.
    pub dir: PathBuf,
    /// Whether search engines may index the site (`[hosting] search_engines`).
    pub search_engines: bool,
}

impl Hosting {
    /// The hosting of the site `config` describes, with its files in `dir`. An error when
    /// `base_url`'s path could not stand in a server's configuration as it is.
    pub fn new(config: &Config, dir: &Path) -> Result<Hosting, Diagnostic> {
        let path = SitePath::from_base_url(&config.base_url).map_err(|message| {
            Diagnostic::file("site.toml", message).with_hint(
                "skriv stien i base_url med bogstaver, tal og bindestreger, fx https://intranet.kommune.dk/trio/",
            )
        })?;
        Ok(Hosting {
            title: config.title.clone(),
            base_url: config.base_url(),
            path,
            dir: dir.to_path_buf(),
            search_engines: config.hosting.search_engines,
        })
    }

    /// The headers every file is sent with.
    pub fn headers(&self) -> Vec<Header> {
        rules::headers(self.search_engines)
    }

    /// The folder, with `/` separators and one at the end, as servers want it for an alias.
    pub fn dir_with_slash(&self) -> String {
        let dir = self.dir.to_string_lossy().replace('\\', "/");
        format!("{}/", dir.trim_end_matches('/'))
    }

    /// The configuration of `server` for this site.
    pub fn config_for(&self, server: Server) -> String {
        match server {
            Server::Nginx => nginx::nginx_snippet(self),
            Server::Apache => apache::apache_snippet(self),
            Server::Iis => iis::web_config(self),
            Server::Headers => self.headers_text(),
        }
    }

    /// Every header as `Name: value`, then the cache rules, for a server triobog does not know.
    fn headers_text(&self) -> String {
        let mut out = format!("# Svarhoveder for hver fil i {} under {}.\n", self.title, self.path.as_str());
        for h in self.headers() {
            let _ = writeln!(out, "{}: {}", h.name, h.value);
        }
        let _ = writeln!(out, "Cache-Control: {}", Caching::Revalidate.cache_control());
        out.push_str("# Undtagelser fra Cache-Control, fra sidens mappe (den mest præcise gælder):\n");
        for rule in CACHE_RULES {
            let _ =
                writeln!(out, "# {}{}: Cache-Control: {}", self.path.as_str(), rule.path, rule.caching.cache_control());
        }
        let _ = writeln!(
            out,
            "# En adresse, der ikke findes: 302 til {}, som svarer med status 404.",
            self.path.not_found()
        );
        out.push_str("# Filtyper (Content-Type):\n");
        for m in rules::MIME_TYPES {
            let _ = writeln!(out, "# .{}: {}", m.extension, m.mime);
        }
        out
    }
}

/// `web.config` for the site `config` describes, for the output folder of every build.
pub fn web_config_file(config: &Config) -> Result<RenderedFile, Diagnostic> {
    let hosting = Hosting::new(config, Path::new("."))?;
    Ok(RenderedFile { path: WEB_CONFIG_PATH.into(), bytes: iis::web_config(&hosting).into_bytes() })
}

/// A public site's `robots.txt` (`[hosting] search_engines = true`): every crawler welcome, and
/// where the sitemap is. `None` for an intranet's, whose `robots.txt` is the one in `static/`.
pub fn public_robots_file(config: &Config) -> Option<RenderedFile> {
    config.hosting.search_engines.then(|| RenderedFile {
        path: ROBOTS_PATH.into(),
        bytes: format!("User-agent: *\nAllow: /\n\nSitemap: {}{SITEMAP_PATH}\n", config.base_url()).into_bytes(),
    })
}
