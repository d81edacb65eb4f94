//! Hosting the built site on a web server: the headers, MIME types and cache rules it needs, in
//! one table ([`rules`]), and each server's configuration written from that table for the site's
//! own path ([`site`]) — IIS's `web.config` ([`iis`], in every build), nginx's and Apache's
//! snippets ([`nginx`], [`apache`], printed by `triobog hosting`).
//!
//! Not the place for writing files: the pipeline hands `web.config` to the output like any page.

pub mod apache;
pub mod iis;
pub mod nginx;
pub mod rules;
pub mod site;

use std::fmt::Write;
use std::path::Path;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::model::urls::{ROBOTS_PATH, SITEMAP_PATH, WEB_CONFIG_PATH};
use crate::output::RenderedFile;
use rules::{CACHE_RULES, Caching};
pub use site::Hosting;

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

/// The configuration of `server` for `hosting`.
pub fn config_for(hosting: &Hosting, server: Server) -> String {
    match server {
        Server::Nginx => nginx::nginx_snippet(hosting),
        Server::Apache => apache::apache_snippet(hosting),
        Server::Iis => iis::web_config(hosting),
        Server::Headers => headers_text(hosting),
    }
}

/// Every header as `Name: value`, then the cache rules, the 404 page and the MIME types as
/// comments, for a server triobog does not know (and for the browser tests' own server).
fn headers_text(hosting: &Hosting) -> String {
    let path = hosting.path.as_str();
    let mut out = format!("# Svarhoveder for hver fil i {} under {path}.\n", hosting.title);
    for h in hosting.headers() {
        let _ = writeln!(out, "{}: {}", h.name, h.value);
    }
    let _ = writeln!(out, "Cache-Control: {}", Caching::Revalidate.cache_control());
    out.push_str("# Undtagelser fra Cache-Control, fra sidens mappe (den mest præcise gælder):\n");
    for rule in CACHE_RULES {
        let _ = writeln!(out, "# {path}{}: Cache-Control: {}", rule.path, rule.caching.cache_control());
    }
    let not_found = hosting.path.not_found();
    let _ = writeln!(out, "# En adresse, der ikke findes: 302 til {not_found}, som svarer med status 404.");
    out.push_str("# Filtyper (Content-Type):\n");
    for m in rules::MIME_TYPES {
        let _ = writeln!(out, "# .{}: {}", m.extension, m.mime);
    }
    out
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
