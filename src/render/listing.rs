//! Listings that stay small: a section's pages cut into pages of its listing
//! (`paginate_by`, `/episodes/page/2/`), the home page's few of each section, and the
//! feed's latest entries.

use std::ops::Range;

use serde::Serialize;

use crate::config::HomeOrder;
use crate::site::routes::paginated_path;
use crate::site::{PageId, Site};

/// How many episodes a page of the episode guide, or of a season, lists when its
/// `paginate_by` is left out: a page of about 100 KB.
pub const EPISODES_PER_PAGE: usize = 100;

/// How many pages a page of section `id`'s listing shows, or `None` when it shows all.
pub fn per_page(site: &Site, id: PageId) -> Option<usize> {
    match site.pages[id].front.paginate_by {
        Some(0) => None,
        Some(n) => Some(n),
        None if lists_episodes(site, id) => Some(EPISODES_PER_PAGE),
        None => None,
    }
}

/// Whether section `id` lists episodes: a season, or the guide of a series of one season.
fn lists_episodes(site: &Site, id: PageId) -> bool {
    let guide = &site.guide;
    guide.seasons.iter().any(|s| s.page == Some(id))
        || (guide.page == Some(id) && guide.seasons.len() == 1)
}

/// How many pages section `id`'s listing takes: 1 for any other page.
pub fn page_count(site: &Site, id: PageId) -> usize {
    let listed = site.pages[id].pages.len();
    per_page(site, id).map_or(1, |n| listed.div_ceil(n).max(1))
}

/// Which of section `id`'s pages page `number` (from 1) of its listing shows.
pub fn slice(site: &Site, id: PageId, number: usize) -> Range<usize> {
    let listed = site.pages[id].pages.len();
    match per_page(site, id) {
        Some(n) => ((number - 1) * n).min(listed)..(number * n).min(listed),
        None => 0..listed,
    }
}

/// The URL path of page `number` of section `id`'s listing.
pub fn path_of(site: &Site, id: PageId, number: usize) -> String {
    let section = &site.pages[id].path;
    match number {
        1 => section.clone(),
        n => paginated_path(section, n),
    }
}

/// Where a page of a listing stands among the others, as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct PaginatorView {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the listing takes.
    pub pages: usize,
    /// How many items it lists in all.
    pub items: usize,
    /// How many items a page lists.
    pub per_page: usize,
    /// The root-relative URL of the first page: the section's own.
    pub first: String,
    /// The root-relative URL of the last page.
    pub last: String,
    /// The root-relative URL of the page before, when there is one.
    pub previous: Option<String>,
    /// The root-relative URL of the page after, when there is one.
    pub next: Option<String>,
}

/// The paginator of page `number` of section `id`'s listing, when it is cut into pages.
pub fn paginator(site: &Site, id: PageId, number: usize) -> Option<PaginatorView> {
    let per_page = per_page(site, id)?;
    let pages = page_count(site, id);
    let url = |n: usize| site.url(&path_of(site, id, n));
    Some(PaginatorView {
        number,
        pages,
        items: site.pages[id].pages.len(),
        per_page,
        first: url(1),
        last: url(pages),
        previous: (number > 1).then(|| url(number - 1)),
        next: (number < pages).then(|| url(number + 1)),
    })
}

/// Which of section `id`'s pages the home page lists: its first or its latest few.
pub fn on_home(site: &Site, id: PageId) -> Vec<PageId> {
    let pages = &site.pages[id].pages;
    let limit = site.config.home_limit.min(pages.len());
    match site.config.home_order {
        HomeOrder::First => pages[..limit].to_vec(),
        HomeOrder::Latest => pages.iter().rev().take(limit).copied().collect(),
    }
}
