//! Themes: `themes/<name>/templates` for Tera, `themes/<name>/static` for CSS, JS, icons, and
//! `themes/<name>/archetypes` for the files `triobog new` writes.
//!
//! A municipality's theme overrides single files of `themes/default` and inherits the rest;
//! under the site's own folders lies the copy built into the binary, and on a local site the
//! national handbook's folders lie between. [`stack`] orders the folders, [`load`] reads them,
//! [`errors`] names a broken template.

pub mod errors;
pub mod load;
pub mod stack;

pub use load::{StaticSource, Theme, load_theme};
pub use stack::{archetype, static_exists};
