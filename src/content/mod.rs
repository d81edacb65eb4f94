//! Content: find the files under `content/`, parse their front matter, build the typed model.

pub mod front_matter;
pub mod load;
pub mod model;

pub use load::{Asset, LoadedContent, PageCache, is_scratch_file, load_content, load_content_cached};
pub use model::{Kind, KindData, Page, month_name};
