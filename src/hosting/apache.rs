//! `triobog hosting apache`: an `Alias` and the `<Directory>` sections for the server's
//! configuration (a `VirtualHost`, or a file in `conf-enabled/`), serving the site's folder
//! under its path with the rules of [`super::rules`].

use std::fmt::Write;

use super::rules::{CACHE_RULES, Caching, HIDDEN_FILES, MIME_TYPES};
use super::site::Hosting;

/// The snippet for `hosting`.
pub fn apache_snippet(hosting: &Hosting) -> String {
    let path = hosting.path.as_str();
    let dir = hosting.dir_with_slash();
    let not_found = hosting.path.not_found();
    let mut out = String::new();
    let _ = writeln!(out, "# {} under {path}, fra mappen {dir}.", hosting.title);
    let _ = writeln!(out, "# Skrevet af `triobog hosting apache` til base_url {}.", hosting.base_url);
    out.push_str("# Sæt det ind i værtens <VirtualHost> eller i en fil i conf-enabled/. Det bruger mod_alias,\n");
    out.push_str("# mod_dir, mod_mime, mod_headers og mod_rewrite (på Debian og Ubuntu: a2enmod headers rewrite).\n\n");
    // Both with a slash at the end or both without, as mod_alias wants them.
    let folder = dir.trim_end_matches('/');
    let (alias_path, alias_dir) = match hosting.path.without_slash() {
        "" => ("/", dir.as_str()),
        path => (path, folder),
    };
    let _ = writeln!(out, "Alias {} {}", quoted(alias_path), quoted(alias_dir));
    let _ = writeln!(out, "<Directory {}>", quoted(folder));
    out.push_str("    Require all granted\n    Options -Indexes -MultiViews\n    AllowOverride None\n");
    out.push_str("    DirectoryIndex index.html\n");
    for m in MIME_TYPES {
        let _ = writeln!(out, "    AddType {} .{}", quoted(m.mime), m.extension);
    }
    out.push_str(&headers_lines(hosting, Caching::Revalidate, "    "));
    let hidden: Vec<String> = HIDDEN_FILES.iter().map(|f| f.replace('.', "\\.")).collect();
    let _ =
        writeln!(out, "    <FilesMatch \"^({})$\">\n        Require all denied\n    </FilesMatch>", hidden.join("|"));
    out.push_str("    RewriteEngine On\n");
    out.push_str(
        "    # En adresse, der ikke findes, sendes videre til sidens 404-side, hvis links gælder fra sidens mappe,\n",
    );
    out.push_str("    RewriteCond %{REQUEST_FILENAME} !-f\n    RewriteCond %{REQUEST_FILENAME} !-d\n");
    let _ = writeln!(out, "    RewriteRule ^ {not_found} [R=302,L]");
    out.push_str("    # og 404-siden svarer med status 404, også når browseren beder om den efter omdirigeringen.\n");
    out.push_str("    RewriteCond %{ENV:REDIRECT_STATUS} ^$\n    RewriteRule ^404\\.html$ - [R=404,L]\n");
    let _ = writeln!(out, "    ErrorDocument 404 {not_found}");
    out.push_str("</Directory>\n");
    out.push_str(&cache_sections(&dir));
    out
}

/// A `<Directory>` for each cached folder, with a `<Files>` inside for each file that differs.
fn cache_sections(dir: &str) -> String {
    let mut out = String::new();
    for folder in CACHE_RULES.iter().filter(|r| r.path.ends_with('/')) {
        let _ = writeln!(out, "<Directory {}>", quoted(&format!("{dir}{}", folder.path.trim_end_matches('/'))));
        out.push_str(&cache_line(folder.caching, "    "));
        for file in CACHE_RULES.iter().filter(|r| r.path.strip_prefix(folder.path).is_some_and(|f| !f.contains('/'))) {
            let name = &file.path[folder.path.len()..];
            if name.is_empty() {
                continue;
            }
            let _ = writeln!(out, "    <Files {}>", quoted(name));
            out.push_str(&cache_line(file.caching, "        "));
            out.push_str("    </Files>\n");
        }
        out.push_str("</Directory>\n");
    }
    out
}

/// Every header but the cache header; `always` sends them with errors too.
fn headers_lines(hosting: &Hosting, caching: Caching, indent: &str) -> String {
    let mut out = String::new();
    for h in hosting.headers() {
        let _ = writeln!(out, "{indent}Header always set {} {}", h.name, quoted(h.value));
    }
    out.push_str(&cache_line(caching, indent));
    out
}

fn cache_line(caching: Caching, indent: &str) -> String {
    format!("{indent}Header always set Cache-Control {}\n", quoted(caching.cache_control()))
}

/// `s` in double quotes, with quotes and backslashes escaped as Apache reads them.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
