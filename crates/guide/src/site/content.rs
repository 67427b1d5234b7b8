//! Loading `content/`: markdown pages and sections with their front matter (TOML
//! between `+++` lines or YAML between `---` lines, see [`front_matter`]), TOML data
//! files, and co-located assets.
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use walkdir::WalkDir;

use crate::errors::{line_col, BuildError, Problem, Problems};
use crate::paths::rel_path;
use crate::site::config::zola::InsertAnchor;
use crate::site::config::Config;
pub(crate) use crate::site::front_matter::FrontMatter;
use crate::site::front_matter::{self, Split, SplitError};
use crate::site::outputs::{component_problem, shown};
use crate::site::urls::{self, UrlRules};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `_index.md`
    Section,
    /// any other `.md` (`index.md` makes its folder a page bundle)
    Page,
}

/// One markdown file, split and with its front matter parsed.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// Path relative to the site root, `/`-separated: `content/a/b.md`.
    pub(crate) file: String,
    /// Path relative to `content/`: `a/b.md` (the key of `@/a/b.md` links).
    pub(crate) rel: String,
    pub(crate) kind: Kind,
    pub(crate) front: FrontMatter,
    /// 1-based line of `template = ...` in the file, for messages.
    pub(crate) template_line: usize,
    /// 1-based line of `slug = ...` (else of `path = ...`), when the front matter sets
    /// what the page's URL is made of.
    pub(crate) slug_line: Option<usize>,
    /// 1-based line of `aliases = ...`, when the front matter sets them.
    pub(crate) aliases_line: Option<usize>,
    /// 1-based line of `pages_from = ...` (of the section, for a page made from data).
    pub(crate) pages_from_line: usize,
    /// 1-based line of `page_template = ...` (of a section).
    pub(crate) page_template_line: usize,
    /// The data item a page was made from (`pages_from`): the template's `page.data`.
    pub(crate) item: Option<toml::Value>,
    /// The markdown body (taken out by the load stage for the parse stage).
    pub(crate) body: String,
    /// 1-based line in the file where the body starts.
    pub(crate) body_line: usize,
    /// URL path: `/`, `/a/`, `/a/b/`.
    pub(crate) path: String,
    /// Folder under `content/` that relative links resolve against: `a` for `a/b.md`.
    pub(crate) dir: String,
    /// Folder of the section this file belongs to (for a section: its own folder).
    pub(crate) section_dir: String,
    /// Hash of the body and its position (the key of parsed bodies kept by `serve`).
    pub(crate) body_hash: u64,
    /// The body was not read (the file is unchanged since the last build of `serve`);
    /// [`read_body`] reads it when it is needed after all.
    pub(crate) body_dropped: bool,
    /// Last change: the front matter's `updated`, else the file's last commit date (set
    /// by the load stage, which reads the dates).
    pub(crate) updated: Option<String>,
    /// What is wrong but does not stop the build (a key a page does not know).
    pub(crate) warnings: Vec<Problem>,
    /// Its language: the default one, or the one its file name ends with (`a.fr.md`).
    pub(crate) lang: String,
    /// Its co-located files as Zola lists them (`/blog/a/pic.png`, by path under
    /// `content/`, sorted case-insensitively): a bundle's at any depth, a section's in
    /// its own folder; none for another page. Set by the load stage.
    pub(crate) assets: Vec<String>,
}

impl Source {
    /// A page bundle: `a/p/index.md` (or `index.fr.md`), whose folder holds its assets.
    pub(crate) fn is_bundle(&self) -> bool {
        self.kind == Kind::Page
            && self.rel.contains('/')
            && self
                .rel
                .rsplit('/')
                .next()
                .is_some_and(|name| name.split('.').next() == Some("index"))
    }
}

/// Unchanged markdown files (same modification time and size) are not read again by
/// `serve`'s rebuilds. Bodies are not kept: see [`Source::body_dropped`].
#[derive(Debug, Default)]
pub(crate) struct SourceCache(Mutex<HashMap<PathBuf, (SystemTime, u64, Source)>>);

impl SourceCache {
    pub(crate) fn clear(&self) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }
}

/// Reads the body of a markdown file again (`file` relative to the root).
pub(crate) fn read_body(root: &Path, file: &str) -> Result<String, Problem> {
    let text = std::fs::read_to_string(root.join(file))
        .map_err(|e| Problem::new(file, format!("cannot read: {e}")))?;
    Ok(match front_matter::split(&text) {
        Ok(Some(split)) => split.body.to_string(),
        _ => text,
    })
}

/// Everything under `content/`.
#[derive(Debug, Default)]
pub(crate) struct Content {
    pub(crate) sources: Vec<Source>,
    /// Data files by stem.
    pub(crate) data: BTreeMap<String, toml::Value>,
    /// Other files, relative to `content/` (copied to the same path in the output).
    pub(crate) assets: Vec<String>,
    /// Markdown files that could not be read as pages (relative to `content/`): links to
    /// them are not reported as broken on top of their own problem.
    pub(crate) broken: Vec<String>,
    /// Problems found while loading; the build goes on to find more.
    pub(crate) problems: Vec<Problem>,
}

/// Parses one markdown file (`file` relative to the root, `rel` relative to content/).
pub(crate) fn parse_source(
    file: &str,
    rel: &str,
    text: &str,
    rules: &UrlRules,
) -> Result<Source, Problem> {
    let split = match front_matter::split(text) {
        Ok(Some(split)) => split,
        Ok(None) => Split {
            format: front_matter::Format::Toml,
            front: "",
            front_line: 1,
            body: text,
            body_line: 1,
        },
        Err(SplitError::NotClosed(line, fence)) => {
            return Err(Problem::at(
                file,
                line,
                format!("front matter is not closed: a line holding only `{fence}` must end it"),
            ))
        }
    };
    let (body, body_line) = (split.body, split.body_line);
    let mut front: FrontMatter = front_matter::parse(&split, file)?;
    let (name, lang) = rules.language_of(rel.rsplit('/').next().unwrap_or(rel));
    let section = name == "_index.md";
    let mut warnings = Vec::new();
    for (key, line) in front_matter::unknown_keys(&split, section) {
        let kind = if section { "section" } else { "page" };
        let message = format!("`{key}` is not a key of a {kind}'s front matter");
        if section {
            // Zola refuses it too.
            return Err(Problem::at(file, line, message));
        }
        warnings.push(Problem::at(
            file,
            line,
            format!("warning: {message}: it is ignored"),
        ));
    }
    let template_line = front_matter::key_line(&split, "template").unwrap_or(1);
    let pages_from_line = front_matter::key_line(&split, "pages_from").unwrap_or(1);
    let page_template_line =
        front_matter::key_line(&split, "page_template").unwrap_or(pages_from_line);
    let key_set = |key: &str, set: bool| set.then(|| front_matter::key_line(&split, key));
    let slug_line = key_set("slug", front.slug.is_some())
        .or_else(|| key_set("path", front.path.is_some()))
        .map(|line| line.unwrap_or(1));
    front_matter::check_dates(&front, &split, file)?;
    if let Some(mode) = &front.insert_anchor_links {
        if InsertAnchor::parse(mode).is_none() {
            let line = front_matter::key_line(&split, "insert_anchor_links").unwrap_or(1);
            return Err(Problem::at(
                file,
                line,
                format!("`insert_anchor_links = \"{mode}\"`: write left, right, heading or none"),
            ));
        }
    }
    let parent = rel.rsplit_once('/').map_or("", |(d, _)| d);
    let rel_parts = (&*name, parent);
    let prefix = rules.prefix(&lang);
    let kind = if section { Kind::Section } else { Kind::Page };
    // The URL folder of the file, and for pages the last segment.
    let (path, dir, section_dir) = match kind {
        Kind::Section => (
            format!("{prefix}{}", url_dir(parent)),
            parent.to_string(),
            parent.to_string(),
        ),
        Kind::Page => page_location(
            file, rel_parts, &mut front, &split, slug_line, rules, &prefix,
        )?,
    };
    Ok(Source {
        file: file.to_string(),
        rel: rel.to_string(),
        kind,
        front,
        template_line,
        slug_line,
        aliases_line: front_matter::key_line(&split, "aliases"),
        pages_from_line,
        page_template_line,
        item: None,
        body: body.to_string(),
        body_line,
        path,
        dir,
        section_dir,
        body_hash: xxhash_rust::xxh3::xxh3_64(body.as_bytes()) ^ body_line as u64,
        body_dropped: false,
        updated: None,
        warnings,
        lang,
        assets: Vec::new(),
    })
}

/// A page's URL, its own folder (where its assets sit) and its section's folder, from
/// its file name (`rel_parts`: name and parent folder), date prefix, `slug` and `path`.
fn page_location(
    file: &str,
    (name, parent): (&str, &str),
    front: &mut FrontMatter,
    split: &Split,
    slug_line: Option<usize>,
    rules: &UrlRules,
    prefix: &str,
) -> Result<(String, String, String), Problem> {
    let (base, stem, own_dir) = if name == "index.md" && !parent.is_empty() {
        // Page bundle: `a/p/index.md` is `/a/p/`, its assets sit beside it.
        let (base, stem) = parent.rsplit_once('/').unwrap_or(("", parent));
        (base, stem, parent.to_string())
    } else {
        (parent, name.trim_end_matches(".md"), parent.to_string())
    };
    let mut stem = stem;
    if let Some((date, rest)) = urls::dated_name(stem).filter(|_| rules.file_dates) {
        if front.date.is_none() {
            front.date = Some(toml::Value::String(date.to_string()));
        }
        if !rules.keep_dates {
            stem = rest;
        }
    }
    let last = match &front.slug {
        Some(slug) => {
            let slug = rules.slug(slug);
            if let Some(why) = component_problem(&slug) {
                return Err(Problem::at(
                    file,
                    slug_line.unwrap_or(1),
                    format!(
                        "slug `{}` is refused: it {why} (a slug is one part of the \
                         page's URL)",
                        shown(&slug)
                    ),
                ));
            }
            slug
        }
        None => rules.slug(stem),
    };
    let path = match &front.path {
        Some(p) => fixed_path(p, file, split)?,
        None => format!("{prefix}{}{}/", url_dir(base), last),
    };
    Ok((path, own_dir, base.to_string()))
}

/// The first part of `rel` (a path under `content/`) that cannot be part of a URL or an
/// output path, as a problem of `file`.
pub(crate) fn check_file_name(file: &str, rel: &str) -> Result<(), Problem> {
    for part in rel.split('/') {
        if let Some(why) = component_problem(part) {
            return Err(Problem::new(
                file,
                format!(
                    "the file name part `{}` {why}: it cannot be part of a URL; rename it",
                    shown(part)
                ),
            ));
        }
    }
    Ok(())
}

/// The URL path of a page's `path = "..."`: `a/b` and `/a/b` are `/a/b/`; each part
/// must be a plain URL part.
fn fixed_path(path: &str, file: &str, split: &Split) -> Result<String, Problem> {
    let line = front_matter::key_line(split, "path").unwrap_or(1);
    let parts: Vec<&str> = path.trim().split('/').filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return Err(Problem::at(file, line, "`path` cannot be empty"));
    }
    for part in &parts {
        if let Some(why) = component_problem(part) {
            return Err(Problem::at(
                file,
                line,
                format!("`path` part `{}` is refused: it {why}", shown(part)),
            ));
        }
    }
    Ok(format!("/{}/", parts.join("/")))
}

fn url_dir(dir: &str) -> String {
    if dir.is_empty() {
        "/".to_string()
    } else {
        format!("/{dir}/")
    }
}

/// Walks `root/content`: parses markdown and data files, lists assets. Drafts are dropped
/// unless `drafts`. User problems are returned in `Content::problems`.
pub(crate) fn load(
    root: &Path,
    config: &Config,
    drafts: bool,
    cache: Option<&SourceCache>,
) -> Result<Content, BuildError> {
    let content_dir = root.join("content");
    let mut content = Content::default();
    let mut problems = Problems::default();
    if !content_dir.is_dir() {
        return Err(BuildError::Problems(vec![Problem::new(
            "content",
            "the site has no content/ folder",
        )]));
    }
    let mut md_files = Vec::new();
    let mut data_seen: HashMap<String, String> = HashMap::new();
    let walker = WalkDir::new(&content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().map(Path::to_path_buf).unwrap_or_default();
            BuildError::io(path, e.into())
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = rel_path(&content_dir, entry.path());
        if config.ignores_content(&rel) {
            continue;
        }
        let file = format!("content/{rel}");
        if let Err(p) = check_file_name(&file, &rel) {
            problems.push(p);
            if rel.ends_with(".md") {
                // (Links to it are not reported as broken on top of this.)
                content.broken.push(rel);
            }
            continue;
        }
        match entry.path().extension().and_then(|e| e.to_str()) {
            Some("md") => md_files.push((file, rel, entry.into_path())),
            Some("toml") => {
                let data = DataFile {
                    path: entry.path(),
                    file: &file,
                };
                data.read_into(&mut content.data, &mut data_seen, &mut problems)?;
            }
            _ => content.assets.push(rel),
        }
    }
    let parsed = read_sources(&md_files, &config.url_rules(), drafts, cache);
    for ((_, rel, _), result) in md_files.iter().zip(parsed) {
        match result {
            Ok(Some(src)) => content.sources.push(src),
            Ok(None) => {}
            Err(BuildError::Problems(ps)) => {
                problems.extend(ps);
                content.broken.push(rel.clone());
            }
            Err(e) => return Err(e),
        }
    }
    if !drafts {
        drop_drafted_sections(&mut content.sources);
    }
    // Zola makes a home page of its own when `content/_index.md` is missing, and one for
    // each other language without its `_index.<lang>.md`.
    let rules = config.url_rules();
    let homes = std::iter::once("_index.md".to_string())
        .chain(rules.languages.iter().map(|l| format!("_index.{l}.md")));
    for home in homes {
        if !content.sources.iter().any(|s| s.rel == home) {
            let made = parse_source(&format!("content/{home}"), &home, "", &rules);
            content.sources.extend(made.ok());
        }
    }
    content.problems = problems.0;
    Ok(content)
}

/// Leaves out what a draft section holds: its pages and sections, at any depth (the
/// section itself is already left out).
fn drop_drafted_sections(sources: &mut Vec<Source>) {
    let drafted: Vec<String> = sources
        .iter()
        .filter(|s| s.kind == Kind::Section && s.front.draft)
        .map(|s| format!("{}/", s.dir))
        .collect();
    if drafted.is_empty() {
        return;
    }
    sources.retain(|s| {
        !s.front.draft
            && !drafted
                .iter()
                .any(|d| s.rel.starts_with(d.as_str()) || d == "/")
    });
}

/// A TOML data file under `content/`.
struct DataFile<'a> {
    path: &'a Path,
    /// Relative to the root, for messages.
    file: &'a str,
}

impl DataFile<'_> {
    /// Reads the file into `data` under its stem (`seen`: the file of each stem so far).
    fn read_into(
        &self,
        data: &mut BTreeMap<String, toml::Value>,
        seen: &mut HashMap<String, String>,
        problems: &mut Problems,
    ) -> Result<(), BuildError> {
        let file = self.file;
        let text = match std::fs::read_to_string(self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                problems.push(Problem::new(file, "not valid UTF-8 text"));
                return Ok(());
            }
            Err(e) => return Err(BuildError::io(self.path, e)),
        };
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match toml::from_str::<toml::Table>(&text) {
            Ok(table) => {
                if let Some(other) = seen.get(&stem) {
                    problems.push(Problem::new(
                        file,
                        format!(
                            "duplicate data file name `{stem}` (also {other}): \
                             data files are keyed by file stem"
                        ),
                    ));
                } else {
                    seen.insert(stem.clone(), file.to_string());
                    data.insert(stem, toml::Value::Table(table));
                }
            }
            Err(e) => {
                let (line, col) = e.span().map_or((1, 1), |s| line_col(&text, s.start));
                problems.push(Problem::at_col(
                    file,
                    line,
                    col,
                    format!("invalid data file: {}", e.message()),
                ));
            }
        }
        Ok(())
    }
}

/// Reads and parses the markdown files `(file, rel, path)` in parallel, in their order:
/// `None` for a draft left out.
fn read_sources(
    md_files: &[(String, String, PathBuf)],
    rules: &UrlRules,
    drafts: bool,
    cache: Option<&SourceCache>,
) -> Vec<Result<Option<Source>, BuildError>> {
    use rayon::prelude::*;
    md_files
        .par_iter()
        .map(|(file, rel, path)| {
            let stamp = std::fs::metadata(path)
                .ok()
                .and_then(|m| Some((m.modified().ok()?, m.len())));
            if let (Some(c), Some((mtime, len))) = (cache, stamp) {
                let map = c.0.lock().unwrap_or_else(|e| e.into_inner());
                if let Some((t, l, src)) = map.get(path) {
                    if *t == mtime && *l == len {
                        let keep = !src.front.draft || drafts || src.kind == Kind::Section;
                        return Ok(keep.then(|| src.clone()));
                    }
                }
            }
            let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::InvalidData => {
                    BuildError::Problems(vec![Problem::new(file, "not valid UTF-8 text")])
                }
                _ => BuildError::io(path, e),
            })?;
            let parsed = parse_source(file, rel, &text, rules);
            if let (Some(c), Some((mtime, len)), Ok(src)) = (cache, stamp, &parsed) {
                // Templated bodies are always read (they are not parse-cached either).
                if !needs_templating(&src.body) {
                    let kept = Source {
                        body: String::new(),
                        body_dropped: true,
                        ..src.clone()
                    };
                    let mut map = c.0.lock().unwrap_or_else(|e| e.into_inner());
                    map.insert(path.clone(), (mtime, len, kept));
                }
            }
            match parsed {
                // (A draft section is kept until what it holds is left out with it.)
                Ok(src) if src.front.draft && !drafts && src.kind == Kind::Page => Ok(None),
                Ok(src) => Ok(Some(src)),
                Err(p) => Err(BuildError::Problems(vec![p])),
            }
        })
        .collect()
}

/// Whether a page body holds template tags (and so goes through Tera before markdown).
pub(crate) fn needs_templating(body: &str) -> bool {
    body.contains("{{") || body.contains("{%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_of_pages_sections_and_bundles() {
        let p = parse_source(
            "content/a/b.md",
            "a/b.md",
            "+++\n+++\n",
            &UrlRules::as_written(),
        )
        .unwrap();
        assert_eq!(p.path, "/a/b/");
        let s = parse_source(
            "content/a/_index.md",
            "a/_index.md",
            "",
            &UrlRules::as_written(),
        )
        .unwrap();
        assert_eq!(s.path, "/a/");
        let b = parse_source(
            "content/a/p/index.md",
            "a/p/index.md",
            "",
            &UrlRules::as_written(),
        )
        .unwrap();
        assert_eq!((b.path.as_str(), b.dir.as_str()), ("/a/p/", "a/p"));
        let r = parse_source(
            "content/_index.md",
            "_index.md",
            "",
            &UrlRules::as_written(),
        )
        .unwrap();
        assert_eq!(r.path, "/");
        let i = parse_source("content/index.md", "index.md", "", &UrlRules::as_written()).unwrap();
        assert_eq!(i.path, "/index/");
        let slug = parse_source(
            "content/x.md",
            "x.md",
            "+++\nslug = \"y\"\n+++\n",
            &UrlRules::as_written(),
        )
        .unwrap();
        assert_eq!(slug.path, "/y/");
    }

    #[test]
    fn front_matter_error_names_the_file_line() {
        let e = parse_source(
            "content/x.md",
            "x.md",
            "+++\ntitle = \"a\"\nweight = \n+++\n",
            &UrlRules::as_written(),
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3));
    }
}
