//! The files that list the site for machines: the sitemap, split under an index above the
//! protocol's 50,000 URLs, and the Atom feed of the latest dated pages.

use std::borrow::Cow;

use crate::describe;
use crate::site::routes::{Generated, sitemap_part_path};
use crate::site::{PageId, Site};
use crate::theme::Labels;

use super::context::{FeedContext, FeedEntry};
use super::listing;

/// At most this many URLs in one sitemap file, as the protocol says.
pub const SITEMAP_URLS: usize = 50_000;

/// One URL of the sitemap.
struct SitemapUrl<'a> {
    title: &'a str,
    path: Cow<'a, str>,
    date: Option<String>,
}

/// Every URL worth finding: the pages, the further pages of listings, the people index,
/// the search page and every person.
fn sitemap_urls<'a>(site: &'a Site, labels: &'a Labels) -> Vec<SitemapUrl<'a>> {
    let url = |title: &'a str, path: Cow<'a, str>| SitemapUrl {
        title,
        path,
        date: None,
    };
    let mut urls: Vec<SitemapUrl> = site
        .pages
        .iter()
        .map(|page| SitemapUrl {
            date: page.front.date.map(|d| d.to_string()),
            ..url(&page.front.title, Cow::Borrowed(&page.path))
        })
        .collect();
    for id in 0..site.pages.len() {
        let title = &site.pages[id].front.title;
        let more = (2..=listing::page_count(site, id))
            .map(|number| url(title, Cow::Owned(listing::path_of(site, id, number))));
        urls.extend(more);
    }
    let people_index = describe::people_index_title(site, labels);
    urls.push(url(
        people_index,
        Cow::Borrowed(Generated::PeopleIndex.path()),
    ));
    if site.has_search {
        urls.push(url(
            labels.get("search"),
            Cow::Borrowed(Generated::Search.path()),
        ));
    }
    urls.extend(
        site.people
            .iter()
            .map(|person| url(&person.name, Cow::Borrowed(&person.path))),
    );
    urls
}

/// How many files the sitemap takes: one, or an index and its parts.
pub fn sitemap_parts(site: &Site, labels: &Labels) -> usize {
    match sitemap_urls(site, labels).len() {
        urls if urls > SITEMAP_URLS => urls.div_ceil(SITEMAP_URLS),
        _ => 0,
    }
}

/// The sitemap: `sitemap.xml` with every URL, or, above 50,000, the index of its parts.
pub fn sitemap<'a>(site: &'a Site, labels: &'a Labels) -> FeedContext<'a> {
    let parts = sitemap_parts(site, labels);
    if parts > 0 {
        return FeedContext {
            entries: Vec::new(),
            sitemaps: (1..=parts)
                .map(|n| site.permalink(&sitemap_part_path(n)))
                .collect(),
            updated: None,
            feed_url: site.permalink(Generated::Sitemap.path()),
        };
    }
    sitemap_of(site, sitemap_urls(site, labels), Generated::Sitemap.path())
}

/// Part `number` (from 1) of a sitemap split under an index.
pub fn sitemap_part<'a>(site: &'a Site, labels: &'a Labels, number: usize) -> FeedContext<'a> {
    let urls = sitemap_urls(site, labels)
        .into_iter()
        .skip((number - 1) * SITEMAP_URLS)
        .take(SITEMAP_URLS)
        .collect();
    sitemap_of(site, urls, &sitemap_part_path(number))
}

fn sitemap_of<'a>(site: &Site, urls: Vec<SitemapUrl<'a>>, path: &str) -> FeedContext<'a> {
    FeedContext {
        entries: urls
            .into_iter()
            .map(|url| FeedEntry {
                title: url.title,
                permalink: site.permalink(&url.path),
                description: "",
                date: url.date,
            })
            .collect(),
        sitemaps: Vec::new(),
        updated: None,
        feed_url: site.permalink(path),
    }
}

/// The Atom feed: the latest dated pages, newest first, as many as `feed_limit` says.
pub fn feed(site: &Site) -> FeedContext<'_> {
    let mut dated: Vec<PageId> = (0..site.pages.len())
        .filter(|&id| site.pages[id].front.date.is_some())
        .collect();
    dated.sort_by_key(|&id| {
        std::cmp::Reverse((site.pages[id].front.date, site.pages[id].front.weight))
    });
    dated.truncate(site.config.feed_limit);
    let entries: Vec<FeedEntry> = dated
        .iter()
        .map(|&id| {
            let page = &site.pages[id];
            FeedEntry {
                title: &page.front.title,
                permalink: site.permalink(&page.path),
                description: &page.summary,
                date: page.front.date.map(|d| d.rfc3339()),
            }
        })
        .collect();
    FeedContext {
        updated: entries.first().and_then(|e| e.date.clone()),
        entries,
        sitemaps: Vec::new(),
        feed_url: site.permalink(Generated::Feed.path()),
    }
}
