//! `triobog hosting nginx`: `location` blocks to paste into a `server { }` block as they are,
//! serving the site's folder under its path with the rules of [`super::rules`].
//!
//! nginx forgets a location's `add_header` lines in any location inside it that has its own, so
//! every location here lists all of them.

use std::fmt::Write;

use super::rules::{CACHE_RULES, Caching, HIDDEN_FILES, MIME_TYPES};
use super::site::Hosting;

/// The snippet for `hosting`.
pub fn nginx_snippet(hosting: &Hosting) -> String {
    let path = hosting.path.as_str();
    let dir = quoted(&hosting.dir_with_slash());
    let not_found = hosting.path.not_found();
    // A name of its own for each site, so that two sites can share a server block.
    let name = hosting.path.as_str().replace(|c: char| !c.is_ascii_alphanumeric(), "_");
    let named = format!("@triobog_{}", name.trim_matches('_'));
    let mut out = String::new();
    let _ = writeln!(out, "# {} under {path}, fra mappen {}.", hosting.title, hosting.dir_with_slash());
    let _ = writeln!(out, "# Skrevet af `triobog hosting nginx` til base_url {}.", hosting.base_url);
    out.push_str("# Sæt blokkene ind i serverens server { }-blok, som de står.\n\n");
    if !hosting.path.without_slash().is_empty() {
        let _ = writeln!(out, "location = {} {{\n    absolute_redirect off;", hosting.path.without_slash());
        out.push_str(&headers_block(hosting, Caching::Revalidate, "    "));
        let _ = writeln!(out, "    return 301 {path};\n}}\n");
    }
    let _ = writeln!(out, "location {path} {{");
    let _ = writeln!(out, "    alias {dir};");
    out.push_str("    index index.html;\n    absolute_redirect off;\n");
    out.push_str("    # Sidens filtyper (her i stedet for mime.types).\n");
    out.push_str(&types_block("    "));
    out.push_str("    default_type application/octet-stream;\n");
    out.push_str(
        "    # En adresse, der ikke findes, sendes videre til sidens 404-side, hvis links gælder fra sidens mappe.\n",
    );
    let _ = writeln!(out, "    error_page 404 = {named};");
    out.push_str(&headers_block(hosting, Caching::Revalidate, "    "));
    for rule in CACHE_RULES {
        let exact = if rule.path.ends_with('/') { "" } else { "= " };
        let _ = writeln!(out, "\n    location {exact}{path}{} {{", rule.path);
        out.push_str(&headers_block(hosting, rule.caching, "        "));
        out.push_str("    }\n");
    }
    for hidden in HIDDEN_FILES {
        let _ = writeln!(out, "\n    location = {path}{hidden} {{\n        return 404;\n    }}");
    }
    let _ =
        writeln!(out, "\n    # 404-siden svarer med status 404, også når browseren beder om den efter omdirigeringen.");
    let _ = writeln!(out, "    location = {not_found} {{");
    out.push_str("        internal;\n");
    let _ = writeln!(out, "        error_page 404 {not_found};");
    let _ = writeln!(out, "        alias {};", quoted(&format!("{}404.html", hosting.dir_with_slash())));
    out.push_str(&headers_block(hosting, Caching::Revalidate, "        "));
    out.push_str("    }\n}\n\n");
    let _ = writeln!(out, "location {named} {{\n    absolute_redirect off;");
    out.push_str(&headers_block(hosting, Caching::Revalidate, "    "));
    let _ = writeln!(out, "    return 302 {not_found};\n}}");
    out
}

/// The `types { }` block of every extension the site uses.
fn types_block(indent: &str) -> String {
    let mut out = format!("{indent}types {{\n");
    for m in MIME_TYPES {
        let _ = writeln!(out, "{indent}    {} {};", quoted(m.mime), m.extension);
    }
    let _ = writeln!(out, "{indent}}}");
    out
}

/// Every header, with `caching`'s `Cache-Control`; `always` sends them with errors too.
fn headers_block(hosting: &Hosting, caching: Caching, indent: &str) -> String {
    let mut out = String::new();
    for h in hosting.headers() {
        let _ = writeln!(out, "{indent}add_header {} {} always;", h.name, quoted(h.value));
    }
    let _ = writeln!(out, "{indent}add_header Cache-Control {} always;", quoted(caching.cache_control()));
    out
}

/// `s` in double quotes, with quotes and backslashes escaped as nginx reads them.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}
