//! Zola's taxonomies: the configuration's `taxonomies = [{name = "tags", feed = true,
//! paginate_by = N}]` (another language's under `[languages.<lang>]`), and each page's
//! `[taxonomies] tags = ["a", "b"]`. A taxonomy has a list page at `/<slug>/` (under
//! `/<lang>/` for another language) and one page per term at `/<slug>/<term slug>/` (slugs as
//! Zola makes them), with a feed there when it says `feed = true`. Terms are ordered by
//! slug, then name; a term's pages newest first, then those without a date.
use std::collections::BTreeMap;

use crate::site::content::{Kind, Source};
use crate::site::sorting::{self, SortBy};

/// A taxonomy of the configuration, with its terms.
#[derive(Debug, Clone)]
pub(crate) struct Taxonomy {
    pub(crate) name: String,
    /// URL path of its list page: `/tags/`.
    pub(crate) path: String,
    pub(crate) feed: bool,
    /// Its language: its pages are the pages of that language.
    pub(crate) lang: String,
    /// Its configuration entry, as written (`taxonomy` in its templates).
    pub(crate) kind: toml::Table,
    pub(crate) terms: Vec<Term>,
}

impl Taxonomy {
    /// `taxonomy` (and `get_taxonomy`'s `kind`) as Zola gives it: the configuration
    /// entry with every key of Zola's, those not written at their defaults (`slug`, the
    /// URL part of its name; `lang`; `feed`, `render`; `paginate_by`, `paginate_path`
    /// null).
    pub(crate) fn value(&self) -> serde_json::Value {
        let mut map = match serde_json::to_value(&self.kind) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        };
        let slug = self
            .path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("");
        let defaults = [
            ("name", serde_json::json!(self.name)),
            ("slug", serde_json::json!(slug)),
            ("lang", serde_json::json!(self.lang)),
            ("feed", serde_json::json!(self.feed)),
            ("render", serde_json::json!(true)),
            ("paginate_by", serde_json::Value::Null),
            ("paginate_path", serde_json::Value::Null),
        ];
        for (key, value) in defaults {
            map.entry(key).or_insert(value);
        }
        serde_json::Value::Object(map)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub(crate) name: String,
    pub(crate) slug: String,
    /// URL path: `/tags/rust/`.
    pub(crate) path: String,
    /// Indexes of sources.
    pub(crate) pages: Vec<usize>,
}

/// A URL part as Zola's `slugify.taxonomies` strategy makes it (`on` by default).
pub(crate) fn slugify(text: &str, config: &toml::Table) -> String {
    let strategy = config
        .get("slugify")
        .and_then(|s| s.get("taxonomies"))
        .and_then(|s| s.as_str())
        .unwrap_or("on");
    match strategy {
        "off" => text.to_string(),
        "safe" => text
            .chars()
            .filter(|c| {
                !matches!(
                    c,
                    '<' | '>'
                        | ':'
                        | '/'
                        | '|'
                        | '?'
                        | '*'
                        | '#'
                        | '\\'
                        | '('
                        | ')'
                        | '['
                        | ']'
                        | '\t'
                        | '\r'
                        | '\n'
                )
            })
            .collect::<String>()
            .trim()
            .replace(' ', "-"),
        _ => slug::slugify(text),
    }
}

/// The configuration's taxonomies, of every language (the default language's at the
/// top level, another's under `[languages.<lang>]`), with the terms of the pages of
/// their language.
pub(crate) fn collect(sources: &[Source], config: &toml::Table) -> Vec<Taxonomy> {
    let default = crate::site::functions::default_language(config);
    let mut out = of_language(sources, config, config, default, "");
    let languages = config.get("languages").and_then(|l| l.as_table());
    for (lang, table) in languages.into_iter().flatten() {
        if lang == default {
            continue;
        }
        if let Some(table) = table.as_table() {
            out.extend(of_language(
                sources,
                config,
                table,
                lang,
                &format!("/{lang}"),
            ));
        }
    }
    out
}

/// The taxonomies `table` lists for language `lang`, under URL `prefix`.
fn of_language(
    sources: &[Source],
    config: &toml::Table,
    table: &toml::Table,
    lang: &str,
    prefix: &str,
) -> Vec<Taxonomy> {
    let Some(entries) = table.get("taxonomies").and_then(|t| t.as_array()) else {
        return Vec::new();
    };
    let root = config
        .get("taxonomy_root")
        .and_then(|r| r.as_str())
        .map(|r| format!("/{}", r.trim_matches('/')))
        .unwrap_or_default();
    entries
        .iter()
        .filter_map(|e| e.as_table())
        .filter_map(|kind| {
            let name = kind.get("name")?.as_str()?.to_string();
            let slug = slugify(&name, config);
            let path = format!("{prefix}{root}/{slug}/");
            let mut terms: BTreeMap<String, Term> = BTreeMap::new();
            for (i, s) in sources.iter().enumerate() {
                if s.kind != Kind::Page || s.lang != lang {
                    continue;
                }
                for term in s.front.taxonomies.get(&name).into_iter().flatten() {
                    let term_slug = slugify(term, config);
                    let entry = terms.entry(term_slug.clone()).or_insert_with(|| Term {
                        name: term.clone(),
                        path: format!("{path}{term_slug}/"),
                        slug: term_slug,
                        pages: Vec::new(),
                    });
                    if !entry.pages.contains(&i) {
                        entry.pages.push(i);
                    }
                }
            }
            let mut terms: Vec<Term> = terms.into_values().collect();
            for t in &mut terms {
                let undated = sorting::sort(&mut t.pages, sources, SortBy::Date);
                t.pages.extend(undated);
            }
            Some(Taxonomy {
                feed: kind.get("feed").and_then(|f| f.as_bool()).unwrap_or(false),
                kind: kind.clone(),
                lang: lang.to_string(),
                name,
                path,
                terms,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_as_zola_makes_them() {
        let on = toml::Table::new();
        assert_eq!(slugify("Some Person", &on), "some-person");
        assert_eq!(slugify("podcast_authors", &on), "podcast-authors");
        let off: toml::Table = toml::from_str("[slugify]\ntaxonomies = \"off\"").unwrap();
        assert_eq!(slugify("Some Person", &off), "Some Person");
    }
}
