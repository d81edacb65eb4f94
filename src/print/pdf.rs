//! `triobog build --pdf`: prints every printable page to a PDF beside it with headless Chromium.
