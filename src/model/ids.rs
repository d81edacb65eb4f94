//! Pages by number: a [`PageId`] names a page of the site, and [`PerPage`] holds one value for
//! each page, so that a page's section, children or links are found without a search.

use std::ops::{Index, IndexMut};

/// A page of the site: its place in [`crate::model::Site::pages`], sorted by source path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PageId(usize);

impl PageId {
    /// The page at position `index` of the site's pages.
    pub fn from_index(index: usize) -> PageId {
        PageId(index)
    }

    /// The page's position in the site's pages.
    pub fn index(self) -> usize {
        self.0
    }
}

/// One value for each page of the site, in the order of its pages.
#[derive(Debug, Clone, Default)]
pub struct PerPage<T>(Vec<T>);

impl<T> PerPage<T> {
    /// How many pages.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the site has no pages.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every page's id, in order.
    pub fn ids(&self) -> impl Iterator<Item = PageId> + use<T> {
        (0..self.0.len()).map(PageId)
    }

    /// The values, in page order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// Each page's id with its value.
    pub fn enumerate(&self) -> impl Iterator<Item = (PageId, &T)> {
        self.0.iter().enumerate().map(|(i, v)| (PageId(i), v))
    }

    /// The first page whose value satisfies `f`.
    pub fn position(&self, f: impl FnMut(&T) -> bool) -> Option<PageId> {
        self.0.iter().position(f).map(PageId)
    }

    /// The values as a slice, in page order.
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }
}

impl<T> From<Vec<T>> for PerPage<T> {
    fn from(values: Vec<T>) -> Self {
        PerPage(values)
    }
}

impl<T> FromIterator<T> for PerPage<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        PerPage(iter.into_iter().collect())
    }
}

impl<T> Index<PageId> for PerPage<T> {
    type Output = T;
    fn index(&self, id: PageId) -> &T {
        &self.0[id.0]
    }
}

impl<T> IndexMut<PageId> for PerPage<T> {
    fn index_mut(&mut self, id: PageId) -> &mut T {
        &mut self.0[id.0]
    }
}

impl<'a, T> IntoIterator for &'a PerPage<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
