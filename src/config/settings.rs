//! One `site.toml` → [`Config`]: the site's title, base URL, branding and switches. Combining
//! a local site's `site.toml` with the national handbook's under it is [`super::layers`]'s job.
//!
//! Not the place for content: pages and their front matter live in `content/`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::diagnostics::toml_errors::toml_error;

/// The whole of `site.toml`, typed. Unknown keys are errors, as in front matter.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The handbook's title, shown in every page's header and `<title>`. Required, but a local
    /// site may leave it to the national handbook under it.
    #[serde(default)]
    pub title: String,
    /// One sentence about the handbook, for the front page and search engines.
    #[serde(default)]
    pub description: String,
    /// Absolute URL where the site will live; used only for `sitemap.xml` and printed URLs,
    /// never for links (those are relative so the site works under any path and from disk).
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// The pages' language (`lang`); Danish unless set.
    #[serde(default = "default_language")]
    pub language: String,
    /// Theme folder under `themes/`; it overrides `themes/default` file by file.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Year of the annual wheel's calendar (`.ics`); when unset, see [`crate::calendar::default_year`].
    #[serde(default)]
    pub year: Option<i32>,
    /// Set at build, never in `site.toml`: `year`, or the default when it is unset.
    #[serde(skip)]
    pub calendar_year: i32,
    /// Set at build, never in `site.toml`: the handbook's edition, its build date as
    /// `2026-12-06` (from `SOURCE_DATE_EPOCH` when set), printed on every card sheet so that
    /// loose sheets can be sorted.
    #[serde(skip)]
    pub edition: String,
    /// The municipality's look.
    #[serde(default)]
    pub branding: Branding,
    /// Markdown switches.
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Search switches and synonyms.
    #[serde(default)]
    pub search: SearchConfig,
    /// Print switches.
    #[serde(default)]
    pub print: PrintConfig,
    /// The accessibility statement and contacts.
    #[serde(default)]
    pub accessibility: AccessibilityConfig,
    /// The national handbook this site is a local layer over, if it is one.
    #[serde(default, skip_serializing)]
    pub upstream: Option<UpstreamConfig>,
    /// How the site is put on a web server.
    #[serde(default)]
    pub hosting: HostingConfig,
}

/// `[upstream]`: the national handbook a local site builds on, and the national pages it leaves
/// out.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpstreamConfig {
    /// The national handbook's folder, relative to this `site.toml` (or absolute).
    pub path: String,
    /// National pages (and files) left out, by path under `content/`: `"cases/akutmodtagelse.md"`.
    #[serde(default)]
    pub hide: Vec<String>,
}

/// How the site is put on a web server.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HostingConfig {
    /// Whether search engines may index the site. Off for an intranet's handbook: every page
    /// says `noindex`, the server configurations send `X-Robots-Tag`, and `robots.txt` of
    /// `static/` keeps crawlers out at the root of a host. On for a public site: none of that,
    /// and a `robots.txt` that names the sitemap takes the place of the one in `static/`.
    #[serde(default)]
    pub search_engines: bool,
}

/// The municipality's look: name, logo and colours.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Branding {
    /// The organisation publishing the handbook, e.g. "Eksempel Kommune".
    #[serde(default)]
    pub name: String,
    /// Path of a logo file under `static/` (SVG or PNG).
    #[serde(default)]
    pub logo: Option<String>,
    /// The header's colour, `#rrggbb`.
    #[serde(default = "default_primary")]
    pub primary_color: String,
    /// The colour of links and focus, `#rrggbb`.
    #[serde(default = "default_accent")]
    pub accent_color: String,
}

impl Default for Branding {
    fn default() -> Self {
        Branding { name: String::new(), logo: None, primary_color: default_primary(), accent_color: default_accent() }
    }
}

/// Markdown switches. Raw HTML is off by default, like Hugo's safe default.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Let raw HTML in Markdown through (off: it is left out, with a warning).
    #[serde(default)]
    pub allow_html: bool,
}

/// Search switches, the abbreviations a municipality wants treated as synonyms and the words it
/// wants treated as related (its additions to the thesaurus).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// Whether pages get a search box and the index is built.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Extra synonyms: abbreviation → words it stands for.
    #[serde(default)]
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Extra thesaurus entries: a word or phrase people type → the words the handbook uses for it.
    #[serde(default)]
    pub thesaurus: BTreeMap<String, Vec<String>>,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true, synonyms: BTreeMap::new(), thesaurus: BTreeMap::new() }
    }
}

/// Print switches.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PrintConfig {
    /// Whether the print corner and the printable sheets are built.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Set by `triobog build --pdf`, never in `site.toml`: this build also writes a PDF of every
    /// printable page, so the print corner links them.
    #[serde(skip)]
    pub pdf: bool,
}

impl Default for PrintConfig {
    fn default() -> Self {
        PrintConfig { enabled: true, pdf: false }
    }
}

/// Where the accessibility statement (tilgængelighedserklæring) lives and whom to contact.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityConfig {
    /// Where the statement is published (Digitaliseringsstyrelsen's WAS tool).
    #[serde(default)]
    pub statement_url: Option<String>,
    /// A phone number for reporting accessibility problems.
    #[serde(default)]
    pub contact_phone: Option<String>,
    /// An e-mail address for reporting accessibility problems.
    #[serde(default)]
    pub contact_email: Option<String>,
}

fn default_base_url() -> String {
    "http://localhost/".into()
}
fn default_language() -> String {
    "da".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_primary() -> String {
    "#1d5c63".into()
}
fn default_accent() -> String {
    "#b3541e".into()
}
fn yes() -> bool {
    true
}

impl Config {
    /// Reads and validates `site.toml` in `root` on its own (see [`super::layers::load_site`]
    /// for a local site over a national one); `shown` names the file in messages.
    pub fn load_file(root: &Path, shown: &Path) -> Result<(Config, String), Diagnostic> {
        let path = root.join("site.toml");
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::file(shown, format!("kan ikke læse site.toml: {e}"))
                .with_hint("kør triobog i mappen med site.toml, eller opret filen med mindst `title = \"...\"`")
        })?;
        let config: Config = toml::from_str(&text).map_err(|e| toml_error(shown, &text, 0, &e, CONFIG_KEYS))?;
        config.validate(shown, &text)?;
        Ok((config, text))
    }

    /// The error for a site with no title, in the end (its own or the national handbook's).
    pub fn check_title(&self, shown: &Path) -> Result<(), Diagnostic> {
        if !self.title.trim().is_empty() {
            return Ok(());
        }
        Err(Diagnostic::file(shown, "håndbogen har ingen titel: `title` mangler")
            .with_hint("skriv fx title = \"TRIO-håndbogen\" øverst i site.toml"))
    }

    fn validate(&self, shown: &Path, text: &str) -> Result<(), Diagnostic> {
        for (key, value) in
            [("primary_color", &self.branding.primary_color), ("accent_color", &self.branding.accent_color)]
        {
            if !crate::colour::is_hex_color(value) {
                let offset = text.find(key).unwrap_or(0);
                return Err(Diagnostic::at(
                    shown,
                    text,
                    offset,
                    format!("`branding.{key}` skal være en farve som \"#1d5c63\", ikke \"{value}\""),
                )
                .with_hint("skriv farven som # og seks hex-cifre"));
            }
        }
        if let Some(year) = self.year.filter(|y| !(2000..=2999).contains(y)) {
            let offset = text.find("\nyear").map_or(0, |o| o + 1);
            return Err(Diagnostic::at(
                shown,
                text,
                offset,
                format!("`year = {year}` er ikke et årstal, kalenderen kan bruge"),
            )
            .with_hint("skriv året for årshjulets kalender med fire cifre, fx year = 2026, eller slet linjen"));
        }
        if !self.base_url.starts_with("http://") && !self.base_url.starts_with("https://") {
            let offset = text.find("base_url").unwrap_or(0);
            return Err(Diagnostic::at(
                shown,
                text,
                offset,
                format!("`base_url` skal være en fuld adresse, ikke \"{}\"", self.base_url),
            )
            .with_hint("fx base_url = \"https://intranet.kommune.dk/trio/\""));
        }
        Ok(())
    }

    /// A warning when no accessibility statement is linked: Danish public bodies must publish
    /// one (webtilgængelighedsloven), in the Agency for Digital Government's WAS tool. Until
    /// one is set, the footer links a generated page that says how to make it.
    pub fn missing_statement_warning(&self, root: &Path, shown: &Path) -> Option<Diagnostic> {
        if self.accessibility.statement_url.as_deref().is_some_and(|url| !url.trim().is_empty()) {
            return None;
        }
        let text = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
        let message = "der er ingen tilgængelighedserklæring: `statement_url` under [accessibility] mangler";
        let diagnostic = match text.find("[accessibility]") {
            Some(offset) => Diagnostic::at(shown, &text, offset, message),
            None => Diagnostic::file(shown, message),
        };
        Some(
            diagnostic
                .with_hint(
                    "opret erklæringen i Digitaliseringsstyrelsens WAS-værktøj (was.digst.dk), også for et intranet, og skriv \
                     dens adresse i site.toml: [accessibility] statement_url = \"https://www.was.digst.dk/...\"; indtil da \
                     linker sidefoden til siden tilgaengelighed/, som forklarer hvordan",
                )
                .warning(),
        )
    }

    /// The base URL with exactly one trailing slash.
    pub fn base_url(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}

/// Every key `site.toml` may have, for a "did you mean".
pub const CONFIG_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "year",
    "branding",
    "markdown",
    "search",
    "print",
    "accessibility",
    "hosting",
    "name",
    "logo",
    "primary_color",
    "accent_color",
    "allow_html",
    "enabled",
    "synonyms",
    "thesaurus",
    "statement_url",
    "contact_phone",
    "contact_email",
    "upstream",
    "path",
    "hide",
    "search_engines",
];
