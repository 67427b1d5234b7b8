//! Zola's global template functions and filters, with Zola's arguments and messages:
//! `get_url`, `get_hash` ([`files`]), `load_data` ([`load_data`]), `trans` ([`i18n`]),
//! `get_page`, `get_section`, `get_taxonomy`, `get_taxonomy_url`, `get_taxonomy_term`
//! ([`content`]: registered by the stages, which know the pages), and the
//! filters `markdown`, `base64_encode`, `base64_decode`, `num_format` and
//! `regex_replace` ([`filters`]). Registered for the theme's templates and for page
//! bodies alike (`get_page` and `get_section` of a body see the pages without their
//! content: bodies are parsed before the pages they would read).
pub(crate) mod content;
pub(crate) mod files;
pub(crate) mod filters;
pub(crate) mod i18n;
pub(crate) mod load_data;

use std::collections::HashMap;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use tera::{Tera, Value};

use crate::site::find_file::SiteFiles;

/// Resolves `@/a/b.md#x` to its URL path (`/a/b/#x`), or says why it cannot.
pub(crate) type Resolve = Arc<dyn Fn(&str) -> Result<String, String> + Send + Sync>;

/// What Zola's functions read of the site.
#[derive(Clone)]
pub(crate) struct FnSite {
    pub(crate) files: SiteFiles,
    /// `base_url`, without a trailing slash.
    pub(crate) base_url: String,
    /// The configuration, as written (languages, translations, feed names).
    pub(crate) config: Arc<toml::Table>,
    pub(crate) resolve: Resolve,
    /// What the `markdown` filter renders with: the site's `[markdown]` options and
    /// highlighter, as Zola's filter does.
    pub(crate) markdown: filters::MarkdownSettings,
}

impl FnSite {
    /// For `site`, `@/` links resolved by `resolve`.
    pub(crate) fn new(site: &crate::site::load::Site, resolve: Resolve) -> FnSite {
        FnSite {
            files: SiteFiles {
                root: site.root.clone(),
                output: "public".into(),
                theme: site.config.theme.clone(),
            },
            base_url: site.config.base_url.trim_end_matches('/').to_string(),
            config: Arc::new(site.config.table.clone()),
            markdown: filters::MarkdownSettings {
                options: Arc::new(site.config.markdown.clone()),
                highlighter: site.highlighter.clone(),
                zola: site.config.flavour == crate::site::config::Flavour::Zola,
                base_url: site.config.base_url.trim_end_matches('/').to_string(),
                resolve: resolve.clone(),
                anchor_slugs: site.config.anchor_slugs(),
            },
            resolve,
        }
    }

    pub(crate) fn default_language(&self) -> &str {
        default_language(&self.config)
    }
}

/// The site's `default_language` (`en` when it sets none).
pub(crate) fn default_language(config: &toml::Table) -> &str {
    config
        .get("default_language")
        .and_then(|l| l.as_str())
        .unwrap_or("en")
}

/// Registers the functions and filters that need no page: for bodies and the theme.
pub(crate) fn register(tera: &mut Tera, site: &FnSite) {
    tera.register_function("get_url", files::GetUrl(site.clone()));
    tera.register_function("get_hash", files::GetHash(site.files.clone()));
    tera.register_function("load_data", load_data::LoadData(site.files.clone()));
    tera.register_function("trans", i18n::Trans(site.config.clone()));
    filters::register(tera, site.default_language(), site.markdown.clone());
}

/// A required argument of type `T`, or the error `msg` (Zola's `required_arg!`).
pub(crate) fn required<T: DeserializeOwned>(
    args: &HashMap<String, Value>,
    key: &str,
    msg: &str,
) -> tera::Result<T> {
    optional(args, key, msg)?.ok_or_else(|| tera::Error::msg(msg))
}

/// An optional argument of type `T`; the error `msg` when it has another type (Zola's
/// `optional_arg!`).
pub(crate) fn optional<T: DeserializeOwned>(
    args: &HashMap<String, Value>,
    key: &str,
    msg: &str,
) -> tera::Result<Option<T>> {
    match args.get(key) {
        None => Ok(None),
        Some(v) => tera::from_value::<T>(v.clone())
            .map(Some)
            .map_err(|_| tera::Error::msg(msg)),
    }
}
