//! What every web server must send with the site, in one table that each server's configuration
//! is written from: the response headers (the strict Content-Security-Policy the site runs
//! under), the MIME types of the files a site holds, and which files a browser may keep.
//!
//! Not the place for any server's syntax: that is `nginx.rs`, `apache.rs` and `iis.rs`.

use crate::model::urls::{NOT_FOUND_PATH, WEB_CONFIG_PATH};

/// The policy the site runs under, as strict as an intranet may set it: scripts, styles, images,
/// fonts and requests only from the site itself; no inline script or style, no `eval`, no
/// plugin, no `<base>`, forms only to the site, and no other site may frame it. Images may be
/// `data:` URLs (a municipality's logo or a Markdown image may be one). The browser tests serve
/// every page under exactly this policy (they read it from `triobog hosting headers`).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// Links from the handbook to other sites carry no address of the intranet; within the site the
/// browser sends it as usual.
pub const REFERRER_POLICY: &str = "same-origin";

/// What keeps search engines from indexing a page or a PDF, wherever the site lives (a
/// `robots.txt` counts only at the root of a host, not under `/trio/`).
pub const ROBOTS_NOINDEX: &str = "noindex, nofollow";

/// A response header every file of the site is sent with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The header's name, as servers write it.
    pub name: &'static str,
    /// Its value.
    pub value: &'static str,
}

/// The headers every response of the site carries (the cache header comes from [`CacheRule`]).
/// `X-Robots-Tag` only when search engines are kept out (`[hosting] search_engines` in
/// `site.toml`).
pub fn headers(search_engines: bool) -> Vec<Header> {
    let mut headers = vec![
        Header { name: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY },
        Header { name: "X-Content-Type-Options", value: "nosniff" },
        Header { name: "Referrer-Policy", value: REFERRER_POLICY },
    ];
    if !search_engines {
        headers.push(Header { name: "X-Robots-Tag", value: ROBOTS_NOINDEX });
    }
    headers
}

/// A file extension (without the dot) and the MIME type it is sent as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MimeType {
    /// The extension, lower case, without the dot: `ics`.
    pub extension: &'static str,
    /// The type, with `charset=utf-8` for text: what the browser reads the file as.
    pub mime: &'static str,
}

/// Every kind of file a triobog site holds or that a municipality is likely to add to
/// `static/` or beside a page: the site's own (HTML, CSS, JavaScript, SVG, XML, the calendar,
/// PDFs, text), images and web fonts. With `nosniff` a browser refuses a script or a style sent
/// as anything else, and IIS sends nothing at all for an extension it has no type for.
pub const MIME_TYPES: &[MimeType] = &[
    MimeType { extension: "html", mime: "text/html; charset=utf-8" },
    MimeType { extension: "css", mime: "text/css; charset=utf-8" },
    MimeType { extension: "js", mime: "text/javascript; charset=utf-8" },
    MimeType { extension: "json", mime: "application/json" },
    MimeType { extension: "webmanifest", mime: "application/manifest+json" },
    MimeType { extension: "xml", mime: "application/xml; charset=utf-8" },
    MimeType { extension: "txt", mime: "text/plain; charset=utf-8" },
    MimeType { extension: "ics", mime: "text/calendar; charset=utf-8" },
    MimeType { extension: "pdf", mime: "application/pdf" },
    MimeType { extension: "svg", mime: "image/svg+xml" },
    MimeType { extension: "png", mime: "image/png" },
    MimeType { extension: "jpg", mime: "image/jpeg" },
    MimeType { extension: "jpeg", mime: "image/jpeg" },
    MimeType { extension: "gif", mime: "image/gif" },
    MimeType { extension: "webp", mime: "image/webp" },
    MimeType { extension: "ico", mime: "image/x-icon" },
    MimeType { extension: "woff2", mime: "font/woff2" },
    MimeType { extension: "woff", mime: "font/woff" },
];

/// The type a file of `extension` is sent as, if the site knows it.
pub fn mime_type(extension: &str) -> Option<&'static str> {
    MIME_TYPES.iter().find(|m| m.extension.eq_ignore_ascii_case(extension)).map(|m| m.mime)
}

/// How long a browser may keep a file before it asks the server again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caching {
    /// Asked for again every time (answered by a short "not modified" when it is unchanged).
    Revalidate,
    /// Kept a year without asking: the address changes when the file does.
    Immutable,
}

impl Caching {
    /// The `Cache-Control` value.
    pub fn cache_control(self) -> &'static str {
        match self {
            Caching::Revalidate => "no-cache",
            Caching::Immutable => "public, max-age=31536000, immutable",
        }
    }

    /// The same time in seconds, for servers that write it apart from the header.
    pub fn max_age_seconds(self) -> Option<u32> {
        match self {
            Caching::Revalidate => None,
            Caching::Immutable => Some(31_536_000),
        }
    }
}

/// A part of the site with its own cache rule, from the site's folder: a folder ends in `/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheRule {
    /// The folder (`search/`) or file (`search/manifest.js`), relative to the site's folder.
    pub path: &'static str,
    /// How it is cached.
    pub caching: Caching,
}

/// Everything not named here is [`Caching::Revalidate`]: HTML, and the theme's CSS and
/// JavaScript, whose addresses do not change when they do, so a browser that kept them would
/// show a new page with an old script. The search index's files are asked for with the build
/// they belong to (`p-3.js?v=<build>`), so they can be kept; its manifest, which names the
/// build, cannot. The most specific rule wins.
pub const CACHE_RULES: &[CacheRule] = &[
    CacheRule { path: "search/", caching: Caching::Immutable },
    CacheRule { path: "search/manifest.js", caching: Caching::Revalidate },
];

/// Files of the output folder no server shows: IIS's configuration, and the marker that tells
/// triobog the folder is its own.
pub const HIDDEN_FILES: &[&str] = &[WEB_CONFIG_PATH, crate::output::MARKER];

/// The site's place on the server: the path of its folder in URLs (`/trio/`), from `base_url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePath(String);

impl SitePath {
    /// The path of `base_url` (`https://intranet.kommune.dk/trio/` → `/trio/`), with a slash at
    /// each end. An error says what is wrong with it when a server configuration could not hold
    /// it as it is (a space, a quote, a character with a meaning to a server).
    pub fn from_base_url(base_url: &str) -> Result<SitePath, String> {
        let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        let path = path.split(['?', '#']).next().unwrap_or("/");
        let path = format!("/{}/", path.trim_matches('/'));
        let path = path.replace("//", "/");
        if let Some(c) = path.chars().find(|c| !is_plain_path_char(*c)) {
            return Err(format!(
                "stien i base_url ({path}) indeholder tegnet {c:?}, som en serverkonfiguration ikke kan rumme som det er"
            ));
        }
        Ok(SitePath(path))
    }

    /// The path, `/trio/` (or `/` for a site at the root of its host).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path without its last slash, `/trio` (empty for the root).
    pub fn without_slash(&self) -> &str {
        self.0.trim_end_matches('/')
    }

    /// The address of the site's 404 page: `/trio/404.html`.
    pub fn not_found(&self) -> String {
        format!("{}{NOT_FOUND_PATH}", self.0)
    }
}

/// Letters (any script), digits and the few marks a folder name in a URL needs; nothing a
/// server's configuration would read as syntax.
fn is_plain_path_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_path_is_the_base_urls_path_with_slashes() {
        let path = |url: &str| SitePath::from_base_url(url).map(|p| p.as_str().to_string());
        assert_eq!(path("https://intranet.example.dk/trio/").unwrap(), "/trio/");
        assert_eq!(path("https://intranet.example.dk/a/b").unwrap(), "/a/b/");
        assert_eq!(path("http://localhost").unwrap(), "/");
        assert_eq!(path("http://localhost/").unwrap(), "/");
        assert_eq!(path("https://x.dk/håndbog/?a=1").unwrap(), "/håndbog/");
        assert!(path("https://x.dk/my trio/").is_err());
        assert!(path("https://x.dk/a\"b/").is_err());
        assert!(path("https://x.dk/a;b/").is_err());
    }

    #[test]
    fn the_search_manifest_is_revalidated_and_the_rest_of_the_index_kept() {
        let rule = |p: &str| {
            CACHE_RULES.iter().filter(|r| p.starts_with(r.path)).max_by_key(|r| r.path.len()).map(|r| r.caching)
        };
        assert_eq!(rule("search/manifest.js"), Some(Caching::Revalidate));
        assert_eq!(rule("search/p-3.js"), Some(Caching::Immutable));
        assert_eq!(rule("css/site.css"), None);
    }
}
