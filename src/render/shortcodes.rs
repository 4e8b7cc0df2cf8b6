//! The theme's shortcodes: the components of `templates/shortcodes/<name>.html`, each named
//! after its file, rendered for the link stage with the arguments a page's text gives.

use std::collections::BTreeSet;

use tera::{Context, Kwargs, State, Value};

use crate::config::Config;
use crate::error::{Diagnostic, Diagnostics};
use crate::media::video::Video;
use crate::site::ShortcodeTemplates;
use crate::site::shortcodes::{self as site_shortcodes, Param, SHORTCODES_DIR};

use super::context::{ImageView, VideoView};
use super::{Templates, tera_error};

/// The shortcodes of a site's templates.
pub struct Shortcodes<'t> {
    templates: &'t Templates,
    config: Config,
    names: BTreeSet<String>,
}

impl<'t> Shortcodes<'t> {
    /// The shortcodes of `templates`, for the site `config` describes. A file of
    /// `templates/shortcodes/` that does not define the component of its name is an error.
    pub fn new(
        templates: &'t Templates,
        config: Config,
        diagnostics: &mut Diagnostics,
    ) -> Shortcodes<'t> {
        let mut names = BTreeSet::new();
        for template in templates.tera.get_template_names() {
            let Some(name) = template
                .strip_prefix(SHORTCODES_DIR)
                .and_then(|rest| rest.strip_prefix('/'))
                .and_then(|rest| rest.strip_suffix(".html"))
            else {
                continue;
            };
            if templates.tera.contains_component(name) {
                names.insert(name.to_string());
            } else {
                diagnostics.push(
                    Diagnostic::new(
                        templates.file_of(template),
                        format!("the shortcode `{name}` is not defined in its file"),
                    )
                    .help(format!(
                        "a shortcode's file defines a component of its name: \
                         `{{% component {name}(…) %}}…{{% endcomponent {name} %}}`"
                    )),
                );
            }
        }
        Shortcodes {
            templates,
            config,
            names,
        }
    }
}

impl ShortcodeTemplates for Shortcodes<'_> {
    fn params(&self, name: &str) -> Option<Vec<Param>> {
        if !self.names.contains(name) {
            return None;
        }
        let info = self.templates.tera.get_component_definition(name)?;
        Some(
            info.args()
                .iter()
                .filter(|arg| !arg.is_implicit())
                .map(|arg| Param {
                    name: arg.name().to_string(),
                    kind: arg.arg_type().map(|kind| kind.as_str()),
                    required: arg.is_required(),
                })
                .collect(),
        )
    }

    fn names(&self) -> Vec<String> {
        self.names.iter().cloned().collect()
    }

    fn render(
        &self,
        name: &str,
        args: Vec<(String, site_shortcodes::Value)>,
        body: Option<&str>,
    ) -> Result<String, String> {
        let mut context = Context::new();
        for (key, value) in args {
            let value = match value {
                site_shortcodes::Value::Written(written) => from_toml(written),
                site_shortcodes::Value::Picture(image) => {
                    Value::from_serializable(&ImageView::under(&self.config, &image))
                }
            };
            context.insert_value(key, value);
        }
        self.templates
            .tera
            .render_component_with_implicits(name, &context, &Context::new(), body, true)
            .map_err(|error| {
                let text = error.to_string();
                let first = tera_error::reports(&text)
                    .first()
                    .map(|report| report.message.to_string());
                first.unwrap_or(text).trim_end_matches('.').to_string()
            })
    }
}

/// A value of TOML as templates receive it; a date as it is written.
fn from_toml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(text) => Value::from(text),
        toml::Value::Integer(number) => Value::from(number),
        toml::Value::Float(number) => Value::from(number),
        toml::Value::Boolean(flag) => Value::from(flag),
        toml::Value::Datetime(date) => Value::from(date.to_string()),
        toml::Value::Array(values) => {
            Value::from(values.into_iter().map(from_toml).collect::<Vec<_>>())
        }
        toml::Value::Table(table) => {
            let mut map = tera::Map::new();
            for (key, value) in table {
                map.insert(key.into(), from_toml(value));
            }
            Value::from(map)
        }
    }
}

/// `video_player(provider="youtube", id="dQw4w9WgXcQ", title="The trailer")`: the video a
/// template shows with the theme's `video` component, or why it cannot be played.
pub(super) fn video_player(kwargs: Kwargs, _: &State) -> tera::TeraResult<Value> {
    let provider: &str = kwargs.must_get("provider")?;
    let id: &str = kwargs.must_get("id")?;
    let title: &str = kwargs.must_get("title")?;
    let video =
        Video::new(provider, id).map_err(|problem| tera::Error::message(problem.describe()))?;
    Ok(Value::from_serializable(&VideoView::played(&video, title)))
}
