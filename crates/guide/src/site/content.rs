//! Loading `content/`: markdown pages and sections with `+++` TOML front matter, TOML
//! data files, and co-located assets.
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use serde::Deserialize;
use walkdir::WalkDir;

use crate::errors::{line_col, BuildError, Problem, Problems};
use crate::paths::rel_path;
use crate::site::body::needs_templating;
use crate::site::outputs::{component_problem, shown};

/// Front matter keys we understand; unknown keys (Zola's `sort_by`, ...) are ignored.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct FrontMatter {
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) weight: Option<i64>,
    pub(crate) draft: bool,
    pub(crate) template: Option<String>,
    pub(crate) slug: Option<String>,
    pub(crate) updated: Option<toml::Value>,
    pub(crate) date: Option<toml::Value>,
    // Sections only.
    /// How the section's pages are ordered (see `sorting`).
    pub(crate) sort_by: Option<String>,
    /// The section's pages are also its parent's.
    pub(crate) transparent: bool,
    /// The template of the section's pages (and of its subsections' pages).
    pub(crate) page_template: Option<String>,
    /// Pages per pager (see `paginate`).
    pub(crate) paginate_by: Option<usize>,
    pub(crate) paginate_reversed: bool,
    pub(crate) paginate_path: Option<String>,
    /// `false` leaves the page out of the search index.
    pub(crate) in_search_index: Option<bool>,
    /// A section's data list (`classify.codes`: a dotted path under `data`) that makes
    /// one page per item (see `pages_from`).
    pub(crate) pages_from: Option<String>,
    pub(crate) extra: toml::Table,
}

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
    /// 1-based line of `slug = ...`, when the front matter sets one.
    pub(crate) slug_line: Option<usize>,
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
    Ok(match split_front_matter(&text) {
        Some((_, body, _)) => body.to_string(),
        None => text,
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

/// Splits `+++` TOML front matter off a markdown text: `(front matter, body, line of the
/// body)`. `None` when the text has no front matter.
pub(crate) fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "+++" {
        return None;
    }
    let fm_start = first_end + 1;
    let mut pos = fm_start;
    let mut line = 2;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            let body_start = (end + 1).min(text.len());
            return Some((&text[fm_start..pos], &text[body_start..], line + 1));
        }
        if end == text.len() {
            break;
        }
        pos = end + 1;
        line += 1;
    }
    None
}

/// Parses one markdown file (`file` relative to the root, `rel` relative to content/).
pub(crate) fn parse_source(file: &str, rel: &str, text: &str) -> Result<Source, Problem> {
    let (fm_text, body, body_line) = match split_front_matter(text) {
        Some(parts) => parts,
        None if text.trim_start().starts_with("+++") => {
            return Err(Problem::at(
                file,
                1,
                "front matter is not closed: a line holding only `+++` must end it",
            ))
        }
        None => ("", text, 1),
    };
    let front: FrontMatter = toml::from_str(fm_text).map_err(|e| {
        let (line, col) = e.span().map_or((1, 1), |s| line_col(fm_text, s.start));
        Problem::at_col(
            file,
            line + 1,
            col,
            format!("invalid front matter: {}", e.message()),
        )
    })?;
    let template_line = key_line(fm_text, "template").unwrap_or(1);
    let pages_from_line = key_line(fm_text, "pages_from").unwrap_or(1);
    let page_template_line = key_line(fm_text, "page_template").unwrap_or(pages_from_line);
    let slug_line = front
        .slug
        .as_ref()
        .map(|_| key_line(fm_text, "slug").unwrap_or(1));
    check_updated(&front, file, fm_text)?;
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let parent = rel.rsplit_once('/').map_or("", |(d, _)| d);
    let kind = if name == "_index.md" {
        Kind::Section
    } else {
        Kind::Page
    };
    // The URL folder of the file, and for pages the last segment.
    let (path, dir, section_dir) = match kind {
        Kind::Section => (url_dir(parent), parent.to_string(), parent.to_string()),
        Kind::Page => {
            let (base, stem, own_dir) = if name == "index.md" && !parent.is_empty() {
                // Page bundle: `a/p/index.md` is `/a/p/`, its assets sit beside it.
                let (base, stem) = parent.rsplit_once('/').unwrap_or(("", parent));
                (base, stem.to_string(), parent.to_string())
            } else {
                (
                    parent,
                    name.trim_end_matches(".md").to_string(),
                    parent.to_string(),
                )
            };
            let last = match &front.slug {
                Some(slug) => {
                    if let Some(why) = component_problem(slug) {
                        return Err(Problem::at(
                            file,
                            slug_line.unwrap_or(1),
                            format!(
                                "slug `{}` is refused: it {why} (a slug is one part of the \
                                 page's URL)",
                                shown(slug)
                            ),
                        ));
                    }
                    slug.clone()
                }
                None => stem,
            };
            let path = format!("{}{}/", url_dir(base), last);
            (path, own_dir, base.to_string())
        }
    };
    Ok(Source {
        file: file.to_string(),
        rel: rel.to_string(),
        kind,
        front,
        template_line,
        slug_line,
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
    })
}

/// 1-based line of the file where front matter `key = ...` is (the front matter
/// starts on line 2).
fn key_line(fm_text: &str, key: &str) -> Option<usize> {
    fm_text
        .lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 2)
}

/// `updated` is a TOML date, or a string holding one (`2026-11-28`, RFC 3339).
fn check_updated(front: &FrontMatter, file: &str, fm_text: &str) -> Result<(), Problem> {
    let ok = match &front.updated {
        None | Some(toml::Value::Datetime(_)) => true,
        Some(toml::Value::String(d)) => is_date(d),
        Some(_) => false,
    };
    if ok {
        return Ok(());
    }
    let shown = front
        .updated
        .as_ref()
        .map(|v| v.to_string())
        .unwrap_or_default();
    Err(Problem::at(
        file,
        key_line(fm_text, "updated").unwrap_or(1),
        format!(
            "`updated = {shown}` is not a date: write it as 2026-11-28 (or an RFC 3339 date \
             and time)"
        ),
    ))
}

fn is_date(text: &str) -> bool {
    let t = text.trim();
    chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok()
        || chrono::DateTime::parse_from_rfc3339(t).is_ok()
        || chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").is_ok()
        || chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S").is_ok()
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
    let parsed = read_sources(&md_files, drafts, cache);
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
    content.problems = problems.0;
    Ok(content)
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
                        let keep = !src.front.draft || drafts;
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
            let parsed = parse_source(file, rel, &text);
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
                Ok(src) if src.front.draft && !drafts => Ok(None),
                Ok(src) => Ok(Some(src)),
                Err(p) => Err(BuildError::Problems(vec![p])),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let (fm, body, line) = split_front_matter("+++\ntitle = \"A\"\n+++\nHello\n").unwrap();
        assert_eq!(fm, "title = \"A\"\n");
        assert_eq!(body, "Hello\n");
        assert_eq!(line, 4);
        assert!(split_front_matter("no front matter").is_none());
    }

    #[test]
    fn urls_of_pages_sections_and_bundles() {
        let p = parse_source("content/a/b.md", "a/b.md", "+++\n+++\n").unwrap();
        assert_eq!(p.path, "/a/b/");
        let s = parse_source("content/a/_index.md", "a/_index.md", "").unwrap();
        assert_eq!(s.path, "/a/");
        let b = parse_source("content/a/p/index.md", "a/p/index.md", "").unwrap();
        assert_eq!((b.path.as_str(), b.dir.as_str()), ("/a/p/", "a/p"));
        let r = parse_source("content/_index.md", "_index.md", "").unwrap();
        assert_eq!(r.path, "/");
        let i = parse_source("content/index.md", "index.md", "").unwrap();
        assert_eq!(i.path, "/index/");
        let slug = parse_source("content/x.md", "x.md", "+++\nslug = \"y\"\n+++\n").unwrap();
        assert_eq!(slug.path, "/y/");
    }

    #[test]
    fn front_matter_error_names_the_file_line() {
        let e = parse_source(
            "content/x.md",
            "x.md",
            "+++\ntitle = \"a\"\nweight = \n+++\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3));
    }
}
