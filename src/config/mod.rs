//! The site's settings: [`settings`] reads one `site.toml`; [`layers`] combines a local site's
//! with the national handbook's under it and names the folders the site is built from.

pub mod layers;
pub mod settings;

pub use layers::{Layer, Layers, load_site};
pub use settings::{AccessibilityConfig, Branding, Config, MarkdownConfig, PrintConfig, SearchConfig, UpstreamConfig};
