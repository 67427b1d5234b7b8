//! Tera templates of the theme (`themes/<theme>/templates/`, or the site's `templates/`
//! when no theme is set), the `asset()` and `url()` functions, and readable errors.
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Tera, Value};
use walkdir::WalkDir;

use crate::errors::{BuildError, Problem};
use crate::site::assets::Registry;
use crate::site::config::Config;
use crate::site::content::rel_path;
use crate::site::images;
use crate::site::links::LinkTable;

/// The loaded theme.
pub struct Theme {
    pub tera: Tera,
    /// Templates folder relative to the root (for messages), e.g. `themes/default/templates`.
    pub templates_label: String,
    /// The theme's `static/` folder, if any.
    pub static_dir: Option<PathBuf>,
    /// Template texts by name, to find the line of a render error.
    sources: HashMap<String, String>,
}

impl Theme {
    /// No templates (used to go on checking when the theme failed to load).
    pub fn empty() -> Theme {
        Theme {
            tera: Tera::default(),
            templates_label: String::new(),
            static_dir: None,
            sources: HashMap::new(),
        }
    }

    /// Tera gives no line for render errors: the first line, in `name` or the templates
    /// it extends, that holds a name the message quotes in backticks.
    pub fn locate(&self, name: &str, msg: &str) -> Option<(String, usize)> {
        let mut chain = vec![name.to_string()];
        if let Ok(t) = self.tera.get_template(name) {
            chain.extend(t.parents.iter().cloned());
        }
        let quoted = msg.split('`').skip(1).step_by(2).filter(|q| !q.is_empty());
        for needle in quoted {
            for template in &chain {
                let Some(text) = self.sources.get(template) else {
                    continue;
                };
                if let Some(i) = text.lines().position(|l| l.contains(needle)) {
                    return Some((template.clone(), i + 1));
                }
            }
        }
        None
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }
}

/// Loads every file under the templates folder (inheritance and includes work).
pub fn load(root: &Path, config: &Config) -> Result<Theme, BuildError> {
    let (dir, label, static_dir) = match &config.theme {
        Some(theme) => {
            let base = root.join("themes").join(theme);
            if !base.is_dir() {
                return Err(BuildError::Problems(vec![Problem::new(
                    &config.file,
                    format!("theme `{theme}` not found: no folder themes/{theme}/"),
                )]));
            }
            (
                base.join("templates"),
                format!("themes/{theme}/templates"),
                Some(base.join("static")),
            )
        }
        None => (root.join("templates"), "templates".to_string(), None),
    };
    let mut sources = Vec::new();
    if dir.is_dir() {
        for entry in WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| BuildError::io(&dir, e.into()))?;
            if entry.file_type().is_file() {
                let text = std::fs::read_to_string(entry.path())
                    .map_err(|e| BuildError::io(entry.path(), e))?;
                sources.push((rel_path(&dir, entry.path()), text));
            }
        }
    }
    let texts: HashMap<String, String> = sources.iter().cloned().collect();
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    if let Err(e) = tera.add_raw_templates(sources) {
        let (msg, line) = describe(&e);
        let file = failing_template(&e)
            .map(|t| format!("{label}/{t}"))
            .unwrap_or_else(|| label.clone());
        let p = match line {
            Some((l, c)) => Problem::at_col(file, l, c, format!("template error: {msg}")),
            None => Problem::new(file, format!("template error: {msg}")),
        };
        return Err(BuildError::Problems(vec![p]));
    }
    Ok(Theme {
        tera,
        templates_label: label,
        static_dir: static_dir.filter(|d| d.is_dir()),
        sources: texts,
    })
}

/// Registers every template function of the site (the one place to add one):
/// `asset(path=...)`, `url(path=...)` (permalinks: `base_url` + the page's path),
/// Zola's `resize_image(...)` and `get_image_metadata(...)`.
pub fn register_functions(
    tera: &mut Tera,
    assets: Arc<Registry>,
    links: Arc<LinkTable>,
    images: Arc<images::Processor>,
    base_url: &str,
) {
    tera.register_function("asset", AssetFn(assets));
    tera.register_function("url", UrlFn(links, base_url.to_string()));
    tera.register_function(
        "resize_image",
        images::functions::ResizeImage(images.clone()),
    );
    tera.register_function(
        "get_image_metadata",
        images::functions::ImageMetadata(images),
    );
}

fn path_arg(args: &HashMap<String, Value>, func: &str) -> tera::Result<String> {
    match args.get("path") {
        Some(Value::String(s)) => Ok(s.clone()),
        _ => Err(tera::Error::msg(format!(
            "{func}() needs a string argument `path`, e.g. {func}(path=\"...\")"
        ))),
    }
}

struct AssetFn(Arc<Registry>);

impl tera::Function for AssetFn {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let path = path_arg(args, "asset")?;
        match self.0.hashed_url(&path) {
            Some(Ok(url)) => Ok(Value::String(url)),
            Some(Err(e)) => Err(tera::Error::msg(format!("asset `{path}`: {e}"))),
            None => Err(tera::Error::msg(format!(
                "asset `{path}` not found (looked in the theme's static/, static/, content/ \
                 and the widget mount)"
            ))),
        }
    }

    fn is_safe(&self) -> bool {
        true
    }
}

struct UrlFn(Arc<LinkTable>, String);

impl tera::Function for UrlFn {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let path = path_arg(args, "url")?;
        self.0
            .resolve(&path)
            .map(|p| Value::String(format!("{}{p}", self.1)))
            .map_err(tera::Error::msg)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The whole error chain as one line, and the template line:column when tera gives it.
pub fn describe(e: &tera::Error) -> (String, Option<(usize, usize)>) {
    let mut parts: Vec<String> = Vec::new();
    let mut line = None;
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = cur {
        let text = err.to_string();
        if line.is_none() {
            line = pest_position(&text);
        }
        let text = if text.contains("\n") && line.is_some() {
            // pest's multi-line pointer: keep only the final explanation.
            text.lines()
                .rev()
                .find(|l| l.trim_start().starts_with("= "))
                .map(|l| l.trim_start().trim_start_matches("= ").to_string())
                .unwrap_or_else(|| text.lines().next().unwrap_or_default().to_string())
        } else {
            text
        };
        if !text.is_empty() && !parts.contains(&text) {
            parts.push(text);
        }
        cur = err.source();
    }
    (parts.join(": "), line)
}

fn pest_position(text: &str) -> Option<(usize, usize)> {
    let i = text.find("--> ")?;
    let rest = &text[i + 4..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':'))?;
    let (l, c) = rest[..end].split_once(':')?;
    Some((l.parse().ok()?, c.parse().ok()?))
}

fn failing_template(e: &tera::Error) -> Option<String> {
    let text = e.to_string();
    let start = text.find('\'').or_else(|| text.find('"'))?;
    let quote = text[start..].chars().next()?;
    let rest = &text[start + 1..];
    let end = rest.find(quote)?;
    Some(rest[..end].to_string())
}
