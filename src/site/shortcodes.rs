//! The shortcodes of a page's text called with what they ask for: each call's arguments
//! checked against its template's, an `image` made a picture like any other, before the
//! theme renders it.

use std::path::Path;

use crate::markdown::Problem;
use crate::media::Library;
use crate::shortcodes::{Arg, Call};
use crate::toml_error::{closest, type_name};

use super::images::{self, Image};

/// The folder of `templates/` that holds the shortcodes, one file each.
pub const SHORTCODES_DIR: &str = "shortcodes";

/// An argument a shortcode's template takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// Its type, as templates name it (`string`, `integer`, `bool`, `map`…); `None` takes
    /// any value.
    pub kind: Option<&'static str>,
    /// Whether a call must give it: it has no default.
    pub required: bool,
}

/// A value given to a shortcode's template.
#[derive(Debug, Clone)]
pub enum Value {
    /// As written.
    Written(toml::Value),
    /// A picture, from an `image` argument.
    Picture(Image),
}

/// The templates that render shortcodes: the theme's, in the render stage.
pub trait ShortcodeTemplates: Sync {
    /// The arguments of the shortcode `name`, or `None` when there is none of that name.
    fn params(&self, name: &str) -> Option<Vec<Param>>;
    /// The names of every shortcode, in order.
    fn names(&self) -> Vec<String>;
    /// The markup of the shortcode `name` given `args` and, with a body, `body` rendered;
    /// or what went wrong, in a sentence.
    fn render(
        &self,
        name: &str,
        args: Vec<(String, Value)>,
        body: Option<&str>,
    ) -> Result<String, String>;
}

/// The help on the alt text of a shortcode's picture.
const ALT_HELP: &str = "add `alt=\"…\"` saying what the picture shows: it is what a screen \
    reader says and what shows when the picture cannot; `alt=\"\"` marks a picture that only \
    decorates";

/// Renders `call`, written in `file`, whose body (if it has one) is `body`.
pub(super) fn run(
    templates: &dyn ShortcodeTemplates,
    call: &Call,
    body: Option<String>,
    file: &Path,
    media: &Library,
) -> Result<String, Vec<Problem>> {
    let problem =
        |range: &std::ops::Range<usize>, message: String, help: String| Problem::Shortcode {
            range: range.clone(),
            message,
            label: None,
            help,
        };
    let Some(params) = templates.params(&call.name) else {
        let names = templates.names();
        let known: Vec<&str> = names.iter().map(String::as_str).collect();
        let help = match closest(&call.name, &known) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "the shortcodes are {}; a site adds one by writing \
                 `templates/{SHORTCODES_DIR}/<name>.html`",
                quoted(&known)
            ),
        };
        return Err(vec![problem(
            &call.name_range,
            format!("there is no shortcode `{}`", call.name),
            help,
        )]);
    };
    let names: Vec<&str> = params.iter().map(|p| p.name.as_str()).collect();
    let arguments_help = || match names.as_slice() {
        [] => format!("`{}` takes no arguments", call.name),
        _ => format!("the arguments of `{}` are {}", call.name, quoted(&names)),
    };
    let mut problems = Vec::new();
    let mut args = Vec::with_capacity(call.args.len());
    for arg in &call.args {
        let Some(param) = params.iter().find(|p| p.name == arg.name) else {
            let help = match closest(&arg.name, &names) {
                Some(near) => format!("did you mean `{near}`?"),
                None => arguments_help(),
            };
            problems.push(problem(
                &arg.name_range,
                format!("shortcode `{}` has no argument `{}`", call.name, arg.name),
                help,
            ));
            continue;
        };
        let value = if arg.name == "image" {
            match picture(call, arg, file, media) {
                Ok(image) => Value::Picture(image),
                Err(found) => {
                    problems.push(found);
                    continue;
                }
            }
        } else {
            Value::Written(arg.value.clone())
        };
        if let Some(kind) = param.kind
            && !fits(&value, kind)
        {
            problems.push(problem(
                &arg.value_range,
                format!(
                    "`{}` of shortcode `{}` must be {}, not {}",
                    arg.name,
                    call.name,
                    type_name(kind),
                    type_name(arg.value.type_str())
                ),
                arguments_help(),
            ));
            continue;
        }
        args.push((arg.name.clone(), value));
    }
    let has = |name: &str| call.args.iter().any(|a| a.name == name);
    for param in params.iter().filter(|p| p.required) {
        // A picture without its `alt` is told so at the picture, once.
        let told = param.name == "alt" && has("image");
        if !has(&param.name) && !told {
            problems.push(problem(
                &call.name_range,
                format!(
                    "shortcode `{}` needs the argument `{}`",
                    call.name, param.name
                ),
                arguments_help(),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    templates
        .render(&call.name, args, body.as_deref())
        .map_err(|why| {
            vec![problem(
                &call.range,
                format!("shortcode `{}` cannot be shown: {why}", call.name),
                format!(
                    "its template is `templates/{SHORTCODES_DIR}/{}.html`",
                    call.name
                ),
            )]
        })
}

/// The picture of the `image` argument `arg` of `call`, with the call's `alt`.
fn picture(call: &Call, arg: &Arg, file: &Path, media: &Library) -> Result<Image, Problem> {
    let problem = |message: String, label: Option<&str>, help: &str| Problem::Shortcode {
        range: arg.value_range.clone(),
        message,
        label: label.map(str::to_string),
        help: help.to_string(),
    };
    let written = arg.value.as_str().ok_or_else(|| {
        problem(
            format!(
                "`image` must be the name of a picture, not {}",
                type_name(arg.value.type_str())
            ),
            None,
            "write the picture's file, `image=\"still.jpg\"`, beside the page or in `static/`",
        )
    })?;
    let alt = call.args.iter().find(|a| a.name == "alt");
    let Some(alt) = alt.and_then(|a| a.value.as_str()) else {
        return Err(problem(
            "`image` has no `alt`".to_string(),
            Some("what does this picture show?"),
            ALT_HELP,
        ));
    };
    let Some(source) = images::source_of(file, written) else {
        return Err(problem(
            format!("`image` must be a file of the site, not `{written}`"),
            None,
            "put the picture beside the page, or in `static/` and write it from `/`",
        ));
    };
    let picture = media
        .picture(&source)
        .map_err(|why| problem(why.describe(&source), None, why.help()))?;
    Ok(Image {
        picture,
        alt: alt.to_string(),
    })
}

/// Whether `value` is of the template's type `kind`.
fn fits(value: &Value, kind: &str) -> bool {
    let written = match value {
        Value::Picture(_) => return kind == "map",
        Value::Written(written) => written,
    };
    match kind {
        "string" => written.is_str() || written.is_datetime(),
        "bool" => written.is_bool(),
        "integer" => written.is_integer(),
        "float" => written.is_float(),
        "number" => written.is_integer() || written.is_float(),
        "array" => written.is_array(),
        "map" => written.is_table(),
        _ => true,
    }
}

/// `a`, `b`, `c`.
fn quoted(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}
