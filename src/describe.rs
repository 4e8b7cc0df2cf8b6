//! Sentences made of the site's facts and the theme's words, for the generated pages that
//! have no text of their own: what a person is, and what the people index holds. The
//! person pages and the search index both show them.

use crate::content::AwardResult;
use crate::site::{Person, Site};
use crate::theme::Labels;

/// What a person is in the site, as the people index lists it: `Cast`, `Director`,
/// `Award winner`.
pub fn person_roles(site: &Site, person: &Person, labels: &Labels) -> Vec<String> {
    let mut roles = Vec::new();
    if person.cast.iter().any(|c| !c.reenactment) {
        roles.push(labels.get("roles.cast").to_string());
    }
    if person.cast.iter().any(|c| c.reenactment) {
        roles.push(labels.get("roles.reenactment_cast").to_string());
    }
    roles.extend(person.credits.iter().map(|r| labels.credit_role(r)));
    let won = person.awards.iter().any(|&(page, index)| {
        site.pages[page].front.awards[index].result == Some(AwardResult::Won)
    });
    if won {
        roles.push(labels.get("roles.award_winner").to_string());
    } else if !person.awards.is_empty() {
        roles.push(labels.get("roles.award_nominee").to_string());
    }
    if roles.is_empty() && !person.featured_in.is_empty() {
        roles.push(labels.get("roles.featured").to_string());
    }
    roles
}

/// A person's description: their own text's, else one made of their roles.
pub fn person_description(site: &Site, person: &Person, labels: &Labels) -> String {
    if let Some(own) = person
        .text
        .as_ref()
        .and_then(|t| t.front.description.as_ref())
    {
        return own.clone();
    }
    let name = person.name.as_str();
    let series = site.config.title.as_str();
    let roles = person_roles(site, person, labels);
    if roles.is_empty() {
        labels.fill("person_description", &[("name", name), ("site", series)])
    } else {
        let roles = roles.join(", ");
        labels.fill(
            "person_description_roles",
            &[("name", name), ("site", series), ("roles", &roles)],
        )
    }
}

/// The people index's title: its own, else the theme's word for people.
pub fn people_index_title<'a>(site: &'a Site, labels: &'a Labels) -> &'a str {
    site.people_index
        .title
        .as_deref()
        .unwrap_or_else(|| labels.get("people"))
}

/// The people index's description: its own, else one made of the site's title.
pub fn people_index_description(site: &Site, labels: &Labels) -> String {
    site.people_index
        .description
        .clone()
        .unwrap_or_else(|| labels.fill("people_description", &[("site", &site.config.title)]))
}
