//! Zola 0.22's configuration keys, typed: what a `config.toml` written for Zola may say.
//! Every key has Zola's default; [`Flavour`] says which defaults differ for our own
//! `site.toml`.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Which file the configuration came from: Zola's defaults apply to `config.toml`;
/// `site.toml` keeps the defaults our own site was written for (search index on, smart
/// punctuation on, our heading anchors, file names as they are in URLs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    Guide,
    Zola,
}

/// The top-level keys Zola 0.22 reads.
pub(crate) const ZOLA_KEYS: &[&str] = &[
    "base_url",
    "theme",
    "title",
    "description",
    "default_language",
    "languages",
    "translations",
    "generate_feeds",
    "feed_limit",
    "feed_filenames",
    "hard_link_static",
    "taxonomies",
    "author",
    "compile_sass",
    "minify_html",
    "build_search_index",
    "ignored_content",
    "ignored_static",
    "mode",
    "output_dir",
    "preserve_dotfiles_in_output",
    "link_checker",
    "slugify",
    "search",
    "markdown",
    "extra",
    "generate_sitemap",
    "generate_robots_txt",
    "exclude_paginated_pages_in_sitemap",
];

/// Keys of our own (`site.toml`'s): the widget mount and the page language.
pub(crate) const GUIDE_KEYS: &[&str] = &["widget", "language"];

/// `taxonomies = [{name = "tags", feed = true}, ...]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Taxonomy {
    pub(crate) name: String,
    pub(crate) paginate_by: Option<usize>,
    pub(crate) paginate_path: Option<String>,
    pub(crate) feed: bool,
    pub(crate) render: bool,
}

impl Default for Taxonomy {
    fn default() -> Self {
        Taxonomy {
            name: String::new(),
            paginate_by: None,
            paginate_path: None,
            feed: false,
            render: true,
        }
    }
}

/// `[languages.<code>]`: what differs for a language other than the default one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Language {
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) generate_feeds: bool,
    pub(crate) feed_filenames: Option<Vec<String>>,
    pub(crate) taxonomies: Vec<Taxonomy>,
    pub(crate) build_search_index: bool,
    pub(crate) search: toml::Table,
    pub(crate) translations: BTreeMap<String, String>,
}

/// How a path, a taxonomy term or an anchor becomes part of a URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Strategy {
    /// Lowercase ASCII words joined by `-`.
    On,
    /// Only the characters that cannot be in a file name are removed.
    Safe,
    /// As written.
    Off,
}

/// `[slugify]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Slugify {
    pub(crate) paths: Strategy,
    pub(crate) paths_keep_dates: bool,
    pub(crate) taxonomies: Strategy,
    pub(crate) anchors: Strategy,
}

impl Default for Slugify {
    fn default() -> Self {
        Slugify {
            paths: Strategy::On,
            paths_keep_dates: false,
            taxonomies: Strategy::On,
            anchors: Strategy::On,
        }
    }
}

/// Where heading anchor links go (`insert_anchor_links`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum InsertAnchor {
    Left,
    Right,
    /// The whole heading is the link.
    Heading,
    #[default]
    None,
}

impl InsertAnchor {
    /// `left`, `right`, `heading` or `none`.
    pub(crate) fn parse(text: &str) -> Option<InsertAnchor> {
        match text {
            "left" => Some(InsertAnchor::Left),
            "right" => Some(InsertAnchor::Right),
            "heading" => Some(InsertAnchor::Heading),
            "none" => Some(InsertAnchor::None),
            _ => None,
        }
    }
}

/// The `[markdown]` keys that change how bodies render (`highlighting` is read by the
/// highlighter's own settings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Markdown {
    pub(crate) smart_punctuation: bool,
    pub(crate) render_emoji: bool,
    pub(crate) external_links_target_blank: bool,
    pub(crate) external_links_no_follow: bool,
    pub(crate) external_links_no_referrer: bool,
    /// `rel="external"` on links to other sites (Zola's default).
    pub(crate) external_links_external: bool,
    /// A class on links to other sites.
    pub(crate) external_links_class: Option<String>,
    pub(crate) bottom_footnotes: bool,
    pub(crate) definition_list: bool,
    pub(crate) lazy_async_image: bool,
    /// `> [!NOTE]` blockquotes become GitHub's alerts.
    pub(crate) github_alerts: bool,
    /// The default of the sections' `insert_anchor_links`.
    pub(crate) insert_anchor_links: InsertAnchor,
}

impl Markdown {
    pub(crate) fn defaults(flavour: Flavour) -> Self {
        Markdown {
            // Our site was written with smart punctuation always on.
            smart_punctuation: flavour == Flavour::Guide,
            render_emoji: false,
            external_links_target_blank: false,
            external_links_no_follow: false,
            external_links_no_referrer: false,
            // (Our own site's links have no `rel="external"`.)
            external_links_external: flavour == Flavour::Zola,
            external_links_class: None,
            bottom_footnotes: false,
            definition_list: false,
            lazy_async_image: false,
            github_alerts: false,
            insert_anchor_links: InsertAnchor::None,
        }
    }

    pub(crate) fn has_external_link_tweaks(&self) -> bool {
        self.external_links_target_blank
            || self.external_links_no_follow
            || self.external_links_no_referrer
            || self.external_links_external
            || self.external_links_class.is_some()
    }
}

impl Default for Markdown {
    fn default() -> Self {
        Markdown::defaults(Flavour::Zola)
    }
}

/// The typed Zola keys of a configuration file (the rest of the file is kept as a
/// table for templates).
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub(crate) struct ZolaConfig {
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) default_language: String,
    pub(crate) languages: BTreeMap<String, Language>,
    pub(crate) translations: BTreeMap<String, String>,
    pub(crate) generate_feeds: bool,
    pub(crate) feed_limit: Option<usize>,
    pub(crate) feed_filenames: Vec<String>,
    pub(crate) hard_link_static: bool,
    pub(crate) taxonomies: Vec<Taxonomy>,
    pub(crate) author: Option<String>,
    pub(crate) minify_html: bool,
    pub(crate) build_search_index: Option<bool>,
    pub(crate) ignored_content: Vec<String>,
    pub(crate) ignored_static: Vec<String>,
    pub(crate) output_dir: String,
    pub(crate) preserve_dotfiles_in_output: bool,
    pub(crate) link_checker: toml::Table,
    pub(crate) slugify: Option<Slugify>,
    pub(crate) search: toml::Table,
    pub(crate) markdown: Option<toml::Table>,
    pub(crate) extra: toml::Table,
    pub(crate) generate_sitemap: bool,
    pub(crate) generate_robots_txt: bool,
    pub(crate) exclude_paginated_pages_in_sitemap: String,
}

impl Default for ZolaConfig {
    fn default() -> Self {
        ZolaConfig {
            title: None,
            description: None,
            default_language: "en".to_string(),
            languages: BTreeMap::new(),
            translations: BTreeMap::new(),
            generate_feeds: false,
            feed_limit: None,
            feed_filenames: vec!["atom.xml".to_string()],
            hard_link_static: false,
            taxonomies: Vec::new(),
            author: None,
            minify_html: false,
            build_search_index: None,
            ignored_content: Vec::new(),
            ignored_static: Vec::new(),
            output_dir: "public".to_string(),
            preserve_dotfiles_in_output: false,
            link_checker: toml::Table::new(),
            slugify: None,
            search: toml::Table::new(),
            markdown: None,
            extra: toml::Table::new(),
            generate_sitemap: true,
            generate_robots_txt: true,
            exclude_paginated_pages_in_sitemap: "none".to_string(),
        }
    }
}

/// The `[markdown]` options, each key as written or its default for `flavour`.
pub(crate) fn markdown(zola: &ZolaConfig, flavour: Flavour) -> Result<Markdown, toml::de::Error> {
    let mut table = toml::Table::try_from(Markdown::defaults(flavour))
        .expect("the markdown options serialize to a table");
    for (k, v) in zola.markdown.iter().flatten() {
        // (An option unset by default is not in the defaults' table.)
        if table.contains_key(k) || k == "external_links_class" {
            table.insert(k.clone(), v.clone());
        }
    }
    table.try_into()
}
