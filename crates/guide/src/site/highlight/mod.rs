//! Code highlighting at build time, as Zola 0.22 does it: giallo (VS Code's TextMate
//! grammars and themes), Zola's fence options (`linenos`, `linenostart=N`,
//! `hl_lines=1 3-4`, `hide_lines=2`, `name=...`), inline styles or classes plus generated
//! stylesheets. An unknown language is plain text unless the site sets
//! `error_on_missing_language`.
//!
//! Narrow on purpose: settings in ([`Settings::from_config`]), a loaded [`Highlighter`]
//! (grammars and themes read once per build), and [`code_block`]: fence info + code ->
//! HTML. The markdown renderer calls it for every code block.
mod block;
mod settings;

use std::path::Path;

use giallo::{HighlightOptions, HtmlRenderer, Registry, ThemeVariant};

pub use block::code_block;
pub use settings::{DataAttrPosition, Settings, Style, Themes};

use crate::errors::Problem;

/// Class prefix of tokens in class mode (Zola's, so Zola sites' own CSS still applies).
const CLASS_PREFIX: &str = "z-";

/// Grammars and themes of one site, ready to highlight (shared by all render threads).
pub struct Highlighter {
    settings: Settings,
    registry: Registry,
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Highlighter")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Highlighter {
    /// Loads giallo's built-in grammars and themes plus the site's extra ones (paths
    /// relative to `root`) and checks that the configured themes exist. Takes tens of
    /// milliseconds: a build does it once, beside its other loading.
    pub fn load(settings: Settings, root: &Path) -> Result<Highlighter, Vec<Problem>> {
        let file = settings.file.clone();
        let at = |line: usize, msg: String| Problem::at(file.as_str(), line, msg);
        let mut registry = Registry::builtin()
            .map_err(|e| vec![at(1, format!("the built-in grammars cannot be read: {e}"))])?;
        let mut problems = Vec::new();
        for grammar in &settings.extra_grammars {
            let path = root.join(&grammar.value);
            match registry.add_grammar_from_path(&path) {
                Ok(()) => add_file_type_aliases(&mut registry, &path),
                Err(e) => {
                    problems.push(at(grammar.line, extra_error("grammar", &grammar.value, &e)))
                }
            }
        }
        for theme in &settings.extra_themes {
            if let Err(e) = registry.add_theme_from_path(root.join(&theme.value)) {
                problems.push(at(theme.line, extra_error("theme", &theme.value, &e)));
            }
        }
        registry.link_grammars();
        let wanted = match &settings.themes {
            Themes::Single(t) => vec![t],
            Themes::Dual { light, dark } => vec![light, dark],
        };
        for theme in wanted {
            if !registry.contains_theme(&theme.value) {
                problems.push(at(
                    theme.line,
                    format!(
                        "highlighting theme `{}` does not exist (a giallo theme name, or the \
                         `name` of a file in `extra_themes`)",
                        theme.value
                    ),
                ));
            }
        }
        if problems.is_empty() {
            Ok(Highlighter { settings, registry })
        } else {
            Err(problems)
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Whether `lang` names a grammar (or one of its aliases).
    pub fn knows(&self, lang: &str) -> bool {
        self.registry.contains_grammar(lang)
    }

    /// The stylesheets of class mode, `(file name at the output root, CSS)`; none in
    /// inline mode.
    ///
    /// Not Zola 0.22.1's oddity here: with two themes it writes both files with plain
    /// `z-` rules while the tokens carry `z-l-`/`z-d-` classes, so nothing is coloured
    /// (Zola 0.23.2 fixed it). We write the rules the tokens use, as the fixed Zola does.
    pub fn stylesheets(&self) -> Vec<(&'static str, String)> {
        let names = self.settings.stylesheet_names();
        let css = match &self.settings.themes {
            _ if names.is_empty() => return Vec::new(),
            Themes::Single(t) => vec![self.registry.generate_css(&t.value, CLASS_PREFIX)],
            Themes::Dual { light, dark } => {
                match self
                    .registry
                    .generate_dual_css(&light.value, &dark.value, CLASS_PREFIX)
                {
                    Ok((l, d)) => vec![Ok(l), Ok(d)],
                    Err(e) => vec![Err(e)],
                }
            }
        };
        // The themes were checked in `load`, so generation cannot fail here.
        names
            .iter()
            .zip(css)
            .filter_map(|(name, css)| Some((*name, css.ok()?)))
            .collect()
    }

    fn options<'a>(&'a self, lang: &'a str) -> HighlightOptions {
        let theme = match &self.settings.themes {
            Themes::Single(t) => ThemeVariant::Single(t.value.as_str()),
            Themes::Dual { light, dark } => ThemeVariant::Dual {
                light: light.value.as_str(),
                dark: dark.value.as_str(),
            },
        };
        HighlightOptions::new(lang, theme).fallback_to_plain(true)
    }

    fn renderer(&self, metadata: std::collections::BTreeMap<String, String>) -> HtmlRenderer {
        HtmlRenderer {
            other_metadata: metadata,
            data_attr_position: match self.settings.data_attr_position {
                DataAttrPosition::Pre => giallo::DataAttrPosition::Pre,
                DataAttrPosition::Code => giallo::DataAttrPosition::Code,
                DataAttrPosition::Both => giallo::DataAttrPosition::Both,
                DataAttrPosition::None => giallo::DataAttrPosition::None,
            },
            css_class_prefix: (self.settings.style == Style::Class)
                .then(|| CLASS_PREFIX.to_string()),
            ..HtmlRenderer::default()
        }
    }
}

/// A site grammar answers to its `name` (as in Zola) and also to its `fileTypes`
/// (`"fileTypes": ["pmta"]` lets a fence say `pmta`), unless a grammar has that name.
fn add_file_type_aliases(registry: &mut Registry, path: &Path) {
    #[derive(serde::Deserialize)]
    struct Names {
        name: String,
        #[serde(default, rename = "fileTypes")]
        file_types: Vec<String>,
    }
    let Some(names) = std::fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Names>(&bytes).ok())
    else {
        return;
    };
    for alias in names.file_types {
        if !alias.is_empty() && !registry.contains_grammar(&alias) {
            registry.add_alias(&names.name, &alias);
        }
    }
}

fn extra_error(kind: &str, path: &str, e: &giallo::Error) -> String {
    let what = match e {
        giallo::Error::Io(_) => "cannot be read",
        giallo::Error::Json(_) => {
            "is not a JSON file (TextMate grammars and VS Code themes in JSON only)"
        }
        _ => "is invalid",
    };
    format!("extra {kind} `{path}` {what}: {e}")
}
