//! The videos of a page's front matter (`[[videos]]`): each checked against its provider,
//! with its poster made a picture like any other.

use crate::content::Document;
use crate::error::Diagnostic;
use crate::media::Library;
use crate::media::video::{Video as Played, VideoProblem};

use super::images::{self, Image};

/// A video shown on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Video {
    /// Where it is played.
    pub video: Played,
    /// What it is.
    pub title: String,
    /// The picture shown until it plays; its title says what it is, so its alt text is
    /// empty.
    pub poster: Option<Image>,
    /// A trailer of what the page is about.
    pub trailer: bool,
}

/// The videos of a page's front matter, or every problem they have.
pub(super) fn front_videos(
    document: &Document,
    media: &Library,
) -> Result<Vec<Video>, Vec<Diagnostic>> {
    let mut videos = Vec::new();
    let mut problems = Vec::new();
    for written in &document.front.videos {
        let located = |span, message: String| {
            Diagnostic::new(&document.file, message).at(document.front_location(span))
        };
        let played = Played::new(written.provider.get_ref(), written.id.get_ref());
        let played = match played {
            Ok(played) => Some(played),
            Err(problem @ VideoProblem::Provider(_)) => {
                problems.push(
                    located(written.provider.span(), problem.describe())
                        .help("write `provider = \"youtube\"` or `provider = \"vimeo\"`"),
                );
                None
            }
            Err(problem @ VideoProblem::Id(_)) => {
                problems.push(located(written.id.span(), problem.describe()));
                None
            }
        };
        if written.title.get_ref().trim().is_empty() {
            problems.push(
                located(written.title.span(), "a video without a title".to_string())
                    .label("what is this video?")
                    .help("the title is shown on the video's poster and read by screen readers"),
            );
        }
        let poster = written.poster.as_ref().map(|poster| {
            let location = document.front_location(poster.span());
            images::named_image(
                &document.file,
                &document.file,
                "poster",
                poster.get_ref(),
                Some(""),
                Some(location),
                media,
            )
        });
        let poster = match poster.transpose() {
            Ok(poster) => poster,
            Err(problem) => {
                problems.push(problem);
                None
            }
        };
        if let Some(video) = played {
            videos.push(Video {
                video,
                title: written.title.get_ref().trim().to_string(),
                poster,
                trailer: written.trailer,
            });
        }
    }
    if problems.is_empty() {
        Ok(videos)
    } else {
        Err(problems)
    }
}
