//! `web.config` for IIS, written to the output folder by every build (and printed by
//! `triobog hosting iis`): the rules of [`super::rules`] in the elements IIS documents for
//! `system.webServer` — `defaultDocument`, `staticContent` (MIME maps, `clientCache`),
//! `httpErrors` and `httpProtocol/customHeaders` — and a `location` per cache rule.
//!
//! Every collection entry is removed before it is added: a server whose own configuration
//! already has it (a `.json` map, an `X-Content-Type-Options` header) would otherwise answer
//! every request with an error 500.19 for the duplicate.

use std::fmt::Write;

use super::rules::{CACHE_RULES, Caching, MIME_TYPES};
use super::site::Hosting;

/// `web.config` for `hosting`.
pub fn web_config(hosting: &Hosting) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<!-- {} på IIS under {}. Skrevet af triobog til base_url {}.\n     \
         Filen ligger i sidens mappe og gælder kun den. En adresse, der ikke findes, sendes videre til\n     \
         sidens 404-side, hvis links gælder fra sidens mappe. Flyttes siden til en anden sti, så byg\n     \
         igen med den nye base_url, eller skriv filen på ny med triobog hosting iis. -->",
        escape(&hosting.title),
        escape(hosting.path.as_str()),
        escape(&hosting.base_url)
    );
    out.push_str("<configuration>\n  <system.webServer>\n");
    out.push_str("    <defaultDocument enabled=\"true\">\n      <files>\n        <clear />\n");
    out.push_str("        <add value=\"index.html\" />\n      </files>\n    </defaultDocument>\n");
    out.push_str("    <staticContent>\n");
    for m in MIME_TYPES {
        let ext = format!(".{}", m.extension);
        let _ = writeln!(out, "      <remove fileExtension=\"{ext}\" />");
        let _ = writeln!(out, "      <mimeMap fileExtension=\"{ext}\" mimeType=\"{}\" />", escape(m.mime));
    }
    out.push_str(&client_cache(Caching::Revalidate, "      "));
    out.push_str("    </staticContent>\n");
    out.push_str("    <httpErrors errorMode=\"Custom\">\n      <remove statusCode=\"404\" subStatusCode=\"-1\" />\n");
    let _ = writeln!(
        out,
        "      <error statusCode=\"404\" path=\"{}\" responseMode=\"Redirect\" />",
        escape(&hosting.path.not_found())
    );
    out.push_str("    </httpErrors>\n    <httpProtocol>\n      <customHeaders>\n");
    for h in hosting.headers() {
        let _ = writeln!(out, "        <remove name=\"{}\" />", h.name);
        let _ = writeln!(out, "        <add name=\"{}\" value=\"{}\" />", h.name, escape(h.value));
    }
    out.push_str("      </customHeaders>\n    </httpProtocol>\n  </system.webServer>\n");
    for rule in CACHE_RULES {
        let _ = writeln!(out, "  <location path=\"{}\">", escape(rule.path.trim_end_matches('/')));
        out.push_str("    <system.webServer>\n      <staticContent>\n");
        out.push_str(&client_cache(rule.caching, "        "));
        out.push_str("      </staticContent>\n    </system.webServer>\n  </location>\n");
    }
    out.push_str("</configuration>\n");
    out
}

/// The `clientCache` element that sends `caching`'s `Cache-Control`.
fn client_cache(caching: Caching, indent: &str) -> String {
    match caching.max_age_seconds() {
        None => format!("{indent}<clientCache cacheControlMode=\"DisableCache\" />\n"),
        Some(seconds) => {
            let (days, rest) = (seconds / 86_400, seconds % 86_400);
            let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60);
            format!(
                "{indent}<clientCache cacheControlMode=\"UseMaxAge\" cacheControlMaxAge=\"{days}.{h:02}:{m:02}:{s:02}\" \
                 cacheControlCustom=\"public, immutable\" />\n"
            )
        }
    }
}

/// Text for an XML attribute or comment.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
