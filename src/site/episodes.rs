//! The episode guide: the section of `content/episodes/`, its seasons, and each episode's
//! numbers, within its season and overall.
//!
//! A series with seasons has a folder for each under `content/episodes/`, with an
//! `_index.md` (`content/episodes/season-1/_index.md`); their order is their `weight`, else
//! their folder names in natural order (`season-2` before `season-10`). A series without
//! such folders has one season, the episodes of `content/episodes/` itself.

use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics};

use super::routes::{self, EPISODES_DIR};
use super::{Page, PageId, PageKind};

/// A season of the series.
#[derive(Debug, Clone)]
pub struct Season {
    /// Its number, from 1.
    pub number: u32,
    /// Its section page, `content/episodes/season-2/_index.md`; `None` for the one season
    /// of a series without season folders.
    pub page: Option<PageId>,
    /// Its episodes, in order.
    pub episodes: Vec<PageId>,
}

/// Where an episode stands in the series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EpisodeNumbers {
    /// The number of its season.
    pub season: u32,
    /// Its number within the season, from 1.
    pub number: u32,
    /// Its number in the whole series, from 1.
    pub overall: u32,
}

/// The guide of the site's episodes, when it has `content/episodes/_index.md`.
#[derive(Debug, Clone, Default)]
pub struct Guide {
    /// The guide's own page.
    pub page: Option<PageId>,
    /// The seasons, in order.
    pub seasons: Vec<Season>,
}

impl Guide {
    /// Every episode, season after season.
    pub fn episodes(&self) -> impl Iterator<Item = PageId> + '_ {
        self.seasons.iter().flat_map(|s| s.episodes.iter().copied())
    }

    /// How many episodes the series has.
    pub fn episode_count(&self) -> usize {
        self.seasons.iter().map(|s| s.episodes.len()).sum()
    }
}

/// Finds the guide and its seasons among the ordered sections of `pages`, numbers every
/// episode, links previous and next across seasons, and makes the guide list every
/// episode. Episodes directly in `content/episodes/` of a series with seasons are errors.
pub(super) fn guide(pages: &mut [Page], diagnostics: &mut Diagnostics) -> Guide {
    let guide_path = routes::section_path(EPISODES_DIR);
    let Some(guide) = pages
        .iter()
        .position(|p| p.kind == PageKind::Section && p.path == guide_path)
    else {
        return Guide::default();
    };
    let mut folders: Vec<PageId> = (0..pages.len())
        .filter(|&id| is_season_folder(&pages[id], &guide_path))
        .collect();
    folders.sort_by_key(|&id| {
        let page = &pages[id];
        (
            page.front.weight.is_none(),
            page.front.weight,
            natural(&page.path),
        )
    });
    let seasons: Vec<Season> = if folders.is_empty() {
        vec![Season {
            number: 1,
            page: None,
            episodes: pages[guide].pages.clone(),
        }]
    } else {
        for &loose in &pages[guide].pages {
            diagnostics.push(loose_episode(&pages[loose]));
        }
        for &season in &folders {
            pages[season].section = Some(guide);
        }
        folders
            .iter()
            .zip(1..)
            .map(|(&id, number)| Season {
                number,
                page: Some(id),
                episodes: pages[id].pages.clone(),
            })
            .collect()
    };
    let guide = Guide {
        page: Some(guide),
        seasons,
    };
    number(pages, &guide);
    guide
}

/// Whether `page` is the section of a season: a folder right under the guide's.
fn is_season_folder(page: &Page, guide_path: &str) -> bool {
    page.kind == PageKind::Section
        && page
            .path
            .strip_prefix(guide_path)
            .is_some_and(|rest| rest.matches('/').count() == 1)
}

/// Gives every episode its numbers and its neighbours across seasons, and the guide the
/// list of them all.
fn number(pages: &mut [Page], guide: &Guide) {
    let all: Vec<PageId> = guide.episodes().collect();
    let mut overall = 0;
    for season in &guide.seasons {
        for (&id, number) in season.episodes.iter().zip(1..) {
            overall += 1;
            pages[id].episode = Some(EpisodeNumbers {
                season: season.number,
                number,
                overall,
            });
        }
    }
    for (i, &id) in all.iter().enumerate() {
        pages[id].previous = i.checked_sub(1).map(|j| all[j]);
        pages[id].next = all.get(i + 1).copied();
    }
    if let Some(page) = guide.page {
        pages[page].pages = all;
    }
}

fn loose_episode(page: &Page) -> Diagnostic {
    Diagnostic::new(
        page.file.clone().unwrap_or_default(),
        "an episode directly in `content/episodes/` of a series with seasons",
    )
    .help("move it into the folder of its season, e.g. `content/episodes/season-1/`")
}

/// A key that sorts numbers in names by value: `season-2` before `season-10`.
fn natural(text: &str) -> Vec<(String, u64)> {
    let mut parts = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let (word, tail) = rest.split_at(digits);
        let end = tail
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(tail.len());
        let (number, tail) = tail.split_at(end);
        parts.push((word.to_string(), number.parse().unwrap_or(0)));
        rest = tail;
    }
    parts
}

/// Checks `[series] seasons` and `episodes` of `site.toml` against the guide: a count that
/// differs is an error where it is written. Counts left out are the guide's.
pub(super) fn check_counts(config: &Config, guide: &Guide, diagnostics: &mut Diagnostics) {
    if guide.page.is_none() {
        return;
    }
    let found = [
        (
            "seasons",
            config.series.seasons,
            guide.seasons.len(),
            "season",
        ),
        (
            "episodes",
            config.series.episodes,
            guide.episode_count(),
            "episode",
        ),
    ];
    for (key, written, counted, what) in found {
        let Some(written) = written else { continue };
        if written as usize == counted {
            continue;
        }
        let mut diagnostic = Diagnostic::new(
            crate::config::CONFIG_FILE,
            format!(
                "`{key} = {written}`, but `content/{EPISODES_DIR}/` has {counted} {what}{}",
                if counted == 1 { "" } else { "s" }
            ),
        )
        .help(format!(
            "write `{key} = {counted}`, or leave `{key}` out and fansite counts them"
        ));
        if let Some(location) = config.locate(&["series", key]) {
            diagnostic = diagnostic.at(location);
        }
        diagnostics.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_names_sort_by_value() {
        let mut names = vec!["season-10/", "season-2/", "season-1/", "specials/"];
        names.sort_by_key(|name| natural(name));
        assert_eq!(names, ["season-1/", "season-2/", "season-10/", "specials/"]);
    }
}
