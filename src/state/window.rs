//! A long list (the map's nodes, the pods, the claims) shown a page at a time, so that the page
//! draws a bounded number of elements however large the cluster: the items whose name contains
//! the reader's filter, and the page of them shown.

/// The items of a list that are shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    /// The indices (into the whole list) of the items shown, in list order.
    pub shown: Vec<usize>,
    /// How many items match the filter.
    pub matched: usize,
    /// The position of the first item shown among those that match (0-based).
    pub first: usize,
    /// The page shown (0-based; a page past the last one shows the last).
    pub page: usize,
    /// How many pages the matching items fill.
    pub pages: usize,
}

/// The page `page` of `size` items among `names` whose name contains `filter` (ignoring case;
/// an empty filter matches every item).
pub fn window<'a>(
    names: impl Iterator<Item = &'a str>,
    filter: &str,
    page: usize,
    size: usize,
) -> Window {
    let size = size.max(1);
    let filter = filter.trim().to_lowercase();
    let matching: Vec<usize> = names
        .enumerate()
        .filter(|(_, name)| filter.is_empty() || name.to_lowercase().contains(&filter))
        .map(|(i, _)| i)
        .collect();
    let pages = matching.len().div_ceil(size).max(1);
    let page = page.min(pages - 1);
    let first = page * size;
    Window {
        shown: matching.iter().skip(first).take(size).copied().collect(),
        matched: matching.len(),
        first,
        page,
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (1..=n).map(|i| format!("node-{i}")).collect()
    }

    #[test]
    fn a_page_of_every_item_without_a_filter() {
        let names = names(120);
        let w = window(names.iter().map(String::as_str), "", 1, 50);
        assert_eq!(w.shown, (50..100).collect::<Vec<_>>());
        assert_eq!((w.matched, w.first, w.page, w.pages), (120, 50, 1, 3));
    }

    #[test]
    fn the_filter_keeps_the_names_containing_it_ignoring_case() {
        let names = names(120);
        let w = window(names.iter().map(String::as_str), " NODE-11 ", 0, 50);
        // node-11 and node-110 ..= node-119.
        assert_eq!(w.matched, 11);
        assert_eq!(w.shown.first(), Some(&10));
        assert_eq!(w.shown.last(), Some(&118));
    }

    #[test]
    fn a_page_past_the_last_shows_the_last_and_nothing_matching_shows_nothing() {
        let names = names(120);
        let w = window(names.iter().map(String::as_str), "", 9, 50);
        assert_eq!((w.page, w.first, w.shown.len()), (2, 100, 20));
        let none = window(names.iter().map(String::as_str), "gpu", 3, 50);
        assert_eq!((none.matched, none.page, none.pages), (0, 0, 1));
        assert!(none.shown.is_empty());
    }
}
