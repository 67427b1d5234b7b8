//! `[markdown.highlighting]` of the site configuration, read as Zola 0.22 reads it:
//!
//! ```toml
//! [markdown.highlighting]
//! theme = "github-dark"            # or light_theme = "..." and dark_theme = "..."
//! style = "inline"                 # "inline" (default) or "class"
//! error_on_missing_language = false
//! extra_grammars = ["syntaxes/mylang.json"]          # relative to the site root
//! extra_themes = ["highlight_themes/mine.json"]
//! ```
//!
//! The table's presence turns highlighting on. Zola 0.22 rejects the older
//! `highlight_code = true` / `highlight_theme = "..."` keys; we still read them, so a
//! site written for an older Zola builds: a named theme gives inline styles, `"css"` (or
//! no theme) gives classes with GitHub's light and dark themes.
use serde::Deserialize;
use toml::Spanned;

use crate::errors::{LineIndex, Problem};

/// How token colours reach the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `style="color: ..."` on every token (a strict `style-src` CSP blocks these).
    Inline,
    /// Classes plus generated stylesheets (`giallo.css`, or `giallo-light.css` and
    /// `giallo-dark.css`).
    Class,
}

/// One theme, or a light and a dark one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Themes {
    Single(Located<String>),
    Dual {
        light: Located<String>,
        dark: Located<String>,
    },
}

/// A configuration value with the line it was written on (for messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub line: usize,
}

/// Where the `data-*` attributes of a code block go (`data_attr_position`, Zola 0.23's
/// key, accepted so that sites written for it build too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataAttrPosition {
    Pre,
    #[default]
    Code,
    Both,
    None,
}

/// The highlighting settings of a site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub style: Style,
    pub themes: Themes,
    pub error_on_missing_language: bool,
    /// TextMate grammar files (JSON), relative to the site root.
    pub extra_grammars: Vec<Located<String>>,
    /// VS Code theme files (JSON), relative to the site root.
    pub extra_themes: Vec<Located<String>>,
    pub data_attr_position: DataAttrPosition,
    /// The configuration file (for messages).
    pub file: String,
}

/// The keys of `[markdown.highlighting]`, for "did you mean" hints.
const KEYS: [&str; 8] = [
    "theme",
    "light_theme",
    "dark_theme",
    "style",
    "error_on_missing_language",
    "extra_grammars",
    "extra_themes",
    "data_attr_position",
];

#[derive(Deserialize)]
struct ConfigFile {
    #[serde(default)]
    markdown: Option<MarkdownTable>,
}

#[derive(Deserialize)]
struct MarkdownTable {
    #[serde(default)]
    highlighting: Option<Spanned<toml::Table>>,
    #[serde(default)]
    highlight_code: Option<Spanned<bool>>,
    #[serde(default)]
    highlight_theme: Option<Spanned<String>>,
}

#[derive(Deserialize)]
struct RawHighlighting {
    #[serde(default)]
    error_on_missing_language: bool,
    #[serde(default)]
    style: Option<Spanned<String>>,
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    light_theme: Option<Spanned<String>>,
    #[serde(default)]
    dark_theme: Option<Spanned<String>>,
    #[serde(default)]
    extra_grammars: Vec<Spanned<String>>,
    #[serde(default)]
    extra_themes: Vec<Spanned<String>>,
    #[serde(default)]
    data_attr_position: Option<Spanned<String>>,
}

impl Settings {
    /// Reads the highlighting settings from the text of the configuration file `file`.
    /// `Ok(None)`: highlighting is off. Problems name `file:line`.
    pub fn from_config(text: &str, file: &str) -> Result<Option<Settings>, Vec<Problem>> {
        let lines = LineIndex::new(text);
        let line_of = |pos: usize| lines.line_col(pos).0;
        let at = |pos: usize, msg: String| vec![Problem::at(file, line_of(pos), msg)];
        let parsed: ConfigFile = match toml::from_str(text) {
            Ok(p) => p,
            Err(e) => {
                let line = e.span().map_or(1, |s| line_of(s.start));
                return Err(vec![Problem::at(file, line, e.message().to_string())]);
            }
        };
        let Some(markdown) = parsed.markdown else {
            return Ok(None);
        };
        if let Some(table) = markdown.highlighting {
            let start = table.span().start;
            let table = table.into_inner();
            if let Some(unknown) = table.keys().find(|k| !KEYS.contains(&k.as_str())) {
                let hint = nearest(unknown, &KEYS)
                    .map(|k| format!(" (did you mean `{k}`?)"))
                    .unwrap_or_default();
                return Err(at(
                    start,
                    format!("unknown key `{unknown}` in [markdown.highlighting]{hint}"),
                ));
            }
            // Re-read the table from the text so that its values keep their spans.
            let raw: RawHighlighting = deserialize_highlighting(text).map_err(|e| {
                let line = e.span().map_or(line_of(start), |s| line_of(s.start));
                vec![Problem::at(
                    file,
                    line,
                    format!("[markdown.highlighting]: {}", e.message()),
                )]
            })?;
            return Self::from_raw(raw, start, file, &line_of).map(Some);
        }
        match markdown.highlight_code {
            Some(on) if *on.get_ref() => {
                Ok(Some(Self::legacy(markdown.highlight_theme, file, &line_of)))
            }
            _ => Ok(None),
        }
    }

    fn from_raw(
        raw: RawHighlighting,
        table_pos: usize,
        file: &str,
        line_of: &dyn Fn(usize) -> usize,
    ) -> Result<Settings, Vec<Problem>> {
        let loc = |s: Spanned<String>| Located {
            line: line_of(s.span().start),
            value: s.into_inner(),
        };
        let style = match raw.style {
            None => Style::Inline,
            Some(s) => match s.get_ref().as_str() {
                "inline" => Style::Inline,
                "class" => Style::Class,
                other => {
                    return Err(vec![Problem::at(
                        file,
                        line_of(s.span().start),
                        format!("`style` is \"inline\" or \"class\", not \"{other}\""),
                    )])
                }
            },
        };
        // As Zola's untagged enum: `theme` wins when both forms are given.
        let themes = match (raw.theme, raw.light_theme, raw.dark_theme) {
            (Some(t), _, _) => Themes::Single(loc(t)),
            (None, Some(l), Some(d)) => Themes::Dual {
                light: loc(l),
                dark: loc(d),
            },
            _ => {
                return Err(vec![Problem::at(
                    file,
                    line_of(table_pos),
                    "[markdown.highlighting] needs `theme`, or both `light_theme` and `dark_theme`",
                )])
            }
        };
        let data_attr_position = match raw.data_attr_position {
            None => DataAttrPosition::default(),
            Some(s) => match s.get_ref().as_str() {
                "pre" => DataAttrPosition::Pre,
                "code" => DataAttrPosition::Code,
                "both" => DataAttrPosition::Both,
                "none" => DataAttrPosition::None,
                other => {
                    return Err(vec![Problem::at(
                        file,
                        line_of(s.span().start),
                        format!(
                            "`data_attr_position` is \"pre\", \"code\", \"both\" or \"none\", not \"{other}\""
                        ),
                    )])
                }
            },
        };
        Ok(Settings {
            style,
            themes,
            error_on_missing_language: raw.error_on_missing_language,
            extra_grammars: raw.extra_grammars.into_iter().map(loc).collect(),
            extra_themes: raw.extra_themes.into_iter().map(loc).collect(),
            data_attr_position,
            file: file.to_string(),
        })
    }

    /// `highlight_code = true` of Zola before 0.22.
    fn legacy(
        theme: Option<Spanned<String>>,
        file: &str,
        line_of: &dyn Fn(usize) -> usize,
    ) -> Settings {
        let named = theme.filter(|t| t.get_ref() != "css");
        let (style, themes) = match named {
            Some(t) => (
                Style::Inline,
                Themes::Single(Located {
                    line: line_of(t.span().start),
                    value: t.into_inner(),
                }),
            ),
            None => (
                Style::Class,
                Themes::Dual {
                    light: Located {
                        value: "github-light".to_string(),
                        line: 1,
                    },
                    dark: Located {
                        value: "github-dark".to_string(),
                        line: 1,
                    },
                },
            ),
        };
        Settings {
            style,
            themes,
            error_on_missing_language: false,
            extra_grammars: Vec::new(),
            extra_themes: Vec::new(),
            data_attr_position: DataAttrPosition::default(),
            file: file.to_string(),
        }
    }

    /// The stylesheets that class mode writes at the output root, as Zola names them.
    pub fn stylesheet_names(&self) -> &'static [&'static str] {
        match (self.style, &self.themes) {
            (Style::Inline, _) => &[],
            (Style::Class, Themes::Single(_)) => &["giallo.css"],
            (Style::Class, Themes::Dual { .. }) => &["giallo-light.css", "giallo-dark.css"],
        }
    }
}

fn deserialize_highlighting(text: &str) -> Result<RawHighlighting, toml::de::Error> {
    #[derive(Deserialize)]
    struct File {
        markdown: Md,
    }
    #[derive(Deserialize)]
    struct Md {
        highlighting: RawHighlighting,
    }
    toml::from_str::<File>(text).map(|f| f.markdown.highlighting)
}

/// The known key closest to `word` (edit distance at most 3), for hints.
pub(crate) fn nearest<'k>(word: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Option<Settings>, Vec<Problem>> {
        Settings::from_config(text, "config.toml")
    }

    #[test]
    fn no_table_means_off() {
        assert_eq!(
            read("title = \"x\"\n[markdown]\nsmart_punctuation = true\n"),
            Ok(None)
        );
        assert_eq!(read("[markdown]\nhighlight_code = false\n"), Ok(None));
    }

    #[test]
    fn single_theme_defaults_to_inline() {
        let s = read("[markdown.highlighting]\ntheme = \"github-dark\"\n")
            .unwrap()
            .unwrap();
        assert_eq!(s.style, Style::Inline);
        assert_eq!(
            s.themes,
            Themes::Single(Located {
                value: "github-dark".into(),
                line: 2
            })
        );
        assert!(s.stylesheet_names().is_empty());
    }

    #[test]
    fn dual_themes_in_class_mode_name_two_stylesheets() {
        let s = read(
            "[markdown.highlighting]\nstyle = \"class\"\nlight_theme = \"a\"\ndark_theme = \"b\"\n\
             extra_grammars = [\"syntaxes/x.json\"]\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(s.style, Style::Class);
        assert_eq!(
            s.stylesheet_names(),
            ["giallo-light.css", "giallo-dark.css"]
        );
        assert_eq!(s.extra_grammars[0].value, "syntaxes/x.json");
        assert_eq!(s.extra_grammars[0].line, 5);
    }

    #[test]
    fn mistakes_name_their_line_and_a_hint() {
        let e =
            read("a = 1\n[markdown.highlighting]\ntheme = \"x\"\nstyl = \"class\"\n").unwrap_err();
        assert_eq!(e[0].line, Some(2));
        assert!(
            e[0].message.contains("did you mean `style`"),
            "{}",
            e[0].message
        );
        let e = read("[markdown.highlighting]\ntheme = \"x\"\nstyle = \"inlined\"\n").unwrap_err();
        assert_eq!(e[0].line, Some(3));
        let e = read("[markdown.highlighting]\nlight_theme = \"x\"\n").unwrap_err();
        assert!(e[0].message.contains("needs `theme`"));
        let e = read("[markdown.highlighting]\ntheme = 3\n").unwrap_err();
        assert_eq!(e[0].line, Some(2));
    }

    #[test]
    fn legacy_keys_still_work() {
        let s = read("[markdown]\nhighlight_code = true\nhighlight_theme = \"nord\"\n")
            .unwrap()
            .unwrap();
        assert_eq!(s.style, Style::Inline);
        let s = read("[markdown]\nhighlight_code = true\nhighlight_theme = \"css\"\n")
            .unwrap()
            .unwrap();
        assert_eq!(s.style, Style::Class);
    }
}
