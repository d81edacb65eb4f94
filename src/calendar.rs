//! The annual wheel as an iCalendar file (RFC 5545): one all-day event per month of the wheel,
//! which a TRIO imports into its calendar and then moves to its real meeting dates.
//!
//! Hand-written, because the subset is small: text escaping, line folding at 75 octets, dates.
//! Reproducible: the year comes from `site.toml` (or a documented default, see [`default_year`])
//! and `DTSTAMP` is derived from it, so two builds of the same input give the same bytes.

use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::content::model::{Month, Wheel};
use crate::content::month_name;
use crate::model::Site;
use crate::model::urls::{agenda_sheet_dir, calendar_path};
use crate::output::RenderedFile;

/// The longest a content line may be, in octets, without its CRLF (RFC 5545, 3.1).
const MAX_LINE_OCTETS: usize = 75;
/// From this month on, a build without `year` in `site.toml` makes next year's calendar: the
/// wheel's own rhythm plans the coming year in the autumn.
const NEXT_YEAR_FROM_MONTH: u32 = 10;

/// The calendar file of the site's annual wheel, if it has one with at least one month.
pub fn wheel_calendar_file(site: &Site) -> Option<RenderedFile> {
    let (page, wheel) = site.wheel_with_meetings()?;
    let page = &site.pages[page];
    let year = site.config.calendar_year;
    let base = site.config.base_url();
    let agenda_sheets = site.config.print.enabled.then(|| format!("{base}{}", agenda_sheet_dir(None)));
    let text = wheel_calendar(&CalendarInput {
        wheel,
        year,
        page_url: &format!("{base}{}", page.url),
        calendar_name: &format!("TRIO-møder {year} · {}", site.config.title),
        agenda_sheets: agenda_sheets.as_deref(),
    });
    Some(RenderedFile { path: calendar_path(&page.url, year), bytes: text.into_bytes() })
}

/// What one calendar is made from.
pub struct CalendarInput<'a> {
    /// The wheel: its months and their topics.
    pub wheel: &'a Wheel,
    /// The year the events are in.
    pub year: i32,
    /// The wheel page's absolute URL, ending in `/`.
    pub page_url: &'a str,
    /// The calendar's name, as calendar programs show it.
    pub calendar_name: &'a str,
    /// The absolute URL of the folder of agenda sheets (`…/print/aarshjul/dagsorden/`), when
    /// the site prints; each event then links its month's sheet.
    pub agenda_sheets: Option<&'a str>,
}

/// The whole calendar, CRLF line ends, folded.
pub fn wheel_calendar(input: &CalendarInput) -> String {
    let year = input.year;
    let stamp = format!("{:04}0101T000000Z", year - 1);
    let uid_base = input.page_url.split_once("://").map_or(input.page_url, |(_, rest)| rest);
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//triobog//Årshjul for TRIO-møder//DA".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape_text(input.calendar_name)),
    ];
    for month in &input.wheel.months {
        let day = first_working_day(year, month.month);
        let (next_y, next_m, next_d) = civil_from_days(days_from_civil(year, month.month, day) + 1);
        let name = month_name(month.month);
        let agenda = input.agenda_sheets.map(|dir| format!("{dir}{name}/"));
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:trio-moede-{year}-{:02}@{}", month.month, escape_text(uid_base)),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{year:04}{:02}{day:02}", month.month),
            format!("DTEND;VALUE=DATE:{next_y:04}{next_m:02}{next_d:02}"),
            format!("SUMMARY:{}", escape_text(&format!("TRIO-møde: {}", month.topic))),
            format!(
                "DESCRIPTION:{}",
                escape_text(&event_description(input.wheel, month, name, agenda.as_deref(), input.page_url))
            ),
            format!("URL:{}#maaned-{}", input.page_url, month.month),
            "TRANSP:TRANSPARENT".into(),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        out.push_str(&fold_line(line));
    }
    out
}

/// The event's description: the month's items, the standing agenda, where to read more.
fn event_description(wheel: &Wheel, month: &Month, name: &str, agenda_sheet: Option<&str>, page_url: &str) -> String {
    let mut text = format!("Månedens emne: {}\n", month.topic);
    for item in &month.items {
        let _ = writeln!(text, "- {item}");
    }
    if !wheel.agenda.is_empty() {
        text.push_str("\nFast dagsorden:\n");
        for (n, point) in wheel.agenda.iter().enumerate() {
            let _ = writeln!(text, "{}. {point}", n + 1);
        }
    }
    text.push_str("\nDatoen er kun et forslag: flyt mødet til den dag, der passer jer.\n");
    if let Some(sheet) = agenda_sheet {
        let _ = writeln!(text, "Dagsorden for {name} til print: {sheet}");
    }
    let _ = write!(text, "Årshjulet: {page_url}");
    text
}

/// Escapes a TEXT value (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// One content line, folded so that no line is longer than 75 octets (RFC 5545, 3.1): a fold is
/// CRLF and a space, never inside a UTF-8 character. Ends with CRLF.
///
/// A fold falls between two characters that are not blanks where it can: some parsers trim the
/// blanks at the ends of folded lines, which would join or split words.
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut rest = line;
    // The space that starts a continuation line counts towards its 75 octets.
    let mut limit = MAX_LINE_OCTETS;
    while rest.len() > limit {
        let mut end = limit;
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let mut cut = end;
        while cut > limit / 2 && !is_clean_break(rest, cut) {
            cut = rest[..cut].char_indices().next_back().map_or(0, |(i, _)| i);
        }
        if !is_clean_break(rest, cut) {
            cut = end;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = MAX_LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
    out
}

/// Whether `s` may be folded before byte `i`: between two characters, neither of them blank.
fn is_clean_break(s: &str, i: usize) -> bool {
    let blank = |c: Option<char>| c.is_none_or(char::is_whitespace);
    i > 0 && s.is_char_boundary(i) && !blank(s[..i].chars().next_back()) && !blank(s[i..].chars().next())
}

/// The year a build without `year` in `site.toml` makes the calendar for: the year of the build
/// date, or the next one from 1 October on. The build date is `SOURCE_DATE_EPOCH` when set
/// (the convention of reproducible builds), else the clock.
pub fn default_year() -> i32 {
    year_for_build_date(build_date_seconds())
}

/// The build date in seconds after 1970-01-01 UTC: `SOURCE_DATE_EPOCH` when set (the convention
/// of reproducible builds), else the clock.
pub fn build_date_seconds() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64))
}

/// The date of `seconds` after 1970-01-01 UTC as `2026-12-06`: the handbook's edition on paper.
pub fn iso_date(seconds: i64) -> String {
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// [`default_year`] for a build at `seconds` after 1970-01-01 UTC.
pub fn year_for_build_date(seconds: i64) -> i32 {
    let (y, m, _) = civil_from_days(seconds.div_euclid(86_400));
    if m >= NEXT_YEAR_FROM_MONTH { y + 1 } else { y }
}

/// The first day of `month` that is a working day: Monday to Friday and not a Danish public
/// holiday (nytårsdag, the Easter days, Kristi himmelfartsdag, 2. pinsedag, grundlovsdag, Christmas).
pub fn first_working_day(year: i32, month: u32) -> u32 {
    (1..=7).find(|&d| is_working_day(year, month, d)).unwrap_or(1)
}

fn is_working_day(year: i32, month: u32, day: u32) -> bool {
    let days = days_from_civil(year, month, day);
    // 1970-01-01 was a Thursday: 0 = Monday … 6 = Sunday.
    let weekday = (days + 3).rem_euclid(7);
    weekday < 5 && !is_danish_holiday(year, month, day)
}

fn is_danish_holiday(year: i32, month: u32, day: u32) -> bool {
    if matches!((month, day), (1, 1) | (6, 5) | (12, 24) | (12, 25) | (12, 26) | (12, 31)) {
        return true;
    }
    let (em, ed) = easter_sunday(year);
    let offset = days_from_civil(year, month, day) - days_from_civil(year, em, ed);
    // Skærtorsdag, langfredag, 2. påskedag, Kristi himmelfartsdag, 2. pinsedag.
    matches!(offset, -3 | -2 | 1 | 39 | 50)
}

/// Easter Sunday of a Gregorian year, as (month, day): the anonymous Gregorian algorithm.
pub fn easter_sunday(year: i32) -> (u32, u32) {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    (month as u32, day as u32)
}

/// Days since 1970-01-01 of a Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Month;

    #[test]
    fn the_edition_is_the_build_date_in_iso_form() {
        assert_eq!(iso_date(0), "1970-01-01");
        // 2026-12-06 12:00 UTC.
        assert_eq!(iso_date(1_796_558_400), "2026-12-06");
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_line_breaks() {
        assert_eq!(escape_text(r"a\b; c, d"), r"a\\b\; c\, d");
        assert_eq!(escape_text("en\nto\r\ntre\rfire"), r"en\nto\ntre\nfire");
        assert_eq!(escape_text("TRIO-møde: Kultur og trivsel"), "TRIO-møde: Kultur og trivsel");
    }

    #[test]
    fn a_short_line_is_left_whole() {
        assert_eq!(fold_line("VERSION:2.0"), "VERSION:2.0\r\n");
        let exactly = "X".repeat(75);
        assert_eq!(fold_line(&exactly), format!("{exactly}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_with_a_space_and_unfold_to_the_original() {
        let line = format!("DESCRIPTION:{}", "abcdefghij".repeat(20));
        let folded = fold_line(&line);
        let parts: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(parts[0].len(), 75);
        assert!(parts[1..].iter().all(|p| p.starts_with(' ') && p.len() <= 75), "{parts:?}");
        assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
    }

    #[test]
    fn folds_fall_between_words_characters_not_at_blanks() {
        let line = format!("DESCRIPTION:{}", "Erfaringer fra sidste år med sygefravær. ".repeat(6).trim_end());
        let folded = fold_line(&line);
        let parts: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(parts.len() > 3);
        for (n, part) in parts.iter().enumerate() {
            let text = if n == 0 { *part } else { &part[1..] };
            assert!(!text.starts_with(' ') && !text.ends_with(' '), "{parts:?}");
            assert!(part.len() <= 75);
        }
        assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
    }

    #[test]
    fn a_line_without_blanks_or_with_only_blanks_still_folds() {
        for line in ["X".repeat(200), format!("X:{}", " ".repeat(200))] {
            let folded = fold_line(&line);
            assert!(folded.trim_end_matches("\r\n").split("\r\n").all(|p| p.len() <= 75));
            assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
        }
    }

    #[test]
    fn folding_never_splits_a_utf8_character() {
        // "ø" is two octets and "€" three; at every offset the fold must fall between characters.
        for prefix in 0..4 {
            let line = format!("SUMMARY:{}{}", "x".repeat(prefix), "ø€å".repeat(40));
            let folded = fold_line(&line);
            for part in folded.trim_end_matches("\r\n").split("\r\n") {
                assert!(part.len() <= 75, "{} octets: {part}", part.len());
            }
            assert_eq!(folded.trim_end_matches("\r\n").replace("\r\n ", ""), line);
        }
    }

    #[test]
    fn easter_falls_on_the_known_dates() {
        assert_eq!(easter_sunday(2024), (3, 31));
        assert_eq!(easter_sunday(2025), (4, 20));
        assert_eq!(easter_sunday(2026), (4, 5));
        assert_eq!(easter_sunday(2038), (4, 25));
    }

    #[test]
    fn the_first_working_day_skips_weekends_and_holidays() {
        assert_eq!(first_working_day(2026, 1), 2, "1 January is nytårsdag");
        assert_eq!(first_working_day(2026, 2), 2, "1 February 2026 is a Sunday");
        assert_eq!(first_working_day(2026, 5), 1, "a Friday");
        assert_eq!(first_working_day(2024, 4), 2, "1 April 2024 was 2. påskedag");
        assert_eq!(first_working_day(2027, 8), 2, "1 August 2027 is a Sunday");
    }

    #[test]
    fn dates_round_trip_through_day_numbers() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2026, 12, 31) + 1), (2027, 1, 1));
        assert_eq!(civil_from_days(days_from_civil(2028, 2, 28) + 1), (2028, 2, 29));
    }

    #[test]
    fn without_a_year_the_build_date_decides_and_the_autumn_looks_ahead() {
        let at = |y, m, d| days_from_civil(y, m, d) * 86_400 + 12 * 3600;
        assert_eq!(year_for_build_date(at(2026, 3, 15)), 2026);
        assert_eq!(year_for_build_date(at(2026, 9, 30)), 2026);
        assert_eq!(year_for_build_date(at(2026, 10, 1)), 2027);
        assert_eq!(year_for_build_date(at(2026, 12, 31)), 2027);
    }

    fn sample() -> Wheel {
        Wheel {
            agenda: vec!["Opfølgning".into(), "Nyt fra netværk, TR og AMR; kort".into()],
            months: vec![
                Month { month: 1, topic: "Året der gik".into(), items: vec!["Sygefravær, trivsel og tone".into()] },
                Month { month: 5, topic: "Voldspolitik".into(), items: vec![] },
            ],
        }
    }

    #[test]
    fn the_calendar_has_one_event_per_month_with_crlf_and_reproducible_stamps() {
        let wheel = sample();
        let input = CalendarInput {
            wheel: &wheel,
            year: 2026,
            page_url: "https://example.org/trio/aarshjul/",
            calendar_name: "TRIO-møder 2026",
            agenda_sheets: Some("https://example.org/trio/print/aarshjul/dagsorden/"),
        };
        let ics = wheel_calendar(&input);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        assert!(ics.contains("DTSTART;VALUE=DATE:20260102\r\nDTEND;VALUE=DATE:20260103\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20260501\r\n"));
        assert_eq!(ics.matches("DTSTAMP:20250101T000000Z\r\n").count(), 2);
        assert!(ics.contains("UID:trio-moede-2026-01@example.org/trio/aarshjul/\r\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:TRIO-møde: Året der gik\r\n"));
        assert!(unfolded.contains(r"- Sygefravær\, trivsel og tone\n"));
        assert!(unfolded.contains(r"2. Nyt fra netværk\, TR og AMR\; kort\n"));
        assert!(
            unfolded.contains(r"Dagsorden for maj til print: https://example.org/trio/print/aarshjul/dagsorden/maj/\n")
        );
        assert!(unfolded.contains("URL:https://example.org/trio/aarshjul/#maaned-5\r\n"));
        assert_eq!(wheel_calendar(&input), ics, "the same input gives the same bytes");
    }
}
