//! What may be written where: the rule every output path follows (each `/`-separated
//! part a plain name), and the files the build writes itself besides pages and static
//! files. Slugs, file names and output paths are all checked against the same rule, so
//! nothing a source says can make the build write outside its output folder.
//!
//! Two outputs collide when they have the same path, or when one needs as a folder the
//! path where the other is a file (a page `/style.css/` is `style.css/index.html`, beside
//! a stylesheet `style.css`). [`Claims`] finds both kinds, among pages, static files and
//! the build's own files ([`GENERATED`]), each named by where it comes from.
use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::errors::{BuildError, Problem, Problems};
use crate::site::sink::{OutFile, Sink};

/// Why one part of a path is refused, or `None` when it is a plain name: not empty, not
/// `.` or `..`, and without `/`, `\` or control characters (a newline in a file name
/// would also break the manifest and HTTP headers).
pub fn component_problem(part: &str) -> Option<&'static str> {
    if part.is_empty() {
        Some("is empty")
    } else if part == "." || part == ".." {
        Some("is `.` or `..`")
    } else if part.contains('/') || part.contains('\\') {
        Some("holds a path separator (`/` or `\\`)")
    } else if part.chars().any(char::is_control) {
        Some("holds a control character")
    } else {
        None
    }
}

/// Checks a relative output path (`a/b/index.html`): relative, and every part a plain
/// name. The message says which part is refused and why.
pub fn check_output_path(path: &str) -> Result<(), String> {
    if path.starts_with('/') || path.starts_with('\\') {
        return Err(format!("output path `{}` is absolute", shown(path)));
    }
    for part in path.split('/') {
        if let Some(why) = component_problem(part) {
            return Err(format!(
                "output path `{}`: the part `{}` {why}",
                shown(path),
                shown(part)
            ));
        }
    }
    Ok(())
}

/// `text` with control characters escaped, for messages.
pub fn shown(text: &str) -> String {
    text.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// Files every build writes itself, with what they are (for messages). A step that
/// adds a file of fixed name adds it here; every other output is still checked when it
/// is written (see [`Claims`]).
pub const GENERATED: &[(&str, &str)] = &[
    ("404.html", "the page for unknown URLs"),
    ("sitemap.xml", "the sitemap"),
    ("robots.txt", "robots.txt"),
    (crate::site::search::writer::ENTRY, "the search index"),
    (
        crate::site::publish::manifest::NAME,
        "the manifest of what the build wrote",
    ),
];

/// Who writes an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// A page or section, by its source file (`content/a.md`), with the line of its
    /// slug when it has one.
    Page { file: String, line: Option<usize> },
    /// A static file, by where it comes from (`themes/t/static/style.css`).
    Static(String),
    /// The build itself: what the file is.
    Build(String),
}

impl Owner {
    /// The file a problem about this output is reported in.
    pub fn file(&self) -> &str {
        match self {
            Owner::Page { file, .. } | Owner::Static(file) => file,
            Owner::Build(_) => "(output)",
        }
    }

    /// A problem about this output, at the owner's line when it has one.
    pub(crate) fn problem(&self, message: String) -> Problem {
        match self {
            Owner::Page {
                file,
                line: Some(line),
            } => Problem::at(file, *line, message),
            _ => Problem::new(self.file(), message),
        }
    }
}

impl std::fmt::Display for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Owner::Page { file, .. } => write!(f, "the page {file}"),
            Owner::Static(file) => write!(f, "the static file {file}"),
            Owner::Build(what) => write!(f, "{what}, which the build writes"),
        }
    }
}

/// What the build writes, by output path, with who writes it: a source file, a static
/// file, the build itself. Safe to share between the threads of a build.
#[derive(Debug, Default)]
pub struct Claims {
    inner: Mutex<ClaimsInner>,
}

#[derive(Debug, Default)]
struct ClaimsInner {
    /// Output path -> who writes it.
    files: BTreeMap<String, Owner>,
    /// Every folder the files need -> the first file that needs it.
    folders: BTreeMap<String, String>,
}

/// Two outputs that cannot both be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The output path claimed second, and by whom.
    pub path: String,
    pub owner: Owner,
    /// What it collides with: an output path, and by whom.
    pub other_path: String,
    pub other_owner: Owner,
}

impl std::fmt::Display for Collision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |path: &str, owner: &Owner| match owner {
            Owner::Page { .. } => format!("URL /{}", path.trim_end_matches("index.html")),
            _ => format!("`{path}`"),
        };
        let mine = shown(&self.path, &self.owner);
        let theirs = shown(&self.other_path, &self.other_owner);
        if self.path == self.other_path {
            write!(f, "its {mine} is also written by {}", self.other_owner)
        } else {
            write!(
                f,
                "its {mine} and {theirs} of {} cannot both be written: one needs as a \
                 folder the path where the other is a file",
                self.other_owner
            )
        }
    }
}

impl Claims {
    /// The build's own files, claimed.
    pub fn with_generated() -> Claims {
        let claims = Claims::default();
        for (path, what) in GENERATED {
            // (They cannot collide with each other.)
            let _ = claims.claim(path, Owner::Build(what.to_string()));
        }
        claims
    }

    /// Claims `path` for `owner`; `Err` when it collides with an earlier claim (which
    /// keeps the path).
    pub fn claim(&self, path: &str, owner: Owner) -> Result<(), Box<Collision>> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let collision = |other_path: &str, other_owner: &Owner| {
            Box::new(Collision {
                path: path.to_string(),
                owner: owner.clone(),
                other_path: other_path.to_string(),
                other_owner: other_owner.clone(),
            })
        };
        if let Some(other) = inner.files.get(path) {
            return Err(collision(path, other));
        }
        // A file where another needs a folder.
        if let Some(other) = inner.folders.get(path) {
            if let Some(owner) = inner.files.get(other) {
                return Err(collision(other, owner));
            }
        }
        // A folder where another is a file.
        for (i, _) in path.match_indices('/') {
            if let Some(other) = inner.files.get(&path[..i]) {
                return Err(collision(&path[..i], other));
            }
        }
        for (i, _) in path.match_indices('/') {
            inner
                .folders
                .entry(path[..i].to_string())
                .or_insert_with(|| path.to_string());
        }
        inner.files.insert(path.to_string(), owner);
        Ok(())
    }

    /// Who claimed `path`.
    pub fn owner(&self, path: &str) -> Option<Owner> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.files.get(path).cloned()
    }
}

/// A sink that checks every file on its way to `inner`: its path (see
/// [`check_output_path`]) and that no other file of the build claims it (whatever
/// step wrote it). A refused file is not written; the problems come from [`finish`].
///
/// [`finish`]: CheckedSink::finish
pub(crate) struct CheckedSink<'a> {
    inner: &'a dyn Sink,
    /// Who the load stage expects to write each file (for messages).
    planned: &'a Claims,
    written: Claims,
    problems: Mutex<Vec<Problem>>,
}

impl<'a> CheckedSink<'a> {
    pub(crate) fn new(inner: &'a dyn Sink, planned: &'a Claims) -> Self {
        CheckedSink {
            inner,
            planned,
            written: Claims::default(),
            problems: Mutex::default(),
        }
    }

    /// The problems found, if any.
    pub(crate) fn finish(self) -> Result<(), BuildError> {
        let problems = self
            .problems
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        Problems(problems).into_result()
    }

    fn refuse(&self, problem: Problem) {
        self.problems
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(problem);
    }
}

impl Sink for CheckedSink<'_> {
    fn put(&self, path: &str, file: OutFile) -> Result<(), BuildError> {
        let owner = self
            .planned
            .owner(path)
            .unwrap_or_else(|| Owner::Build("a generated file".into()));
        if let Err(msg) = check_output_path(path) {
            self.refuse(owner.problem(msg));
            return Ok(());
        }
        if let Err(c) = self.written.claim(path, owner) {
            self.refuse(c.owner.problem(c.to_string()));
            return Ok(());
        }
        self.inner.put(path, file)
    }

    fn keeps_files(&self) -> bool {
        self.inner.keeps_files()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_paths_and_file_folder_clashes_collide_naming_both_sides() {
        let page = |f: &str| Owner::Page {
            file: f.into(),
            line: None,
        };
        let claims = Claims::with_generated();
        let css = Owner::Static("themes/t/static/style.css".into());
        assert_eq!(claims.claim("style.css", css.clone()), Ok(()));
        assert_eq!(claims.claim("a/index.html", page("content/a.md")), Ok(()));
        let twice = claims
            .claim("sitemap.xml/index.html", page("content/sitemap.md"))
            .unwrap_err();
        assert_eq!(twice.other_owner, Owner::Build("the sitemap".into()));
        assert!(
            twice
                .to_string()
                .contains("the sitemap, which the build writes"),
            "{twice}"
        );
        let under_file = claims
            .claim("style.css/index.html", page("content/style.md"))
            .unwrap_err();
        assert_eq!(
            (under_file.other_path.as_str(), &under_file.other_owner),
            ("style.css", &css)
        );
        let over_folder = claims
            .claim("a", Owner::Static("static/a".into()))
            .unwrap_err();
        assert_eq!(over_folder.other_path, "a/index.html");
        assert_eq!(over_folder.other_owner, page("content/a.md"));
        let same = claims
            .claim("a/index.html", page("content/b.md"))
            .unwrap_err();
        assert_eq!(
            same.to_string(),
            "its URL /a/ is also written by the page content/a.md"
        );
        // The first claims stand.
        assert_eq!(claims.owner("style.css"), Some(css));
        assert_eq!(claims.owner("a"), None);
    }
}
