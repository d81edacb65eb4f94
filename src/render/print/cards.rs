//! Statement cards on paper: nine 63 × 88 mm cards to an A4 sheet, blank jokers after the
//! statements, and each card's back behind its front for a long-edge duplex flip.
//!
//! Layout lives in `themes/default/static/css/sheets.css`; this file decides only which card
//! goes in which slot.

use serde::Serialize;

use crate::render::items::Card;

/// Cards on one A4 sheet: three columns of three 63 × 88 mm cards.
pub const CARDS_PER_SHEET: usize = 9;
/// Columns of cards on a sheet; a back sheet mirrors them for a long-edge flip.
pub const COLUMNS: usize = 3;
/// Statements longer than this are set a step smaller (14 pt, never less) so they fit a card.
const LONG_STATEMENT: usize = 150;

/// A place on a card sheet, counted from the top left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Slot {
    /// Row from the top, from 0.
    pub row: usize,
    /// Column from the left, from 0.
    pub col: usize,
}

impl Slot {
    /// The slot on the back of the sheet that lies behind this one after a long-edge flip:
    /// the same row, the column mirrored.
    pub fn behind(self) -> Slot {
        Slot { row: self.row, col: COLUMNS - 1 - self.col }
    }
}

/// One card as printed: a statement, or a blank joker when `card` is `None`.
#[derive(Clone, Serialize)]
pub struct PrintedCard {
    pub slot: Slot,
    pub card: Option<Card>,
    /// Set a step smaller because the statement is long.
    pub long: bool,
}

/// One physical sheet: the cards on its front and where their backs go.
#[derive(Clone, Serialize)]
pub struct CardSheet {
    /// 1-based.
    pub number: usize,
    pub fronts: Vec<PrintedCard>,
    pub backs: Vec<Slot>,
}

/// Lays out `cards` and then `jokers` blank cards, nine to a sheet, each with its back behind it.
pub fn card_sheets(cards: Vec<Card>, jokers: usize) -> Vec<CardSheet> {
    let all: Vec<Option<Card>> = cards.into_iter().map(Some).chain(std::iter::repeat_n(None, jokers)).collect();
    all.chunks(CARDS_PER_SHEET)
        .enumerate()
        .map(|(n, chunk)| {
            let fronts: Vec<PrintedCard> = chunk
                .iter()
                .enumerate()
                .map(|(pos, c)| PrintedCard {
                    slot: Slot { row: pos / COLUMNS, col: pos % COLUMNS },
                    long: c.as_ref().is_some_and(|c| c.text.chars().count() > LONG_STATEMENT),
                    card: c.clone(),
                })
                .collect();
            let backs = fronts.iter().map(|f| f.slot.behind()).collect();
            CardSheet { number: n + 1, fronts, backs }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards(n: usize) -> Vec<Card> {
        (0..n)
            .map(|i| Card {
                id: format!("k{i}"),
                number: i + 1,
                html: format!("Kort {i}"),
                text: format!("Kort {i}"),
                unfinished: false,
            })
            .collect()
    }

    #[test]
    fn twenty_cards_and_three_jokers_fill_three_sheets() {
        let sheets = card_sheets(cards(20), 3);
        assert_eq!(sheets.len(), 3);
        assert_eq!(sheets.iter().map(|s| s.fronts.len()).collect::<Vec<_>>(), [9, 9, 5]);
        let jokers = sheets.iter().flat_map(|s| &s.fronts).filter(|c| c.card.is_none()).count();
        assert_eq!(jokers, 3);
    }

    #[test]
    fn each_back_lies_behind_its_front_after_a_long_edge_flip() {
        let sheets = card_sheets(cards(4), 0);
        let s = &sheets[0];
        assert_eq!(s.fronts[0].slot, Slot { row: 0, col: 0 });
        assert_eq!(s.backs[0], Slot { row: 0, col: 2 });
        assert_eq!(s.fronts[3].slot, Slot { row: 1, col: 0 });
        assert_eq!(s.backs[3], Slot { row: 1, col: 2 });
        assert_eq!(s.fronts[1].slot.behind(), Slot { row: 0, col: 1 });
    }
}
