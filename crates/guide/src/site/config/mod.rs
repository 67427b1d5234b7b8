//! Site configuration: `site.toml` in the site root, or Zola's `config.toml`, read as
//! Zola 0.22 reads it (every key of Zola's, typed in [`zola`], with Zola's defaults for
//! `config.toml`). A top-level key neither Zola nor we know is a warning at its line;
//! it is kept all the same (templates see the whole table as `config`).
mod context;
mod keys;
pub(crate) mod zola;

use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::errors::{line_col, BuildError, Problem};
use crate::site::urls::UrlRules;
pub(crate) use zola::{Flavour, Markdown, ZolaConfig};

/// The widget mount: `crate` is built by wasm-pack into `www/pkg`, `www/` is copied to
/// `/<mount>/` in the output.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub(crate) struct WidgetConfig {
    #[serde(rename = "crate")]
    pub(crate) crate_dir: PathBuf,
    pub(crate) www: PathBuf,
    #[serde(default = "default_mount")]
    pub(crate) mount: String,
}

fn default_mount() -> String {
    "widget".to_string()
}

#[derive(Debug, Clone, Deserialize)]
struct Known {
    #[serde(default)]
    base_url: String,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    widget: Option<WidgetConfig>,
    #[serde(default)]
    compile_sass: bool,
    #[serde(default)]
    build_search_index: Option<bool>,
}

#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// Without a trailing slash, e.g. `https://docs.example.com`.
    pub(crate) base_url: String,
    pub(crate) theme: Option<String>,
    pub(crate) widget: Option<WidgetConfig>,
    /// `compile_sass = true`: `sass/` (and the theme's) compiled into the output.
    pub(crate) compile_sass: bool,
    /// `[markdown.highlighting]` (or the older `highlight_code`); `None`: off.
    pub(crate) highlighting: Option<crate::site::highlight::Settings>,
    /// Write the search index (`build_search_index`: for `site.toml` on unless set to
    /// `false`, for `config.toml` off unless set to `true`, as in Zola).
    pub(crate) build_search_index: bool,
    /// The whole file, for templates (`config.title`, `config.extra...`).
    pub(crate) table: toml::Table,
    /// Path of the file read, relative to the root (for messages).
    pub(crate) file: String,
    /// Which defaults apply: `site.toml`'s or Zola's.
    pub(crate) flavour: Flavour,
    /// Zola's keys, typed.
    pub(crate) zola: ZolaConfig,
    /// `[markdown]`: how bodies render.
    pub(crate) markdown: Markdown,
    /// `ignored_content`: files under `content/` that are not read.
    pub(crate) ignored_content: GlobSet,
    /// `ignored_static`: files under `static/` that are not copied.
    pub(crate) ignored_static: GlobSet,
    /// What is wrong but does not stop the build (a key nobody reads), at its line.
    pub(crate) warnings: Vec<Problem>,
}

impl Config {
    pub(crate) const FILES: [&'static str; 2] = ["site.toml", "config.toml"];
    /// The folders of a site root that hold its sources.
    pub(crate) const SOURCE_DIRS: [&'static str; 7] = [
        "content",
        "themes",
        "templates",
        "static",
        "sass",
        "syntaxes",
        "highlight_themes",
    ];

    /// Reads `site.toml` (or `config.toml`) from `root`.
    pub(crate) fn load(root: &Path) -> Result<Config, BuildError> {
        let Some(name) = Self::FILES.iter().find(|f| root.join(f).is_file()) else {
            return Err(BuildError::Problems(vec![Problem::new(
                root.join("site.toml").display().to_string(),
                "no site configuration (site.toml or config.toml) in the site root",
            )]));
        };
        let path = root.join(name);
        let text = std::fs::read_to_string(&path).map_err(|e| BuildError::io(&path, e))?;
        let mut config = Self::parse(&text, name)?;
        config.merge_theme_extra(root)?;
        Ok(config)
    }

    /// Adds the `[extra]` of the theme's `theme.toml` under the site's, as Zola does: a
    /// key the site does not set takes the theme's value, tables merge key by key, and
    /// a key set to a table on one side and to something else on the other is an error.
    fn merge_theme_extra(&mut self, root: &Path) -> Result<(), BuildError> {
        let Some(theme) = &self.theme else {
            return Ok(());
        };
        let file = format!("themes/{theme}/theme.toml");
        let Ok(text) = std::fs::read_to_string(root.join(&file)) else {
            return Ok(());
        };
        let table: toml::Table = toml::from_str(&text).map_err(|e| {
            let (line, col) = e.span().map_or((1, 1), |s| line_col(&text, s.start));
            BuildError::Problems(vec![Problem::at_col(
                &file,
                line,
                col,
                format!("invalid theme.toml: {}", e.message()),
            )])
        })?;
        let Some(toml::Value::Table(theme_extra)) = table.get("extra") else {
            return Ok(());
        };
        let mut extra = toml::Value::Table(self.zola.extra.clone());
        merge_extra(&mut extra, &toml::Value::Table(theme_extra.clone())).map_err(|key| {
            let line = keys::line_of(&text, "extra").unwrap_or(1);
            BuildError::Problems(vec![Problem::at(
                &file,
                line,
                format!(
                    "the theme's `extra.{key}` is a table and the site's is not, or the other \
                     way round: they cannot be merged"
                ),
            )])
        })?;
        if let toml::Value::Table(merged) = extra {
            self.table
                .insert("extra".into(), toml::Value::Table(merged.clone()));
            self.zola.extra = merged;
        }
        Ok(())
    }

    pub(crate) fn parse(text: &str, file: &str) -> Result<Config, BuildError> {
        let toml_error = |e: toml::de::Error| {
            let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            BuildError::Problems(vec![Problem::at_col(
                file,
                line,
                col,
                format!("invalid configuration: {}", e.message()),
            )])
        };
        let table: toml::Table = toml::from_str(text).map_err(toml_error)?;
        let known: Known = toml::from_str(text).map_err(toml_error)?;
        let zola: ZolaConfig = toml::from_str(text).map_err(toml_error)?;
        let highlighting = crate::site::highlight::Settings::from_config(text, file)
            .map_err(BuildError::Problems)?;
        let flavour = match file.rsplit('/').next() {
            Some("config.toml") => Flavour::Zola,
            _ => Flavour::Guide,
        };
        let located = |key: &str, message: String| {
            let line = keys::line_of(text, key).unwrap_or(1);
            BuildError::Problems(vec![Problem::at(file, line, message)])
        };
        let markdown = zola::markdown(&zola, flavour)
            .map_err(|e| located("markdown", format!("invalid [markdown]: {}", e.message())))?;
        let globs = |key: &str, patterns: &[String]| {
            glob_set(patterns).map_err(|e| located(key, format!("invalid `{key}` glob: {e}")))
        };
        let ignored_content = globs("ignored_content", &zola.ignored_content)?;
        let ignored_static = globs("ignored_static", &zola.ignored_static)?;
        let build_search_index = match flavour {
            Flavour::Guide => known.build_search_index != Some(false),
            Flavour::Zola => known.build_search_index == Some(true),
        };
        Ok(Config {
            base_url: known.base_url.trim_end_matches('/').to_string(),
            theme: known.theme,
            widget: known.widget,
            compile_sass: known.compile_sass,
            highlighting,
            build_search_index,
            warnings: keys::unknown(text, &table, file),
            table,
            file: file.to_string(),
            markdown,
            ignored_content,
            ignored_static,
            flavour,
            zola,
        })
    }

    /// How file names become URLs: `[slugify]` as written, else Zola's rules for
    /// `config.toml` and file names as they are for `site.toml`.
    pub(crate) fn url_rules(&self) -> UrlRules {
        let rules = match (&self.zola.slugify, self.flavour) {
            (Some(s), _) => UrlRules::new(s),
            (None, Flavour::Zola) => UrlRules::new(&zola::Slugify::default()),
            (None, Flavour::Guide) => UrlRules::as_written(),
        };
        let default_language = self.default_language().to_string();
        UrlRules {
            languages: self
                .zola
                .languages
                .keys()
                .filter(|l| **l != default_language)
                .cloned()
                .collect(),
            default_language,
            ..rules
        }
    }

    /// How heading ids are made: `[slugify] anchors` (Zola's `on` by default for
    /// `config.toml`); `None`: ours.
    pub(crate) fn anchor_slugs(&self) -> Option<zola::Strategy> {
        match (&self.zola.slugify, self.flavour) {
            (Some(s), _) => Some(s.anchors),
            (None, Flavour::Zola) => Some(zola::Strategy::On),
            (None, Flavour::Guide) => None,
        }
    }

    /// Is `rel` (a path under `content/`) left out by `ignored_content`? Zola matches
    /// the whole path, where `*` also matches `/`; the file name alone is matched too.
    pub(crate) fn ignores_content(&self, rel: &str) -> bool {
        ignored(&self.ignored_content, rel)
    }

    /// Is `rel` (a path under `static/`) left out by `ignored_static`?
    pub(crate) fn ignores_static(&self, rel: &str) -> bool {
        ignored(&self.ignored_static, rel)
    }

    /// The default language's code (`default_language`, or our `language`).
    pub(crate) fn default_language(&self) -> &str {
        match self.table.get("default_language") {
            Some(_) => &self.zola.default_language,
            None => self
                .table
                .get("language")
                .and_then(|l| l.as_str())
                .unwrap_or(&self.zola.default_language),
        }
    }

    /// What a build of the site at `root` reads, as paths under it (existing or not):
    /// the configuration files, `content/`, `themes/`, `templates/`, `static/`, `sass/`,
    /// `syntaxes/`, `highlight_themes/`,
    /// and the widget's crate and `www/` folders when `config` names them. The output
    /// folder may not hold or lie inside any of them; `serve` watches them.
    pub(crate) fn inputs(root: &Path, config: Option<&Config>) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = Self::FILES
            .iter()
            .chain(&Self::SOURCE_DIRS)
            .map(|name| root.join(name))
            .collect();
        if let Some(widget) = config.and_then(|c| c.widget.as_ref()) {
            paths.push(root.join(&widget.crate_dir));
            paths.push(root.join(&widget.www));
        }
        paths
    }

    /// Has the site languages other than its default one?
    pub(crate) fn is_multilingual(&self) -> bool {
        let default = self.default_language();
        self.zola.languages.keys().any(|l| l != default)
    }

    /// `config` as templates see it (see [`context`]), for pages of `lang`.
    pub(crate) fn template_value(&self, lang: &str) -> serde_json::Value {
        context::value(self, lang)
    }

    /// Absolute URL of a site path (`/a/` -> `https://host/a/`).
    pub(crate) fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

/// Merges `from` (the theme's) into `into` (the site's): the site's values win; `Err` is
/// the dotted key of a table merged with something else.
fn merge_extra(into: &mut toml::Value, from: &toml::Value) -> Result<(), String> {
    let (toml::Value::Table(into), toml::Value::Table(from)) = (into, from) else {
        return Ok(());
    };
    for (key, value) in from {
        match into.get_mut(key) {
            None => {
                into.insert(key.clone(), value.clone());
            }
            Some(existing) => match (existing.is_table(), value.is_table()) {
                (true, true) => merge_extra(existing, value).map_err(|k| format!("{key}.{k}"))?,
                (false, false) => {}
                _ => return Err(key.clone()),
            },
        }
    }
    Ok(())
}

fn glob_set(patterns: &[String]) -> Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        builder.add(Glob::new(p)?);
    }
    builder.build()
}

fn ignored(set: &GlobSet, rel: &str) -> bool {
    if set.is_empty() {
        return false;
    }
    let name = rel.rsplit('/').next().unwrap_or(rel);
    set.is_match(rel) || set.is_match(name)
}
