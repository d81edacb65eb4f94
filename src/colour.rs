//! Colours: checking a colour written in `site.toml` or front matter, and the WCAG contrast
//! maths that picks black or white text for it. A leaf: it knows nothing of the site.

/// `#rrggbb` or `#rgb`.
pub fn is_hex_color(s: &str) -> bool {
    let hex = s.strip_prefix('#').unwrap_or("");
    (hex.len() == 6 || hex.len() == 3) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

/// Black or white, whichever reads better on `hex` (WCAG relative luminance).
pub fn text_color_on(hex: &str) -> &'static str {
    let h = hex.trim_start_matches('#');
    let full: String = if h.len() == 3 { h.chars().flat_map(|c| [c, c]).collect() } else { h.to_string() };
    let channel = |i: usize| {
        let v = u8::from_str_radix(full.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0) as f64 / 255.0;
        if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    let l = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
    if (1.05) / (l + 0.05) >= (l + 0.05) / 0.05 { "#ffffff" } else { "#000000" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_colour_has_contrast() {
        assert_eq!(text_color_on("#1d5c63"), "#ffffff");
        assert_eq!(text_color_on("#f5e663"), "#000000");
    }

    #[test]
    fn hex_colours_have_three_or_six_digits() {
        assert!(is_hex_color("#1d5c63") && is_hex_color("#abc"));
        assert!(!is_hex_color("1d5c63") && !is_hex_color("#12345") && !is_hex_color("#gggggg"));
    }
}
