//! The duplex calibration sheet: a front with crosses and a back with rulers round the same
//! points. Printed on both sides and held up to the light, it shows how far the printer puts
//! the back from the front; that offset, typed in on a card sheet, moves its backs.
//!
//! The points are the centre of the sheet and the centres of the four corner cards of a card
//! sheet: a set that a long-edge and a short-edge flip both map onto itself, so the sheet reads
//! the same whichever way the printer turns the paper. This file works out the drawing (in mm,
//! for an SVG with a `0 0 210 297` view box); `print/calibration.html` writes it.

use serde::Serialize;

/// Half the length of the large ruler at the centre, in mm.
const CENTRE_REACH: i32 = 15;
/// Half the length of the small rulers at the corner cards, in mm.
const CORNER_REACH: i32 = 5;
/// The centre of an A4 sheet, in mm.
const CENTRE: (f64, f64) = (105.0, 148.5);
/// The centres of the corner cards of a card sheet (3 × 3 cards of 63 × 88 mm, centred).
const CORNERS: [(f64, f64); 4] = [(42.0, 60.5), (168.0, 60.5), (42.0, 236.5), (168.0, 236.5)];

/// A number on a ruler, where it stands.
#[derive(Serialize, Debug, PartialEq)]
pub struct RulerLabel {
    x: f64,
    y: f64,
    text: String,
    /// `under` the grid (centred on its line) or to its `right` (after its line).
    side: &'static str,
}

/// The drawing round one point: a cross on the front; a grid with numbered lines on the back.
#[derive(Serialize)]
pub struct Target {
    /// The cross of the front, as SVG path data.
    cross: String,
    /// The 1 mm grid round the point, as SVG path data.
    grid: String,
    /// Every fifth line of the grid, drawn stronger.
    major: String,
    /// The two zero lines through the point.
    axes: String,
    /// The numbers of every fifth line, under the grid and to its right: right and down are plus.
    labels: Vec<RulerLabel>,
    /// On the large ruler, what its two scales measure.
    captions: Vec<RulerLabel>,
    /// The large ruler at the centre, or a small one at a corner card.
    large: bool,
}

/// What `print/calibration.html` draws: the target at the centre, then one at each corner card.
pub fn calibration_targets() -> Vec<Target> {
    std::iter::once(target(CENTRE, CENTRE_REACH, true))
        .chain(CORNERS.iter().map(|&p| target(p, CORNER_REACH, false)))
        .collect()
}

fn target((cx, cy): (f64, f64), reach: i32, large: bool) -> Target {
    let r = f64::from(reach);
    let arm = r + 3.0;
    let cross = format!("M{} {cy}H{}M{cx} {}V{}", mm(cx - arm), mm(cx + arm), mm(cy - arm), mm(cy + arm));
    let axes =
        format!("M{} {cy}H{}M{cx} {}V{}", mm(cx - r - 1.0), mm(cx + r + 1.0), mm(cy - r - 1.0), mm(cy + r + 1.0));
    let (mut grid, mut major, mut labels) = (String::new(), String::new(), Vec::new());
    for step in -reach..=reach {
        let d = f64::from(step);
        let lines =
            format!("M{} {}H{}M{} {}V{}", mm(cx - r), mm(cy + d), mm(cx + r), mm(cx + d), mm(cy - r), mm(cy + r));
        if step % 5 == 0 {
            major.push_str(&lines);
            labels.push(RulerLabel { x: cx + d, y: cy + r + 3.4, text: signed(step), side: "under" });
            labels.push(RulerLabel { x: cx + r + 1.4, y: cy + d + 0.9, text: signed(step), side: "right" });
        } else {
            grid.push_str(&lines);
        }
    }
    let captions = if large {
        vec![
            RulerLabel { x: cx, y: cy + r + 7.4, text: "vandret, mm".into(), side: "under" },
            RulerLabel { x: cx + r + 1.4, y: cy - r - 2.6, text: "lodret, mm".into(), side: "right" },
        ]
    } else {
        Vec::new()
    };
    Target { cross, grid, major, axes, labels, captions, large }
}

/// A length in mm for path data: at most two decimals, no trailing zeros.
fn mm(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A ruler's number with its sign, a real minus sign for the negative ones.
fn signed(n: i32) -> String {
    match n {
        0 => "0".to_string(),
        n if n > 0 => format!("+{n}"),
        n => format!("\u{2212}{}", -n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_large_ruler_is_numbered_every_five_mm_with_plus_to_the_right_and_down() {
        let t = target(CENTRE, CENTRE_REACH, true);
        let under: Vec<&str> =
            t.labels.iter().filter(|l| (l.y - (148.5 + 15.0 + 3.4)).abs() < 1e-9).map(|l| l.text.as_str()).collect();
        assert_eq!(under, ["\u{2212}15", "\u{2212}10", "\u{2212}5", "0", "+5", "+10", "+15"]);
        let down = t.labels.iter().find(|l| l.text == "+5" && (l.x - (105.0 + 15.0 + 1.4)).abs() < 1e-9).unwrap();
        assert!(down.y > 148.5, "plus is down: {down:?}");
        assert_eq!(t.cross, "M87 148.5H123M105 130.5V166.5");
        assert_eq!(target(CORNERS[0], CORNER_REACH, false).labels.len(), 6);
    }

    #[test]
    fn the_targets_are_symmetric_under_either_flip() {
        let points: Vec<(f64, f64)> = std::iter::once(CENTRE).chain(CORNERS).collect();
        for (x, y) in &points {
            assert!(points.iter().any(|(a, b)| (a - (210.0 - x)).abs() < 1e-9 && (b - y).abs() < 1e-9));
            assert!(points.iter().any(|(a, b)| (a - x).abs() < 1e-9 && (b - (297.0 - y)).abs() < 1e-9));
        }
        assert_eq!(calibration_targets().len(), 5);
        assert_eq!(mm(60.5), "60.5");
        assert_eq!(mm(-3.0), "-3");
    }
}
