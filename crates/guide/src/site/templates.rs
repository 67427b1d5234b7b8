//! Tera templates: the site's `templates/` layered over its theme's
//! (`themes/<theme>/templates/`), as Zola does: a site template replaces the theme's of
//! the same name, and every theme template is also addressable as
//! `<theme>/templates/<name>` (so a site template can extend the one it replaces). And
//! the `asset()` and `url()` functions: for page bodies (static files, pages) and for
//! the theme (every file, every link).
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tera::{Tera, Value};
use walkdir::WalkDir;

use crate::errors::{describe_template_error as describe, BuildError, Problem};
use crate::paths::rel_path;
use crate::site::assets::{Assets, Registry};
use crate::site::config::Config;
use crate::site::images;
use crate::site::links::{LinkTable, PagePaths};
use crate::site::template_limits::{self, TooDeep};

/// The loaded theme.
pub(crate) struct Theme {
    pub(crate) tera: Tera,
    /// The templates folders relative to the root (for messages), e.g.
    /// `themes/default/templates`, or `templates and themes/x/templates`.
    pub(crate) templates_label: String,
    /// The theme's `static/` folder, if any.
    pub(crate) static_dir: Option<PathBuf>,
    /// Template texts by name, to find the line of a render error.
    sources: HashMap<String, String>,
    /// The file each template name comes from, relative to the root.
    files: HashMap<String, String>,
}

impl Theme {
    /// No templates (used to go on checking when the theme failed to load).
    pub(crate) fn empty() -> Theme {
        Theme {
            tera: Tera::default(),
            templates_label: String::new(),
            static_dir: None,
            sources: HashMap::new(),
            files: HashMap::new(),
        }
    }

    /// The file template `name` was read from, relative to the root (for messages).
    pub(crate) fn file_of(&self, name: &str) -> String {
        match self.files.get(name) {
            Some(file) => file.clone(),
            // (The theme's folder, when the site has its own too.)
            None => {
                let folder = self.templates_label.rsplit(' ').next().unwrap_or_default();
                format!("{folder}/{name}")
            }
        }
    }

    /// Tera gives no line for render errors: the first line, in `name` or the templates
    /// it extends, that holds a name the message quotes in backticks.
    pub(crate) fn locate(&self, name: &str, msg: &str) -> Option<(String, usize)> {
        // The template Tera names as failing (an included one), then `name` and its
        // parents.
        let mut chain: Vec<String> = msg
            .rsplit("while rendering '")
            .next()
            .filter(|_| msg.contains("while rendering '"))
            .and_then(|rest| rest.split('\'').next())
            .filter(|failing| *failing != name)
            .map(|failing| vec![failing.to_string()])
            .unwrap_or_default();
        chain.push(name.to_string());
        if let Ok(t) = self.tera.get_template(name) {
            chain.extend(t.parents.iter().cloned());
        }
        // (The longest quoted name first: `@/a.md` says more than `get_url`.)
        let mut quoted: Vec<&str> = msg
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|q| !q.is_empty())
            .collect();
        quoted.sort_by_key(|q| std::cmp::Reverse(q.len()));
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

    /// Where endless recursion was entered: the template and the line that defines the
    /// macro or block (1 for the template itself).
    pub(crate) fn locate_recursion(&self, deep: &TooDeep) -> (String, usize) {
        let file = self.file_of(&deep.template);
        let name = deep.what.split('`').nth(1);
        let line = match (name, self.sources.get(&deep.template)) {
            (Some(name), Some(text)) => text
                .lines()
                .position(|l| (l.contains("macro") || l.contains("block")) && l.contains(name))
                .map_or(1, |i| i + 1),
            _ => 1,
        };
        (file, line)
    }

    /// Whether any template's text names one of `functions`.
    pub(crate) fn calls_any(&self, functions: &[&str]) -> bool {
        self.sources
            .values()
            .any(|text| functions.iter().any(|f| text.contains(f)))
    }

    pub(crate) fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }
}

/// One template: its name for Tera, the file it comes from (relative to the root) and
/// its text.
struct TemplateFile {
    name: String,
    file: String,
    text: String,
}

/// Loads every file under the templates folders (inheritance and includes work): the
/// theme's, each under its own name and as `<theme>/templates/<name>`, then the site's
/// `templates/`, which replace the theme's of the same name.
pub(crate) fn load(root: &Path, config: &Config) -> Result<Theme, BuildError> {
    let site_dir = root.join("templates");
    let mut files = Vec::new();
    let (label, static_dir) = match &config.theme {
        Some(theme) => {
            let base = root.join("themes").join(theme);
            if !base.is_dir() {
                return Err(BuildError::Problems(vec![Problem::new(
                    &config.file,
                    format!("theme `{theme}` not found: no folder themes/{theme}/"),
                )]));
            }
            let label = format!("themes/{theme}/templates");
            for t in read_dir(&base.join("templates"), &label)? {
                files.push(TemplateFile {
                    name: format!("{theme}/templates/{}", t.name),
                    file: t.file.clone(),
                    text: t.text.clone(),
                });
                files.push(t);
            }
            let label = match site_dir.is_dir() {
                true => format!("templates and {label}"),
                false => label,
            };
            (label, Some(base.join("static")))
        }
        None => ("templates".to_string(), None),
    };
    files.extend(read_dir(&site_dir, "templates")?);
    // A later file of the same name (the site's) replaces an earlier one (the theme's).
    let mut by_name: HashMap<String, TemplateFile> = HashMap::new();
    for t in files {
        by_name.insert(t.name.clone(), t);
    }
    let mut files: Vec<TemplateFile> = by_name.into_values().collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    parse_all(files, label, static_dir)
}

/// Every file under `dir` (none when it does not exist), named by its path in `dir`;
/// `label` is `dir` relative to the root.
fn read_dir(dir: &Path, label: &str) -> Result<Vec<TemplateFile>, BuildError> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| BuildError::io(dir, e.into()))?;
        if entry.file_type().is_file() {
            let text = std::fs::read_to_string(entry.path())
                .map_err(|e| BuildError::io(entry.path(), e))?;
            let name = rel_path(dir, entry.path());
            out.push(TemplateFile {
                file: format!("{label}/{name}"),
                name,
                text,
            });
        }
    }
    Ok(out)
}

/// Parses the templates into one Tera (refusing first what nests too deep for Tera's
/// parser).
fn parse_all(
    files: Vec<TemplateFile>,
    label: String,
    static_dir: Option<PathBuf>,
) -> Result<Theme, BuildError> {
    let mut seen = std::collections::HashSet::new();
    let too_deep: Vec<Problem> = files
        .iter()
        // (A theme template and its `<theme>/templates/` copy: one problem.)
        .filter(|t| seen.insert(t.file.as_str()))
        .filter_map(|t| {
            let n = template_limits::check_nesting(&t.text).err()?;
            Some(Problem::at(&t.file, n.line, n.message))
        })
        .collect();
    if !too_deep.is_empty() {
        return Err(BuildError::Problems(too_deep));
    }
    let sources: HashMap<String, String> = files
        .iter()
        .map(|t| (t.name.clone(), t.text.clone()))
        .collect();
    let file_of: HashMap<String, String> = files
        .iter()
        .map(|t| (t.name.clone(), t.file.clone()))
        .collect();
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    let parsed = tera.add_raw_templates(files.into_iter().map(|t| (t.name, t.text)));
    template_limits::install_guards(&mut tera);
    if let Err(e) = parsed {
        let (msg, line) = describe(&e);
        let file = failing_template(&e)
            .map(|t| file_of.get(&t).cloned().unwrap_or(format!("{label}/{t}")))
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
        sources,
        files: file_of,
    })
}

/// Registers every template function of the theme's templates (this file is the one
/// place to add one; page bodies get theirs from [`register_body_functions`]):
/// `asset(path=...)` and `url(path=...)`, every file and every link being known (`url()`
/// gives permalinks: `base_url` + the page's path), Zola's `resize_image(...)` and
/// `get_image_metadata(...)`.
pub(crate) fn register_functions(
    tera: &mut Tera,
    assets: Assets,
    links: Arc<LinkTable>,
    images: Arc<images::Processor>,
    base_url: &str,
) {
    tera.register_function("asset", AssetFn(assets));
    let base_url = base_url.to_string();
    tera.register_function(
        "url",
        UrlFn(move |path: &str| {
            let p = links.resolve(path)?;
            Ok(format!("{base_url}{p}"))
        }),
    );
    register_images(tera, images);
}

/// Zola's `resize_image(...)` and `get_image_metadata(...)`.
fn register_images(tera: &mut Tera, images: Arc<images::Processor>) {
    tera.register_function(
        "resize_image",
        images::functions::ResizeImage(images.clone()),
    );
    tera.register_function(
        "get_image_metadata",
        images::functions::ImageMetadata(images),
    );
}

/// The targets of the `url()` calls of one page body, for the links stage.
pub(crate) type UrlCalls = Arc<Mutex<Vec<String>>>;

/// Registers the template functions of page bodies but `url()` (see
/// [`register_body_url`]): `asset(path=...)` knows the static files (generated files,
/// made from the parsed pages, do not exist yet); the image functions.
pub(crate) fn register_body_functions(
    tera: &mut Tera,
    statics: Arc<Registry>,
    images: Arc<images::Processor>,
) {
    let assets = Assets {
        statics,
        plain: Arc::default(),
    };
    tera.register_function("asset", AssetFn(assets));
    register_images(tera, images);
}

/// Registers `url(path=...)` for one page body: the page must exist; its anchor is
/// checked by the links stage, once every heading is known, so the target is recorded
/// in the returned list.
pub(crate) fn register_body_url(
    tera: &mut Tera,
    paths: Arc<PagePaths>,
    base_url: &str,
) -> UrlCalls {
    let calls = UrlCalls::default();
    let recorded = calls.clone();
    let base_url = base_url.to_string();
    tera.register_function(
        "url",
        UrlFn(move |path: &str| {
            let p = paths.resolve_page(path)?;
            recorded
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(path.to_string());
            Ok(format!("{base_url}{p}"))
        }),
    );
    calls
}

fn path_arg(args: &HashMap<String, Value>, func: &str) -> tera::Result<String> {
    match args.get("path") {
        Some(Value::String(s)) => Ok(s.clone()),
        _ => Err(tera::Error::msg(format!(
            "{func}() needs a string argument `path`, e.g. {func}(path=\"...\")"
        ))),
    }
}

struct AssetFn(Assets);

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

/// `url(path="@/page.md#anchor")`, resolved by the closure (its error is the message).
struct UrlFn<F>(F);

impl<F> tera::Function for UrlFn<F>
where
    F: Fn(&str) -> Result<String, String> + Send + Sync,
{
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let path = path_arg(args, "url")?;
        (self.0)(&path).map(Value::String).map_err(tera::Error::msg)
    }

    fn is_safe(&self) -> bool {
        true
    }
}

fn failing_template(e: &tera::Error) -> Option<String> {
    let text = e.to_string();
    let start = text.find('\'').or_else(|| text.find('"'))?;
    let quote = text[start..].chars().next()?;
    let rest = &text[start + 1..];
    let end = rest.find(quote)?;
    Some(rest[..end].to_string())
}
