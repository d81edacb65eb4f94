//! Where and how one site is hosted — its path from `base_url`, its folder on the server, whether
//! search engines may index it —: what every server's configuration is written from.

use std::path::{Path, PathBuf};

use super::rules::{self, Header, SitePath};
use crate::config::Config;
use crate::diagnostics::Diagnostic;

/// Where and how a site is hosted.
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
}
