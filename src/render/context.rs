//! What templates see: one serializable struct per page kind, borrowed from the [`Site`],
//! with the theme's words where a page has none of its own.

use std::borrow::Cow;
use std::marker::PhantomData;

use rayon::prelude::*;
use serde::{Serialize, Serializer};
use tera::Value;

use crate::config::{CastMember, Config};
use crate::content::{Aggregator, Award, AwardResult, Review};
use crate::date::Date;
use crate::describe;
use crate::media;
use crate::render::structured_data;
use crate::site::routes::{self, Generated};
use crate::site::{Image, Page, PageId, PageKind, Person, PersonId, Site, Video, episodes};

use super::listing;
use crate::theme::Labels;

/// A view made into a template value once, and shared by every page that shows it: a
/// page that lists one link, or ten thousand, clones the value instead of serializing the
/// views again. The value owns its data: `T` names the view it was made of, with any
/// lifetime, as in [`LinkValue`].
pub struct Prebuilt<T> {
    value: Value,
    view: PhantomData<fn() -> T>,
}

impl<T> Prebuilt<T> {
    /// The template value of `view`, a `T` of any lifetime.
    pub fn new(view: &impl Serialize) -> Self {
        Prebuilt {
            value: Value::from_serializable(view),
            view: PhantomData,
        }
    }
}

impl<T> Prebuilt<T> {
    /// A list of prebuilt views, sharing their values.
    pub fn list<'a>(items: impl IntoIterator<Item = &'a Prebuilt<T>>) -> Prebuilt<Vec<T>>
    where
        T: 'a,
    {
        let values: Vec<Value> = items.into_iter().map(|item| item.value.clone()).collect();
        Prebuilt {
            value: Value::from(values),
            view: PhantomData,
        }
    }
}

impl<T> Clone for Prebuilt<T> {
    fn clone(&self) -> Self {
        Prebuilt {
            value: self.value.clone(),
            view: PhantomData,
        }
    }
}

impl<T> std::fmt::Debug for Prebuilt<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.value.fmt(f)
    }
}

impl<T> Serialize for Prebuilt<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// A [`LinkView`] made into a template value.
pub type LinkValue = Prebuilt<LinkView<'static>>;

/// A list of [`LinkView`]s made into a template value.
pub type LinkList = Prebuilt<Vec<LinkView<'static>>>;

/// A date as templates receive it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `2017-07-09`, for `<time datetime>` and structured data.
    pub iso: String,
    /// `July 9, 2017`, in the site's language, for reading.
    pub human: String,
    /// `2017`.
    pub year: u16,
}

impl DateView {
    /// The view of `date`, written in the words of `labels`.
    pub fn new(date: Date, labels: &Labels) -> DateView {
        DateView {
            iso: date.to_string(),
            human: labels.date(date),
            year: date.year,
        }
    }
}

/// A picture as templates receive it: enough for the theme's `picture` component to
/// write `<picture>` with every width, and for `og:image`.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// What it shows, in words; empty for a picture that only decorates.
    pub alt: String,
    /// The root-relative URL of its widest file in its own format (WebP for a WebP
    /// picture), for `<img src>`.
    pub src: String,
    /// `srcset` of its files in its own format.
    pub srcset: String,
    /// `srcset` of its WebP files, for `<source type="image/webp">`; none when its own
    /// format is WebP.
    pub webp_srcset: Option<String>,
    /// The width of its widest file, for `<img width>`.
    pub width: u32,
    /// The height of its widest file, for `<img height>`.
    pub height: u32,
    /// The absolute URL of `src`, for `og:image` and structured data.
    pub permalink: String,
}

impl ImageView {
    /// The view of a picture of `site`.
    pub fn new(site: &Site, image: &Image) -> ImageView {
        ImageView::under(&site.config, image)
    }

    /// The view of a picture of the site `config` describes.
    pub fn under(config: &Config, image: &Image) -> ImageView {
        let picture = &image.picture;
        let base_path = config.base_path();
        let img = picture.img_variants();
        let src = img.last().map_or("", |v| v.path.as_str());
        ImageView {
            alt: image.alt.clone(),
            src: format!("{base_path}{src}"),
            srcset: media::html::srcset(img, base_path),
            webp_srcset: (!picture.fallback.is_empty())
                .then(|| media::html::srcset(&picture.webp, base_path)),
            width: picture.width,
            height: picture.height,
            permalink: format!("{}{src}", config.base_url),
        }
    }

    /// The view of a picture, if there is one.
    pub fn of(site: &Site, image: Option<&Image>) -> Option<ImageView> {
        image.map(|image| ImageView::new(site, image))
    }
}

/// A video as templates receive it: enough for the theme's `video` component to show its
/// poster, which loads the provider's player only when clicked.
#[derive(Debug, Clone, Serialize)]
pub struct VideoView {
    /// What it is.
    pub title: String,
    /// Who hosts it: `YouTube`, `Vimeo`.
    pub provider: &'static str,
    /// Where to watch it on the provider's site: the link followed without JavaScript.
    pub url: String,
    /// The provider's privacy-enhanced player, loaded on a click.
    pub embed: String,
    /// The picture shown until it plays.
    pub poster: Option<ImageView>,
    /// A trailer of what the page is about.
    pub trailer: bool,
}

impl VideoView {
    /// The view of a video of `site`.
    pub fn new(site: &Site, video: &Video) -> VideoView {
        VideoView {
            poster: ImageView::of(site, video.poster.as_ref()),
            trailer: video.trailer,
            ..VideoView::played(&video.video, &video.title)
        }
    }

    /// The view of a video played from `played`, titled `title`, without a poster.
    pub fn played(played: &media::video::Video, title: &str) -> VideoView {
        VideoView {
            title: title.to_string(),
            provider: played.provider.name(),
            url: played.watch_url(),
            embed: played.embed_url(),
            poster: None,
            trailer: false,
        }
    }
}

/// The attribute that marks a video's poster in a page's HTML, for the script that plays
/// it: a page holding one loads that script.
const VIDEO_MARK: &str = "data-embed=";

/// Whether a page with `videos` of its front matter and the text `content` shows a video.
fn shows_videos(videos: &[VideoView], content: &str) -> bool {
    !videos.is_empty() || content.contains(VIDEO_MARK)
}

/// A link to a page or person: enough to write `<a href="{{ url }}">{{ title }}</a>`.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView<'a> {
    /// The page's title or the person's name.
    pub title: &'a str,
    /// Root-relative URL: `/the-defiant-ones/episodes/part-1/`.
    pub url: Cow<'a, str>,
    /// The page's date, for episodes.
    pub date: Option<DateView>,
    /// The page's description, or the start of its text.
    pub description: Option<&'a str>,
    /// For an episode, its number in the whole series.
    pub number: Option<u32>,
    /// In a list of pages, the page's picture; in the cast, the person's portrait.
    pub image: Option<ImageView>,
}

impl<'a> LinkView<'a> {
    /// A link to a page.
    pub fn page(site: &'a Site, id: PageId, labels: &Labels) -> LinkView<'a> {
        let page = &site.pages[id];
        LinkView {
            title: &page.front.title,
            url: Cow::Borrowed(&page.url),
            date: page.front.date.map(|date| DateView::new(date, labels)),
            description: None,
            number: page.episode.map(|e| e.overall),
            image: None,
        }
    }

    /// A link to a page with its description, for lists of pages.
    pub fn card(site: &'a Site, id: PageId, labels: &Labels) -> LinkView<'a> {
        LinkView {
            description: Some(&site.pages[id].summary),
            image: ImageView::of(site, site.pages[id].image.as_ref()),
            ..LinkView::page(site, id, labels)
        }
    }

    /// A link to a person.
    pub fn person(person: &'a Person) -> LinkView<'a> {
        LinkView::to(&person.name, Cow::Borrowed(&person.url))
    }

    /// A plain link.
    pub fn to(title: &'a str, url: Cow<'a, str>) -> LinkView<'a> {
        LinkView {
            title,
            url,
            date: None,
            description: None,
            number: None,
            image: None,
        }
    }
}

/// Data every template gets as `site`, serialized once per build.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// `site.toml`'s title.
    pub title: &'a str,
    /// `site.toml`'s description.
    pub description: &'a str,
    /// The language tag, for `<html lang>`.
    pub language: &'a str,
    /// `base_url`, ending with `/`.
    pub base_url: &'a str,
    /// The path of `base_url`, for root-relative links: `/the-defiant-ones/`.
    pub base_path: &'a str,
    /// `build`, or `serve` for a preview.
    pub mode: super::Mode,
    /// The home page, the top-level pages and sections, and the people index, in menu
    /// order (weight, then title).
    pub menu: Vec<LinkView<'a>>,
    /// The root-relative URLs of the pages the build writes itself.
    pub routes: RoutesView,
    /// The infobox and credits.
    pub series: SeriesView<'a>,
    /// The series' poster.
    pub image: Option<ImageView>,
    /// `[extra]` of `site.toml`.
    pub extra: &'a toml::Table,
}

/// Where the generated pages are, so that no template spells a folder name.
#[derive(Debug, Serialize)]
pub struct RoutesView {
    /// The home page.
    pub home: String,
    /// The people index.
    pub people: String,
    /// The search page, when the site has one.
    pub search: Option<String>,
    /// The folder of the search index's files.
    pub search_index: String,
    /// The Atom feed.
    pub feed: String,
    /// The sitemap.
    pub sitemap: String,
    /// The episode guide, when the site has one.
    pub episode_guide: Option<String>,
}

/// The infobox, with every person linked.
#[derive(Debug, Serialize)]
pub struct SeriesView<'a> {
    /// Genre.
    pub genre: Option<&'a str>,
    /// Country.
    pub country: Option<&'a str>,
    /// Language.
    pub language: Option<&'a str>,
    /// Number of seasons.
    pub seasons: Option<u32>,
    /// Number of episodes.
    pub episodes: Option<u32>,
    /// Runtime, as written.
    pub runtime: Option<&'a str>,
    /// Channel.
    pub channel: Option<&'a str>,
    /// First air date.
    pub first_aired: Option<DateView>,
    /// Production companies.
    pub companies: &'a [String],
    /// Each credit role with its people, in `site.toml` order.
    pub credits: Vec<CreditView<'a>>,
    /// The cast as themselves.
    pub cast: Vec<CastView<'a>>,
    /// The cast in reenactments.
    pub reenactments: Vec<CastView<'a>>,
    /// The cast in a part that is neither themselves nor a reenactment: a narrator, a
    /// voice, with the part as given.
    pub other_roles: Vec<CastView<'a>>,
    /// `[series.extra]` of `site.toml`.
    pub extra: &'a toml::Table,
}

/// One credit role and who holds it.
#[derive(Debug, Serialize)]
pub struct CreditView<'a> {
    /// The key in `site.toml`: `director`.
    pub role: &'a str,
    /// The role for reading: `Director`.
    pub label: String,
    /// The people credited.
    pub people: Vec<LinkView<'a>>,
}

/// One member of the cast.
#[derive(Debug, Serialize)]
pub struct CastView<'a> {
    /// The person.
    pub person: LinkView<'a>,
    /// The part, when not themselves.
    pub role: Option<&'a str>,
}

/// A page as its own template sees it.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// `home`, `section` or `page`.
    pub kind: &'static str,
    /// Title.
    pub title: &'a str,
    /// The meta description: the page's own, or the start of its text.
    pub description: &'a str,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL, for canonical links.
    pub permalink: String,
    /// The rendered Markdown body, to print with `| safe`.
    pub content: &'a str,
    /// The date, for episodes.
    pub date: Option<DateView>,
    /// The weight.
    pub weight: Option<i64>,
    /// For an episode: the number of its season.
    pub season: Option<u32>,
    /// For an episode: its number within its season.
    pub episode_number: Option<u32>,
    /// For an episode: its number in the whole series.
    pub number_overall: Option<u32>,
    /// The section this page belongs to.
    pub section: Option<LinkValue>,
    /// The page before, in its section.
    pub previous: Option<LinkValue>,
    /// The page after, in its section.
    pub next: Option<LinkValue>,
    /// People featured.
    pub featuring: Vec<LinkValue>,
    /// Awards, with recipients linked.
    pub awards: Vec<AwardView<'a>>,
    /// Aggregator scores.
    pub aggregators: &'a [Aggregator],
    /// Critics' reviews.
    pub reviews: &'a [Review],
    /// `[extra]` of the front matter.
    pub extra: &'a toml::Table,
    /// Its picture (`image`): an episode's still.
    pub image: Option<ImageView>,
    /// The picture shared with a link to it: its own, else the series' poster.
    pub social_image: Option<ImageView>,
    /// Its videos (`[[videos]]`).
    pub videos: Vec<VideoView>,
    /// Whether it shows a video, of its front matter or of a shortcode in its text: the
    /// page then loads the script that plays them.
    pub has_videos: bool,
    /// schema.org JSON-LD for the page, to print with `| safe` in a
    /// `<script type="application/ld+json">` element.
    pub json_ld: String,
}

/// One award or nomination.
#[derive(Debug, Serialize)]
pub struct AwardView<'a> {
    /// Year, when known.
    pub year: Option<u16>,
    /// Awarding body.
    pub association: &'a str,
    /// Category.
    pub category: &'a str,
    /// `won`, `nominated` or none.
    pub result: Option<AwardResult>,
    /// A remark on the row.
    pub note: Option<&'a str>,
    /// Recipients, each linked to their page.
    pub recipients: Vec<LinkView<'a>>,
    /// The id of the award's row on the page that lists it: `award-3`.
    pub anchor: String,
    /// The page that lists the award, and the row's anchor on it.
    pub url: String,
}

/// The context of a home, section or regular page.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    /// The page.
    pub page: PageView<'a>,
    /// For a section, its pages in order, with descriptions: those of this page of its
    /// listing, when it is cut into pages.
    pub pages: LinkList,
    /// For a section whose listing is cut into pages: where this one stands.
    pub paginator: Option<listing::PaginatorView>,
    /// For the home page: the sections with their first (or latest) pages.
    pub sections: Vec<SectionView>,
    /// For the episode guide of a series with seasons: the seasons.
    pub seasons: Vec<SeasonView<'a>>,
    /// For a season's page, and an episode's: its season.
    pub season: Option<SeasonView<'a>>,
}

/// A section and its pages, for the home page.
#[derive(Debug, Serialize)]
pub struct SectionView {
    /// The section's own link.
    pub section: LinkValue,
    /// Its first (or latest) pages, as many as `home_limit` says.
    pub pages: LinkList,
    /// How many pages it has in all.
    pub total: usize,
}

/// A season of the series.
#[derive(Debug, Clone, Serialize)]
pub struct SeasonView<'a> {
    /// Its number.
    pub number: u32,
    /// Its page's title, or "Season 2".
    pub title: Cow<'a, str>,
    /// Its page, or the guide's for the one season of a series without seasons.
    pub url: Option<&'a str>,
    /// How many episodes it has.
    pub episodes: usize,
    /// When its first episode aired.
    pub first_aired: Option<DateView>,
    /// When its last episode aired.
    pub last_aired: Option<DateView>,
}

/// The context of a person page.
#[derive(Debug, Serialize)]
pub struct PersonContext<'a> {
    /// The page's title, description and URLs, as every template has them.
    pub page: SimplePageView<'a>,
    /// The person.
    pub person: PersonView<'a>,
}

/// A person, with every role.
#[derive(Debug, Serialize)]
pub struct PersonView<'a> {
    /// The name.
    pub name: &'a str,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// A meta description made of the roles.
    pub description: String,
    /// Text from `content/people/<slug>.md`, rendered.
    pub content: &'a str,
    /// Parts in the cast; `role` is none when appearing as themselves.
    pub cast: Vec<CastPartView<'a>>,
    /// Credit roles, for reading: `Director`, `Writer`.
    pub credits: Vec<String>,
    /// Pages featuring them.
    pub featured_in: Vec<LinkValue>,
    /// Awards and nominations.
    pub awards: Vec<AwardView<'a>>,
    /// `[extra]` of their text's front matter.
    pub extra: Option<&'a toml::Table>,
    /// Their portrait (`image` of their text).
    pub image: Option<ImageView>,
    /// The videos of their text (`[[videos]]`).
    pub videos: Vec<VideoView>,
}

/// One part in the cast.
#[derive(Debug, Serialize)]
pub struct CastPartView<'a> {
    /// The part, or none as themselves.
    pub role: Option<&'a str>,
    /// Whether in a reenactment.
    pub reenactment: bool,
}

/// The context of the people index.
#[derive(Debug, Serialize)]
pub struct PeopleContext<'a> {
    /// The index's own title, description and text.
    pub page: SimplePageView<'a>,
    /// Everyone, by name, with a summary of their roles.
    pub people: Vec<PersonSummary>,
}

/// The context of the search page.
#[derive(Debug, Serialize)]
pub struct SearchContext<'a> {
    /// The page's title, description and URLs.
    pub page: SimplePageView<'a>,
    /// Every page, in file order, for the list shown without JavaScript; on a site of
    /// more than a few hundred pages, the pages of the menu only (sections list the rest).
    pub pages: LinkList,
    /// Everyone, by name; on a site of more than a few hundred people, no one (the people
    /// index lists them).
    pub people: Vec<LinkValue>,
    /// How many pages and people the lists above leave out.
    pub left_out: usize,
    /// What to suggest searching for: a person and a page of the site itself, the first
    /// of the cast (or of everyone) and the first page of the first section.
    pub example_person: Option<&'a str>,
    /// See `example_person`.
    pub example_page: Option<&'a str>,
}

/// The context of a generated page that is only a page view: the 404 page, an alias.
#[derive(Debug, Serialize)]
pub struct SimpleContext<'a> {
    /// The page's title, description and URLs.
    pub page: SimplePageView<'a>,
}

/// A generated page: the people index, the 404 page.
#[derive(Debug, Serialize)]
pub struct SimplePageView<'a> {
    /// Title.
    pub title: &'a str,
    /// Meta description.
    pub description: String,
    /// Root-relative URL.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Rendered text.
    pub content: &'a str,
    /// The picture shared with a link to it: a person's portrait, else the series' poster.
    pub social_image: Option<ImageView>,
    /// Whether it shows a video: the page then loads the script that plays them.
    pub has_videos: bool,
    /// schema.org JSON-LD for the page.
    pub json_ld: String,
}

/// A person in the index.
#[derive(Debug, Serialize)]
pub struct PersonSummary {
    /// The link to their page.
    pub person: LinkValue,
    /// Their roles for reading: `Cast`, `Director`, `Award winner`.
    pub roles: Vec<String>,
}

/// The context of the feeds and the sitemap.
#[derive(Debug, Serialize)]
pub struct FeedContext<'a> {
    /// Every URL of the site, absolute, with the date when the page has one.
    pub entries: Vec<FeedEntry<'a>>,
    /// For a sitemap split in parts: the absolute URLs of its parts, for its index.
    pub sitemaps: Vec<String>,
    /// The newest date of the entries, for the feed's `updated`.
    pub updated: Option<String>,
    /// Absolute URL of the feed itself.
    pub feed_url: String,
}

/// One URL in a feed or the sitemap.
#[derive(Debug, Serialize)]
pub struct FeedEntry<'a> {
    /// Title.
    pub title: &'a str,
    /// Absolute URL.
    pub permalink: String,
    /// Summary.
    pub description: &'a str,
    /// RFC 3339 date.
    pub date: Option<String>,
}

/// The links every page may show, made into template values once per build.
pub struct Links {
    /// Person index → their link.
    people: Vec<LinkValue>,
    /// Everyone's index, in the order of their slugs: the people index and the search
    /// page list them so.
    people_by_slug: Vec<PersonId>,
}

impl Links {
    /// The links of `site`, made in parallel. A page's own link is made where it is shown,
    /// not kept: with listings cut into pages, each is shown a few times, and keeping
    /// 100,000 of them held more than 100 MB through the rendering.
    pub fn new(site: &Site) -> Links {
        let people = site
            .people
            .par_iter()
            .map(|person| Prebuilt::new(&LinkView::person(person)))
            .collect();
        let mut people_by_slug: Vec<PersonId> = (0..site.people.len()).collect();
        people_by_slug.sort_by(|&a, &b| site.people[a].slug.cmp(&site.people[b].slug));
        Links {
            people_by_slug,
            people,
        }
    }
}

/// Makes views of a linked site.
pub struct Views<'a> {
    site: &'a Site,
    links: &'a Links,
    labels: &'a Labels,
}

impl<'a> Views<'a> {
    /// Views of `site`, sharing the prebuilt `links`, in the words of `labels`.
    pub fn new(site: &'a Site, links: &'a Links, labels: &'a Labels) -> Self {
        Views {
            site,
            links,
            labels,
        }
    }

    /// The picture shared with a link to a page showing `own`: it, else the poster.
    fn social_image(&self, own: Option<&Image>) -> Option<ImageView> {
        ImageView::of(self.site, own.or(self.site.image.as_ref()))
    }

    /// The portrait of the person of `name`, if they have one.
    fn portrait(&self, name: &str) -> Option<ImageView> {
        let text = self.site.person_by_name(name)?.text.as_ref()?;
        ImageView::of(self.site, text.image.as_ref())
    }

    fn page_link(&self, id: PageId) -> LinkValue {
        Prebuilt::new(&LinkView::page(self.site, id, self.labels))
    }

    /// The cards of `ids`: their links with their descriptions, for a list of pages.
    fn cards(&self, ids: &[PageId]) -> LinkList {
        let cards: Vec<LinkView> = ids
            .iter()
            .map(|&id| LinkView::card(self.site, id, self.labels))
            .collect();
        Prebuilt::new(&cards)
    }

    /// A link to a name of the front matter or `site.toml`: the series itself links to the
    /// home page, anyone else to their page.
    fn name_link(&self, name: &'a str) -> LinkView<'a> {
        let site = self.site;
        let url = match site.person_by_name(name) {
            Some(person) if name != site.config.title => site.url(&person.path),
            _ => site.url(""),
        };
        LinkView::to(name, Cow::Owned(url))
    }

    /// The `site` variable, for a site rendered in `mode`.
    pub fn site(&self, mode: super::Mode) -> SiteView<'a> {
        let config = &self.site.config;
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_url: &config.base_url,
            base_path: config.base_path(),
            mode,
            menu: self.menu(),
            routes: self.routes(),
            series: self.series(),
            image: ImageView::of(self.site, self.site.image.as_ref()),
            extra: &config.extra,
        }
    }

    fn routes(&self) -> RoutesView {
        let site = self.site;
        let guide = routes::section_path(routes::EPISODES_DIR);
        RoutesView {
            home: site.url(""),
            people: site.generated_url(Generated::PeopleIndex),
            search: site
                .has_search
                .then(|| site.generated_url(Generated::Search)),
            search_index: site.url(routes::SEARCH_INDEX_DIR),
            feed: site.generated_url(Generated::Feed),
            sitemap: site.generated_url(Generated::Sitemap),
            episode_guide: site
                .pages
                .iter()
                .any(|p| p.kind == PageKind::Section && p.path == guide)
                .then(|| site.url(&guide)),
        }
    }

    fn series(&self) -> SeriesView<'a> {
        let series = &self.site.config.series;
        let cast_view = |member: &'a CastMember| CastView {
            person: LinkView {
                image: self.portrait(&member.name),
                ..self.name_link(&member.name)
            },
            role: member.role.as_deref(),
        };
        SeriesView {
            genre: series.genre.as_deref(),
            country: series.country.as_deref(),
            language: series.language.as_deref(),
            // Counts left out of `site.toml` are the guide's; written ones were checked.
            seasons: series
                .seasons
                .or_else(|| self.guide_count(|g| g.seasons.len())),
            episodes: series
                .episodes
                .or_else(|| self.guide_count(|g| g.episode_count())),
            runtime: series.runtime.as_deref(),
            channel: series.channel.as_deref(),
            first_aired: series.first_aired.map(|d| DateView::new(d, self.labels)),
            companies: &series.companies,
            credits: series
                .credits
                .iter()
                .map(|(role, names)| CreditView {
                    role,
                    label: self.labels.credit_role(role),
                    people: names.iter().map(|n| self.name_link(n)).collect(),
                })
                .collect(),
            cast: series
                .cast
                .iter()
                .filter(|m| !m.reenactment && m.role.is_none())
                .map(cast_view)
                .collect(),
            reenactments: series
                .cast
                .iter()
                .filter(|m| m.reenactment)
                .map(cast_view)
                .collect(),
            other_roles: series
                .cast
                .iter()
                .filter(|m| !m.reenactment && m.role.is_some())
                .map(cast_view)
                .collect(),
            extra: &series.extra,
        }
    }

    /// The menu: the home page, then the pages that join it in the order of their
    /// `menu_weight` (else `weight`, then file order), then the people index.
    /// A count of the episode guide, when the site has one.
    fn guide_count(&self, count: impl Fn(&episodes::Guide) -> usize) -> Option<u32> {
        let guide = &self.site.guide;
        guide.page.map(|_| count(guide) as u32)
    }

    fn menu(&self) -> Vec<LinkView<'a>> {
        let site = self.site;
        let mut top: Vec<(Option<i64>, PageId)> = site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, page)| page.kind != PageKind::Home && in_menu(page))
            .map(|(id, page)| (page.front.menu_weight.or(page.front.weight), id))
            .collect();
        top.sort_by_key(|&(weight, id)| (weight.is_none(), weight, id));
        let home = &site.pages[0].front;
        let mut menu = vec![LinkView {
            title: home
                .menu_title
                .as_deref()
                .unwrap_or_else(|| self.labels.get("home")),
            ..LinkView::page(site, 0, self.labels)
        }];
        menu.extend(top.into_iter().map(|(_, id)| {
            LinkView {
                title: site.pages[id]
                    .front
                    .menu_title
                    .as_deref()
                    .unwrap_or(&site.pages[id].front.title),
                ..LinkView::page(site, id, self.labels)
            }
        }));
        menu.push(LinkView::to(
            describe::people_index_title(site, self.labels),
            Cow::Owned(site.generated_url(Generated::PeopleIndex)),
        ));
        menu
    }

    /// The view of a page whose listing, if it has one, shows the pages of `shown`.
    fn page(&self, id: PageId, shown: &[PageId]) -> PageView<'a> {
        let site = self.site;
        let page: &'a Page = &site.pages[id];
        let videos: Vec<VideoView> = page
            .videos
            .iter()
            .map(|v| VideoView::new(site, v))
            .collect();
        PageView {
            kind: match page.kind {
                PageKind::Home => "home",
                PageKind::Section => "section",
                PageKind::Page => "page",
            },
            title: &page.front.title,
            description: &page.summary,
            url: page.url.clone(),
            permalink: site.permalink(&page.path),
            content: &page.content,
            date: page.front.date.map(|d| DateView::new(d, self.labels)),
            weight: page.front.weight,
            season: page.episode.map(|e| e.season),
            episode_number: page.episode.map(|e| e.number),
            number_overall: page.episode.map(|e| e.overall),
            section: page.section.map(|s| self.page_link(s)),
            previous: page.previous.map(|p| self.page_link(p)),
            next: page.next.map(|p| self.page_link(p)),
            featuring: page
                .featuring
                .iter()
                .map(|&p| self.links.people[p].clone())
                .collect(),
            awards: page
                .front
                .awards
                .iter()
                .enumerate()
                .map(|(index, award)| self.award(id, index, award))
                .collect(),
            aggregators: &page.front.aggregators,
            reviews: &page.front.reviews,
            extra: &page.front.extra,
            image: ImageView::of(site, page.image.as_ref()),
            social_image: self.social_image(page.image.as_ref()),
            has_videos: shows_videos(&videos, &page.content),
            videos,
            json_ld: structured_data::for_page(site, id, shown),
        }
    }

    fn award(&self, page: PageId, index: usize, award: &'a Award) -> AwardView<'a> {
        let anchor = award_anchor(index);
        AwardView {
            year: award.year,
            association: &award.association,
            category: &award.category,
            result: award.result,
            note: award.note.as_deref(),
            recipients: award.recipients.iter().map(|n| self.name_link(n)).collect(),
            url: format!("{}#{anchor}", self.site.pages[page].url),
            anchor,
        }
    }

    /// The context of a home, section or regular page; for a section whose listing is cut
    /// into pages, of page `number` (from 1) of it.
    pub fn page_context(&self, id: PageId, number: usize) -> PageContext<'a> {
        let site = self.site;
        let page = &site.pages[id];
        let sections = match page.kind {
            PageKind::Home => self.home_sections(),
            _ => Vec::new(),
        };
        let paginator = listing::paginator(site, id, number);
        let pages = self.cards(&page.pages[listing::slice(site, id, number)]);
        let guide = &site.guide;
        let seasons = if guide.page == Some(id) && guide.seasons.iter().any(|s| s.page.is_some()) {
            guide.seasons.iter().map(|s| self.season(s)).collect()
        } else {
            Vec::new()
        };
        let season = match page.episode {
            Some(numbers) => guide.seasons.get(numbers.season as usize - 1),
            None => guide.seasons.iter().find(|s| s.page == Some(id)),
        };
        let shown = &page.pages[listing::slice(site, id, number)];
        let mut view = self.page(id, shown);
        if number > 1 {
            // A further page of the listing is a page of its own, its own canonical URL.
            let path = listing::path_of(site, id, number);
            view.url = site.url(&path);
            view.permalink = site.permalink(&path);
        }
        PageContext {
            page: view,
            pages,
            paginator,
            sections,
            seasons,
            season: season.map(|s| self.season(s)),
        }
    }

    /// The top-level sections, each with the few pages the home page lists.
    fn home_sections(&self) -> Vec<SectionView> {
        let site = self.site;
        site.pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == PageKind::Section && p.section.is_none())
            .map(|(section, page)| SectionView {
                section: self.page_link(section),
                pages: self.cards(&listing::on_home(site, section)),
                total: page.pages.len(),
            })
            .collect()
    }

    /// The view of a season.
    fn season(&self, season: &episodes::Season) -> SeasonView<'a> {
        let site = self.site;
        let page = season.page.map(|id| &site.pages[id]);
        let guide = site.guide.page.map(|id| site.pages[id].url.as_str());
        let date = |id: Option<&PageId>| {
            let date = site.pages[*id?].front.date?;
            Some(DateView::new(date, self.labels))
        };
        SeasonView {
            number: season.number,
            title: match page {
                Some(page) => Cow::Borrowed(page.front.title.as_str()),
                None => Cow::Owned(
                    self.labels
                        .fill("season_title", &[("number", &season.number.to_string())]),
                ),
            },
            url: page.map(|p| p.url.as_str()).or(guide),
            episodes: season.episodes.len(),
            first_aired: date(season.episodes.first()),
            last_aired: date(season.episodes.last()),
        }
    }

    /// The context of a person page.
    pub fn person_context(&self, person: &'a Person) -> PersonContext<'a> {
        let site = self.site;
        let description = describe::person_description(site, person, self.labels);
        let content = person.text.as_ref().map_or("", |t| t.content.as_str());
        let portrait = person.text.as_ref().and_then(|t| t.image.as_ref());
        let videos: Vec<VideoView> = person
            .text
            .iter()
            .flat_map(|t| &t.videos)
            .map(|v| VideoView::new(site, v))
            .collect();
        PersonContext {
            page: SimplePageView {
                title: &person.name,
                description: description.clone(),
                url: site.url(&person.path),
                permalink: site.permalink(&person.path),
                content,
                social_image: self.social_image(portrait),
                has_videos: shows_videos(&videos, content),
                json_ld: structured_data::for_person(site, person),
            },
            person: PersonView {
                name: &person.name,
                url: site.url(&person.path),
                permalink: site.permalink(&person.path),
                description,
                content,
                cast: person
                    .cast
                    .iter()
                    .map(|part| CastPartView {
                        role: part.role.as_deref(),
                        reenactment: part.reenactment,
                    })
                    .collect(),
                credits: person
                    .credits
                    .iter()
                    .map(|r| self.labels.credit_role(r))
                    .collect(),
                featured_in: person
                    .featured_in
                    .iter()
                    .map(|&p| self.page_link(p))
                    .collect(),
                awards: person
                    .awards
                    .iter()
                    .map(|&(page, index)| {
                        self.award(page, index, &site.pages[page].front.awards[index])
                    })
                    .collect(),
                extra: person.text.as_ref().map(|t| &t.front.extra),
                image: ImageView::of(site, portrait),
                videos,
            },
        }
    }

    /// The page view of a generated page that has no source.
    fn generated_page(
        &self,
        generated: Generated,
        title: &'a str,
        description: String,
        content: &'a str,
    ) -> SimplePageView<'a> {
        let site = self.site;
        let path = generated.path();
        SimplePageView {
            title,
            description,
            url: site.url(path),
            permalink: site.permalink(path),
            content,
            social_image: self.social_image(None),
            has_videos: shows_videos(&[], content),
            json_ld: structured_data::for_generated(site, title, path),
        }
    }

    /// The context of the search page.
    pub fn search_context(&self) -> SearchContext<'a> {
        let labels = self.labels;
        let site_title = [("site", self.site.config.title.as_str())];
        SearchContext {
            page: self.generated_page(
                Generated::Search,
                labels.get("search"),
                labels.fill("search_description", &site_title),
                "",
            ),
            pages: self.cards_for_readers_without_script(),
            left_out: self.search_left_out(),
            example_person: self
                .site
                .config
                .series
                .cast
                .first()
                .map(|member| member.name.as_str())
                .or_else(|| self.site.people.first().map(|p| p.name.as_str())),
            example_page: self
                .site
                .pages
                .iter()
                .find_map(|p| p.pages.first())
                .map(|&id| self.site.pages[id].front.title.as_str()),
            people: match self.site.people.len() <= SEARCH_FALLBACK_LIMIT {
                true => self
                    .links
                    .people_by_slug
                    .iter()
                    .map(|&i| self.links.people[i].clone())
                    .collect(),
                false => Vec::new(),
            },
        }
    }

    /// The pages the search page lists for readers without JavaScript: all of a small
    /// site's, or the menu's.
    fn cards_for_readers_without_script(&self) -> LinkList {
        let site = self.site;
        let ids: Vec<PageId> = match site.pages.len() <= SEARCH_FALLBACK_LIMIT {
            true => (0..site.pages.len()).collect(),
            false => (0..site.pages.len())
                .filter(|&id| id == 0 || in_menu(&site.pages[id]))
                .collect(),
        };
        let links: Vec<LinkView> = ids
            .iter()
            .map(|&id| LinkView::page(site, id, self.labels))
            .collect();
        Prebuilt::new(&links)
    }

    /// How many pages and people the search page's lists leave out.
    fn search_left_out(&self) -> usize {
        let site = self.site;
        let pages = match site.pages.len() <= SEARCH_FALLBACK_LIMIT {
            true => 0,
            false => (1..site.pages.len())
                .filter(|&id| !in_menu(&site.pages[id]))
                .count(),
        };
        let people = match site.people.len() <= SEARCH_FALLBACK_LIMIT {
            true => 0,
            false => site.people.len(),
        };
        pages + people
    }

    /// The context of the people index.
    pub fn people_context(&self) -> PeopleContext<'a> {
        let site = self.site;
        PeopleContext {
            page: self.generated_page(
                Generated::PeopleIndex,
                describe::people_index_title(site, self.labels),
                describe::people_index_description(site, self.labels),
                &site.people_index.content,
            ),
            people: self
                .links
                .people_by_slug
                .iter()
                .map(|&i| PersonSummary {
                    person: self.links.people[i].clone(),
                    roles: describe::person_roles(site, &site.people[i], self.labels),
                })
                .collect(),
        }
    }

    /// The context of the page an old URL of page `to` becomes: `page` is the page it
    /// leads to.
    pub fn alias_context(&self, to: PageId) -> SimpleContext<'a> {
        let site = self.site;
        let page = &site.pages[to];
        SimpleContext {
            page: SimplePageView {
                title: &page.front.title,
                description: page.summary.clone(),
                url: page.url.clone(),
                permalink: site.permalink(&page.path),
                content: "",
                social_image: None,
                has_videos: false,
                json_ld: String::new(),
            },
        }
    }

    /// The context of the 404 page.
    pub fn not_found_context(&self) -> SimpleContext<'a> {
        let labels = self.labels;
        let site_title = [("site", self.site.config.title.as_str())];
        SimpleContext {
            page: self.generated_page(
                Generated::NotFound,
                labels.get("not_found_title"),
                labels.fill("not_found_description", &site_title),
                "",
            ),
        }
    }
}

/// Above this many pages (or people), the search page's list for readers without
/// JavaScript names the sections instead of every page (and the people index instead of
/// everyone): a site of 100,000 pages would make it a page of megabytes.
const SEARCH_FALLBACK_LIMIT: usize = 500;

/// Whether a page is in the menu: its own `menu`, else whether it is a section or a page at
/// the top of `content/`.
fn in_menu(page: &Page) -> bool {
    page.front.menu.unwrap_or(match page.kind {
        PageKind::Home | PageKind::Section => true,
        PageKind::Page => page.section.is_none() && page.path.matches('/').count() == 1,
    })
}

/// The anchor of the `index`th award row on its page.
pub fn award_anchor(index: usize) -> String {
    format!("award-{}", index + 1)
}
