//! `get_page(path)` and `get_section(path, metadata_only, lang)`: a page or section by
//! its path under `content/`, as the theme sees `page` and `section`; and the taxonomy
//! functions, which fail as Zola's do for a taxonomy the site does not have (none yet).
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

/// `get_taxonomy`, `get_taxonomy_url`, `get_taxonomy_term` while the site has no
/// taxonomies: `required=false` gives nothing, otherwise Zola's error for an unknown
/// taxonomy.
pub(crate) struct NoTaxonomy(pub(crate) &'static str);

impl Function for NoTaxonomy {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let name = self.0;
        let kind: String = required(
            args,
            "kind",
            &format!("`{name}` requires a `kind` argument with a string value"),
        )?;
        let required_kind: bool = optional(
            args,
            "required",
            &format!("`{name}`: `required` must be a boolean (true or false)"),
        )?
        .unwrap_or(true);
        match required_kind {
            false => Ok(Value::Null),
            true => Err(format!("`{name}` received an unknown taxonomy as kind: {kind}").into()),
        }
    }
}
