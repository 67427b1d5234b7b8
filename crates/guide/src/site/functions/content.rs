//! `get_page(path)` and `get_section(path, metadata_only, lang)`: a page or section by
//! its path under `content/`, as the theme sees `page` and `section`; and the taxonomy
//! functions `get_taxonomy`, `get_taxonomy_url`, `get_taxonomy_term`, with Zola's
//! messages.
use std::collections::HashMap;
use std::sync::Arc;

use tera::{Function, Value};

use super::{optional, required};

/// The pages and sections by their path under `content/` (`a/b.md`, `a/_index.md`),
/// serialized once per build.
#[derive(Debug, Default)]
pub(crate) struct ContentIndex {
    pub(crate) pages: HashMap<String, Value>,
    /// Sections with their pages and subsections, and without (`metadata_only`).
    pub(crate) sections: HashMap<String, (Value, Value)>,
    pub(crate) default_language: String,
}

pub(crate) struct GetPage(pub(crate) Arc<ContentIndex>);

impl Function for GetPage {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let path: String = required(
            args,
            "path",
            "`get_page` requires a `path` argument with a string value",
        )?;
        match self.0.pages.get(&path) {
            Some(p) => Ok(p.clone()),
            None => Err(format!("Page `{path}` not found.").into()),
        }
    }
}

pub(crate) struct GetSection(pub(crate) Arc<ContentIndex>);

impl Function for GetSection {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let path: String = required(
            args,
            "path",
            "`get_section` requires a `path` argument with a string value",
        )?;
        let metadata_only = args
            .get("metadata_only")
            .is_some_and(|v| v.as_bool().unwrap_or(false));
        let lang: Option<String> =
            optional(args, "lang", "`get_section`: `lang` must be a string")?;
        let key = match &lang {
            Some(l) if *l != self.0.default_language => match path.rsplit_once('.') {
                Some((stem, ext)) => format!("{stem}.{l}.{ext}"),
                None => format!("{path}.{l}"),
            },
            _ => path.clone(),
        };
        match (self.0.sections.get(&key), lang) {
            (Some((full, meta)), _) => Ok(if metadata_only { meta } else { full }.clone()),
            (None, Some(l)) => {
                Err(format!("Section `{path}` not found for language `{l}`.").into())
            }
            (None, None) => Err(format!("Section `{path}` not found.").into()),
        }
    }
}

/// The site's taxonomies for `get_taxonomy`, `get_taxonomy_url` and
/// `get_taxonomy_term`: each one's value (`{kind, lang, permalink, items}`) and its
/// terms' (`{name, slug, path, permalink, pages, page_count}`) by slug; both by
/// `<name>-<lang>`.
#[derive(Debug, Default)]
pub(crate) struct TaxonomyIndex {
    pub(crate) taxonomies: HashMap<String, Value>,
    pub(crate) terms: HashMap<String, HashMap<String, Value>>,
    /// Zola's `slugify.taxonomies` strategy, as the configuration says.
    pub(crate) config: toml::Table,
}

/// `get_taxonomy(kind, required)`.
pub(crate) struct GetTaxonomy(pub(crate) Arc<TaxonomyIndex>);

impl Function for GetTaxonomy {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let kind: String = required(
            args,
            "kind",
            "`get_taxonomy` requires a `kind` argument with a string value",
        )?;
        let required_kind = optional(
            args,
            "required",
            "`get_taxonomy`: `required` must be a boolean (true or false)",
        )?
        .unwrap_or(true);
        let lang = lang_arg(args, "get_taxonomy", &self.0.config)?;
        match (
            self.0.taxonomies.get(&format!("{kind}-{lang}")),
            required_kind,
        ) {
            (Some(t), _) => Ok(t.clone()),
            (None, false) => Ok(Value::Null),
            (None, true) => {
                Err(format!("`get_taxonomy` received an unknown taxonomy as kind: {kind}").into())
            }
        }
    }
}

/// `get_taxonomy_url(kind, name, required)` and `get_taxonomy_term(kind, term,
/// include_pages, required)`.
pub(crate) struct GetTerm {
    pub(crate) index: Arc<TaxonomyIndex>,
    /// `true`: `get_taxonomy_url` (gives the permalink).
    pub(crate) url: bool,
}

impl Function for GetTerm {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let (fname, term_arg) = match self.url {
            true => ("get_taxonomy_url", "name"),
            false => ("get_taxonomy_term", "term"),
        };
        let kind: String = required(
            args,
            "kind",
            &format!("`{fname}` requires a `kind` argument with a string value"),
        )?;
        let name: String = required(
            args,
            term_arg,
            &format!("`{fname}` requires a `{term_arg}` argument with a string value"),
        )?;
        let required_kind = optional(
            args,
            "required",
            &format!("`{fname}`: `required` must be a boolean (true or false)"),
        )?
        .unwrap_or(true);
        let lang = lang_arg(args, fname, &self.index.config)?;
        let Some(terms) = self.index.terms.get(&format!("{kind}-{lang}")) else {
            return match required_kind {
                false => Ok(Value::Null),
                true => {
                    Err(format!("`{fname}` received an unknown taxonomy as kind: {kind}").into())
                }
            };
        };
        let slug = crate::site::taxonomies::slugify(&name, &self.index.config);
        let Some(term) = terms.get(&slug) else {
            if !self.url && !required_kind {
                return Ok(Value::Null);
            }
            return Err(format!("`{fname}`: couldn't find `{name}` in `{kind}` taxonomy").into());
        };
        if self.url {
            return Ok(term["permalink"].clone());
        }
        let include_pages = optional(
            args,
            "include_pages",
            "`get_taxonomy_term`: `include_pages` must be a boolean (true or false)",
        )?
        .unwrap_or(true);
        let mut term = term.clone();
        if !include_pages {
            if let Some(t) = term.as_object_mut() {
                t.remove("pages");
            }
        }
        Ok(term)
    }

    fn is_safe(&self) -> bool {
        self.url
    }
}

impl TaxonomyIndex {
    /// The index of `taxonomies`, each page's value given by `page` (source index).
    pub(crate) fn new(
        taxonomies: &[crate::site::taxonomies::Taxonomy],
        config: &toml::Table,
        permalink: impl Fn(&str) -> String,
        page: impl Fn(usize) -> Value,
    ) -> TaxonomyIndex {
        let mut index = TaxonomyIndex {
            config: config.clone(),
            ..TaxonomyIndex::default()
        };
        for t in taxonomies {
            let lang = t.lang.as_str();
            let terms: Vec<(String, Value)> = t
                .terms
                .iter()
                .map(|term| {
                    let value = serde_json::json!({
                        "name": term.name,
                        "slug": term.slug,
                        "path": term.path,
                        "permalink": permalink(&term.path),
                        "pages": term.pages.iter().map(|i| page(*i)).collect::<Vec<_>>(),
                        "page_count": term.pages.len(),
                    });
                    (term.slug.clone(), value)
                })
                .collect();
            let value = serde_json::json!({
                "kind": t.value(),
                "lang": lang,
                "permalink": permalink(&t.path),
                "items": terms.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>(),
            });
            let key = format!("{}-{lang}", t.name);
            index.taxonomies.insert(key.clone(), value);
            index.terms.insert(key, terms.into_iter().collect());
        }
        index
    }
}

/// Registers the taxonomy functions over `index`.
pub(crate) fn register_taxonomies(tera: &mut tera::Tera, index: Arc<TaxonomyIndex>) {
    tera.register_function("get_taxonomy", GetTaxonomy(index.clone()));
    tera.register_function(
        "get_taxonomy_url",
        GetTerm {
            index: index.clone(),
            url: true,
        },
    );
    tera.register_function("get_taxonomy_term", GetTerm { index, url: false });
}

/// The `lang` argument, the site's default language without one.
fn lang_arg(
    args: &HashMap<String, Value>,
    fname: &str,
    config: &toml::Table,
) -> tera::Result<String> {
    Ok(
        optional(args, "lang", &format!("`{fname}`: `lang` must be a string"))?
            .unwrap_or_else(|| super::default_language(config).to_string()),
    )
}
