//! The model: the loaded pages made whole into one read-only [`Site`], and the addresses of
//! everything the site writes. Every later stage (render, search, calendar, PDFs) reads it.
//! - [`ids`]: pages by number;
//! - [`site`]: the site and its queries;
//! - [`resolve`]: links, references, sections, taxonomies — the model made whole;
//! - [`links`], [`sections`]: the parts of resolving;
//! - [`urls`]: every address the engine makes;
//! - [`printables`]: which printable sheets there are.

pub mod ids;
pub mod links;
pub mod printables;
pub mod resolve;
pub mod sections;
pub mod site;
pub mod urls;

pub use ids::{PageId, PerPage};
pub use resolve::resolve_site;
pub use site::{Site, Taxonomy, Term};
