//! Videos of another site (a trailer on YouTube, a clip on Vimeo): where to watch each and
//! the privacy-enhanced address of its player, which a page loads only when the visitor
//! asks for it.

use std::fmt;

/// Who hosts a video.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// youtube.com: played from youtube-nocookie.com, which sets no cookie before play.
    YouTube,
    /// vimeo.com: played with `dnt=1`, which tracks no session.
    Vimeo,
}

/// What the providers are called in front matter and shortcodes.
pub const PROVIDERS: &str = "`youtube` or `vimeo`";

impl Provider {
    /// The provider written `name` (`youtube`, `vimeo`, in any case).
    pub fn named(name: &str) -> Option<Provider> {
        match name.to_ascii_lowercase().as_str() {
            "youtube" => Some(Provider::YouTube),
            "vimeo" => Some(Provider::Vimeo),
            _ => None,
        }
    }

    /// Its name, as shown to visitors.
    pub fn name(self) -> &'static str {
        match self {
            Provider::YouTube => "YouTube",
            Provider::Vimeo => "Vimeo",
        }
    }

    /// Why `id` is not one of this provider's video ids, if it is not.
    fn id_problem(self, id: &str) -> Option<String> {
        let fits = match self {
            // Eleven characters of the URL-safe base64 alphabet: `dQw4w9WgXcQ`.
            Provider::YouTube => {
                id.len() == 11
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            }
            // A number: `76979871`.
            Provider::Vimeo => {
                !id.is_empty() && id.len() <= 20 && id.bytes().all(|b| b.is_ascii_digit())
            }
        };
        (!fits).then(|| match self {
            Provider::YouTube => format!(
                "`{id}` is not a YouTube video id: it is the 11 characters after `v=` in the \
                 video's address, `youtube.com/watch?v=dQw4w9WgXcQ`"
            ),
            Provider::Vimeo => format!(
                "`{id}` is not a Vimeo video id: it is the number at the end of the video's \
                 address, `vimeo.com/76979871`"
            ),
        })
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A video of a provider, known by its id there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Video {
    /// Who hosts it.
    pub provider: Provider,
    /// Its id there.
    pub id: String,
}

/// Why a video cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VideoProblem {
    /// The provider is not one fansite knows.
    Provider(String),
    /// The id is not one of the provider's.
    Id(String),
}

impl VideoProblem {
    /// What is wrong, in a sentence.
    pub fn describe(&self) -> String {
        match self {
            VideoProblem::Provider(name) => {
                format!("`{name}` is not a video provider fansite knows: it plays {PROVIDERS}")
            }
            VideoProblem::Id(why) => why.clone(),
        }
    }
}

impl Video {
    /// The video `id` of the provider named `provider`.
    pub fn new(provider: &str, id: &str) -> Result<Video, VideoProblem> {
        let known = Provider::named(provider)
            .ok_or_else(|| VideoProblem::Provider(provider.to_string()))?;
        if let Some(why) = known.id_problem(id) {
            return Err(VideoProblem::Id(why));
        }
        Ok(Video {
            provider: known,
            id: id.to_string(),
        })
    }

    /// Where to watch it on the provider's own site: the link shown without JavaScript.
    pub fn watch_url(&self) -> String {
        match self.provider {
            Provider::YouTube => format!("https://www.youtube.com/watch?v={}", self.id),
            Provider::Vimeo => format!("https://vimeo.com/{}", self.id),
        }
    }

    /// The provider's player, privacy-enhanced, which starts playing as it loads: it is
    /// loaded only once the visitor has asked to play.
    pub fn embed_url(&self) -> String {
        match self.provider {
            Provider::YouTube => format!(
                "https://www.youtube-nocookie.com/embed/{}?autoplay=1",
                self.id
            ),
            Provider::Vimeo => format!(
                "https://player.vimeo.com/video/{}?autoplay=1&dnt=1",
                self.id
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_provider_plays_from_its_private_player() {
        let youtube = Video::new("YouTube", "dQw4w9WgXcQ").unwrap();
        assert_eq!(
            youtube.watch_url(),
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
        );
        assert_eq!(
            youtube.embed_url(),
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
        );
        let vimeo = Video::new("vimeo", "76979871").unwrap();
        assert_eq!(vimeo.watch_url(), "https://vimeo.com/76979871");
        assert_eq!(
            vimeo.embed_url(),
            "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"
        );
    }

    #[test]
    fn an_id_that_cannot_be_the_provider_s_is_refused() {
        assert!(matches!(
            Video::new("youtube", "https://youtu.be/dQw4w9WgXcQ"),
            Err(VideoProblem::Id(_))
        ));
        assert!(matches!(
            Video::new("vimeo", "abc"),
            Err(VideoProblem::Id(_))
        ));
        assert_eq!(
            Video::new("dailymotion", "x8").unwrap_err().describe(),
            "`dailymotion` is not a video provider fansite knows: it plays `youtube` or `vimeo`"
        );
    }
}
