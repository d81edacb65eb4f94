//! The output folder: [`staging`] writes a build beside it and swaps it in at once (and clears
//! what killed builds left); [`sink`] is what every writer hands its files to.

pub mod sink;
pub mod staging;

pub use sink::{Discard, FileSink, RenderedFile, deliver, write_error};
pub use staging::{MARKER, Output, safe_relative};
