//! The annual wheel drawn as a wheel: the geometry of its SVG, worked out from the wheel's months
//! and topics at build time. Twelve wedges clockwise from January at the top, the month names
//! on a ring round them, each meeting's topic written along its wedge and wrapped to fit it, and
//! a hub in the middle. The template (`partials/wheel-svg.html`) only writes the shapes out; the
//! page and the poster draw the same wheel.

use serde::Serialize;

/// The side of the drawing's square `viewBox`; the centre is at half of it.
pub const SIZE: f64 = 1000.0;
const CENTRE: f64 = SIZE / 2.0;
/// Outer edge of the ring of month names.
const R_OUTER: f64 = 490.0;
/// Inner edge of the ring, outer edge of the wedges.
const R_RING: f64 = 405.0;
/// Inner edge of the wedges, round the hub.
const R_HUB: f64 = 165.0;
/// Font size of the month names on the ring.
const NAME_FONT: f64 = 34.0;
/// Where a topic's lines are centred along their wedge.
const R_TOPIC: f64 = 285.0;
/// Room left free at either end of a topic's line and beside its outermost lines.
const PADDING: f64 = 12.0;
/// Font sizes a topic is tried in, largest first, until it fits its wedge.
const TOPIC_FONTS: [f64; 4] = [26.0, 23.0, 20.0, 17.0];
/// Half the angle of a month's wedge, in degrees.
const HALF_WEDGE: f64 = 15.0;

/// The wheel as its SVG draws it.
#[derive(Serialize, Debug)]
pub struct WheelDrawing {
    /// The `viewBox` side.
    pub size: f64,
    /// The centre's `x` and `y`.
    pub centre: f64,
    /// The hub's radius.
    pub hub: f64,
    /// The font size of the month names.
    pub name_font: f64,
    /// How many months have a meeting.
    pub meetings: usize,
    /// The twelve months, januar first.
    pub months: Vec<DrawnMonth>,
}

/// One month of the drawing.
#[derive(Serialize, Debug)]
pub struct DrawnMonth {
    /// 1 = januar.
    pub number: u32,
    /// Whether the month has no meeting.
    pub free: bool,
    /// The wedge between the hub and the ring (an SVG path).
    pub wedge: String,
    /// The month's piece of the ring.
    pub ring: String,
    /// The arc the month's name is written along, read upright at the top and at the bottom.
    pub name_arc: String,
    /// The topic (or "no meeting") written along the wedge.
    pub label: Label,
}

/// Lines of text turned to lie along a wedge.
#[derive(Serialize, Debug)]
pub struct Label {
    /// The SVG `transform` that moves and turns the lines into the wedge.
    pub transform: String,
    /// The font size the lines fit in.
    pub font: f64,
    /// Each line and the `y` of its baseline, centred round 0.
    pub lines: Vec<Line>,
}

/// One line of a label.
#[derive(Serialize, Debug)]
pub struct Line {
    /// Its baseline, in the label's own turned coordinates.
    pub y: f64,
    /// Its text.
    pub text: String,
}

/// The wheel of twelve months; `topics[n]` is month `n + 1`'s topic, `None` when it has no
/// meeting and shows `free_label`.
pub fn wheel_drawing(topics: &[Option<&str>; 12], free_label: &str) -> WheelDrawing {
    let months = topics
        .iter()
        .zip(1u32..)
        .map(|(topic, number)| {
            let (a0, a1) = (f64::from(number - 1) * 30.0, f64::from(number) * 30.0);
            DrawnMonth {
                number,
                free: topic.is_none(),
                wedge: sector(R_HUB, R_RING, a0, a1),
                ring: sector(R_RING, R_OUTER, a0, a1),
                name_arc: name_arc(a0, a1),
                label: label(topic.unwrap_or(free_label), a0 + HALF_WEDGE),
            }
        })
        .collect();
    WheelDrawing {
        size: SIZE,
        centre: CENTRE,
        hub: R_HUB - 5.0,
        name_font: NAME_FONT,
        meetings: topics.iter().filter(|t| t.is_some()).count(),
        months,
    }
}

/// The point at radius `r` and angle `deg` (clockwise from twelve o'clock).
fn point(r: f64, deg: f64) -> (f64, f64) {
    let a = deg.to_radians();
    (CENTRE + r * a.sin(), CENTRE - r * a.cos())
}

/// `v` to one decimal, which is all the drawing needs.
fn round1(v: f64) -> f64 {
    let v = (v * 10.0).round() / 10.0;
    if v == 0.0 { 0.0 } else { v }
}

/// A number as the SVG writes it: one decimal at most, never `-0`.
fn num(v: f64) -> String {
    format!("{}", round1(v))
}

fn pt((x, y): (f64, f64)) -> String {
    format!("{} {}", num(x), num(y))
}

/// The piece of the ring between radii `r0` and `r1` and angles `a0` and `a1`.
fn sector(r0: f64, r1: f64, a0: f64, a1: f64) -> String {
    format!(
        "M{} A{r1} {r1} 0 0 1 {} L{} A{r0} {r0} 0 0 0 {} Z",
        pt(point(r1, a0)),
        pt(point(r1, a1)),
        pt(point(r0, a1)),
        pt(point(r0, a0))
    )
}

/// The arc a month name is written along. In the top half it runs clockwise, the letters
/// standing on it; in the bottom half it runs the other way, the letters hanging from it, so
/// that every name reads left to right. The baseline sits so that the letters are centred in
/// the ring.
fn name_arc(a0: f64, a1: f64) -> String {
    let middle = (R_RING + R_OUTER) / 2.0;
    let shift = NAME_FONT * 0.35;
    if a0 + HALF_WEDGE < 90.0 || a0 + HALF_WEDGE > 270.0 {
        let r = middle - shift;
        format!("M{} A{r} {r} 0 0 1 {}", pt(point(r, a0)), pt(point(r, a1)))
    } else {
        let r = middle + shift;
        format!("M{} A{r} {r} 0 0 0 {}", pt(point(r, a1)), pt(point(r, a0)))
    }
}

/// `text` laid along the wedge whose middle is at angle `mid`: the lines run along the radius,
/// outwards on the right half and inwards on the left, so none is upside down; the largest
/// font it fits in.
fn label(text: &str, mid: f64) -> Label {
    let turn = if mid < 180.0 { mid - 90.0 } else { mid + 90.0 - 360.0 };
    let (x, y) = point(R_TOPIC, mid);
    let transform = format!("translate({} {}) rotate({})", num(x), num(y), num(turn));
    let longest = R_RING - R_HUB - 2.0 * PADDING;
    let fitted =
        TOPIC_FONTS.iter().map(|&font| (font, wrap(text, longest, font))).find(|(font, lines)| fits(lines, *font));
    let (font, lines) = fitted.unwrap_or_else(|| {
        let font = TOPIC_FONTS[TOPIC_FONTS.len() - 1];
        (font, wrap(text, longest, font))
    });
    let step = font * 1.15;
    let first = -(lines.len() as f64 - 1.0) / 2.0 * step + font * 0.35;
    let lines =
        lines.into_iter().enumerate().map(|(k, text)| Line { y: round1(first + k as f64 * step), text }).collect();
    Label { transform, font, lines }
}

/// Whether `lines` in `font`, centred at [`R_TOPIC`] and stacked across the wedge, stay inside
/// it: the wedge narrows towards the hub, so each line's inner end must still be wide enough
/// for how far the line lies from the middle.
fn fits(lines: &[String], font: f64) -> bool {
    let step = font * 1.15;
    let half_tan = HALF_WEDGE.to_radians().tan();
    lines.iter().enumerate().all(|(k, line)| {
        let offset = ((k as f64) - (lines.len() as f64 - 1.0) / 2.0).abs() * step + font / 2.0;
        let inner = R_TOPIC - text_width(line, font) / 2.0;
        inner >= R_HUB + PADDING && offset <= inner * half_tan - PADDING / 2.0
    })
}

/// `text` broken between words into lines no wider than `width` in `font`; a word wider than
/// that is broken after a hyphen when it has one, else it stands alone on its line.
fn wrap(text: &str, width: f64, font: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace().flat_map(|w| split_long(w, width, font)) {
        let candidate = if current.is_empty() { word.clone() } else { format!("{current} {word}") };
        if text_width(&candidate, font) <= width || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// A word too wide for a line, split after its hyphens (`TRIO-` `samarbejdet`).
fn split_long(word: &str, width: f64, font: f64) -> Vec<String> {
    if text_width(word, font) <= width || !word.contains('-') {
        return vec![word.to_string()];
    }
    let mut parts: Vec<String> = word.split_inclusive('-').map(str::to_string).collect();
    // A hyphen at the end of a part keeps it glued visually to the next line's start.
    parts.retain(|p| !p.is_empty());
    parts
}

/// The width of `text` in `font`, estimated from typical widths of a sans-serif's letters set
/// semi-bold (as the topics are), slightly generous so that a real font's line is never wider.
pub fn text_width(text: &str, font: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            ' ' => 0.28,
            'i' | 'l' | 'j' | '.' | ',' | '\'' | '’' | '!' | '|' | ':' | ';' => 0.26,
            'f' | 't' | 'r' | '-' | '(' | ')' | 'I' => 0.38,
            'm' | 'w' | 'æ' => 0.86,
            'M' | 'W' | 'Æ' => 0.92,
            c if c.is_uppercase() => 0.7,
            c if c.is_ascii_digit() => 0.58,
            _ => 0.57,
        })
        .sum::<f64>()
        * font
        * 1.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eight_meetings() -> [Option<&'static str>; 12] {
        [
            Some("Sygefraværet i året der gik"),
            None,
            Some("Sygefravær og tilbagevenden"),
            Some("Kultur og trivsel"),
            Some("Voldspolitik"),
            None,
            None,
            None,
            Some("TRIO-netværket"),
            Some("Evaluering af TRIO-samarbejdet"),
            Some("Næste års årshjul"),
            Some("Fælles sociale aktiviteter"),
        ]
    }

    #[test]
    fn twelve_months_clockwise_from_january_at_the_top() {
        let d = wheel_drawing(&eight_meetings(), "Intet møde");
        assert_eq!(d.months.len(), 12);
        assert_eq!(d.meetings, 8);
        assert_eq!(d.months.iter().filter(|m| m.free).map(|m| m.number).collect::<Vec<_>>(), [2, 6, 7, 8]);
        // January's wedge starts straight above the centre, at the ring's inner edge.
        assert!(d.months[0].wedge.starts_with("M500 95 A405 405 0 0 1 "), "{}", d.months[0].wedge);
        // March (top half) reads clockwise, July (bottom half) the other way.
        assert!(d.months[2].name_arc.contains(" 0 0 1 "));
        assert!(d.months[6].name_arc.contains(" 0 0 0 "));
    }

    #[test]
    fn every_topic_fits_its_wedge_and_keeps_all_its_words() {
        let d = wheel_drawing(&eight_meetings(), "Intet møde");
        for (m, topic) in d.months.iter().zip(eight_meetings()) {
            let lines: Vec<String> = m.label.lines.iter().map(|l| l.text.clone()).collect();
            assert!(fits(&lines, m.label.font), "month {}: {lines:?} in {}", m.number, m.label.font);
            let joined = lines.join(" ").replace("- ", "-");
            assert_eq!(joined, topic.unwrap_or("Intet møde"));
        }
        assert_eq!(d.months[4].label.lines.len(), 1, "a short topic is one line");
    }

    #[test]
    fn a_very_long_topic_gets_a_smaller_font_rather_than_leaving_its_wedge() {
        let long = "Opfølgning på handleplanen for det psykiske arbejdsmiljø og de aftalte prøvehandlinger";
        let l = label(long, 45.0);
        assert!(l.font < TOPIC_FONTS[0]);
        assert!(l.lines.len() > 3);
    }

    #[test]
    fn text_on_the_left_half_is_turned_to_read_towards_the_hub() {
        assert!(label("Voldspolitik", 135.0).transform.ends_with("rotate(45)"));
        assert!(label("Voldspolitik", 285.0).transform.ends_with("rotate(15)"));
    }
}
