//! Content: find the files under `content/`, parse their front matter, build the typed model.
//! - [`walk`]: which files there are; [`cache`]: parsed files kept between `serve`'s rebuilds;
//! - [`page`]: one file into a page; [`front_matter`]: its `+++` block; [`load`]: all of them;
//! - [`model`]: the typed pages; [`overrides`]: local pages over national ones.

pub mod cache;
pub mod front_matter;
pub mod load;
pub mod model;
pub mod overrides;
pub mod page;
pub mod walk;

pub use cache::PageCache;
pub use load::{LoadedContent, load_content, load_content_cached};
pub use model::{Kind, KindData, Page, month_name};
pub use walk::{Asset, is_scratch_file};
