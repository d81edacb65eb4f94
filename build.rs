//! The default theme is built into the binary (`include_dir!` in `src/theme.rs`); a file added
//! to it must rebuild the binary too, which cargo only knows when told to watch the folder.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
