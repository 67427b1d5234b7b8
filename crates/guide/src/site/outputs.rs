//! What may be written where: the rule every output path follows (each `/`-separated
//! part a plain name), and the files the build writes itself besides pages and static
//! files. Slugs, file names and output paths are all checked against the same rule, so
//! nothing a source says can make the build write outside its output folder.
//!
//! Two outputs collide when they have the same path, or when one needs as a folder the
//! path where the other is a file (a page `/style.css/` is `style.css/index.html`, beside
//! a stylesheet `style.css`). [`Claims`] finds both kinds, among pages, static files and
//! the build's own files ([`GENERATED`]), each named by where it comes from.
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

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
    ("search-index.json", "the search index"),
    (
        crate::site::publish::manifest::NAME,
        "the manifest of what the build wrote",
    ),
];

/// What the build writes, by output path, with who writes it: a source file, a static
/// file, the build itself. Safe to share between the threads of a build.
#[derive(Debug, Default)]
pub struct Claims {
    inner: Mutex<ClaimsInner>,
}

#[derive(Debug, Default)]
struct ClaimsInner {
    /// Output path -> who writes it.
    files: BTreeMap<String, String>,
    /// Every folder the files need -> the first file that needs it.
    folders: BTreeMap<String, String>,
}

/// Two outputs that cannot both be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// The output path claimed second, and by whom.
    pub path: String,
    pub owner: String,
    /// What it collides with: an output path, and by whom.
    pub other_path: String,
    pub other_owner: String,
}

impl std::fmt::Display for Collision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path == self.other_path {
            write!(
                f,
                "`{}` is written twice: by {} and by {}",
                self.path, self.other_owner, self.owner
            )
        } else {
            write!(
                f,
                "`{}` (from {}) and `{}` (from {}) cannot both be written: one needs as a \
                 folder the path where the other is a file",
                self.path, self.owner, self.other_path, self.other_owner
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
            let _ = claims.claim(path, what);
        }
        claims
    }

    /// Claims `path` for `owner`; `Err` when it collides with an earlier claim (which
    /// keeps the path).
    pub fn claim(&self, path: &str, owner: &str) -> Result<(), Collision> {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let collision = |other_path: &str, other_owner: &str| Collision {
            path: path.to_string(),
            owner: owner.to_string(),
            other_path: other_path.to_string(),
            other_owner: other_owner.to_string(),
        };
        if let Some(other) = inner.files.get(path) {
            return Err(collision(path, other));
        }
        // A file where another needs a folder.
        if let Some(other) = inner.folders.get(path) {
            return Err(collision(other, inner.files.get(other).map_or("", |o| o)));
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
        inner.files.insert(path.to_string(), owner.to_string());
        Ok(())
    }

    /// Whether `path` is claimed (as a file).
    pub fn contains(&self, path: &str) -> bool {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.files.contains_key(path)
    }

    /// Every claimed path.
    pub fn paths(&self) -> BTreeSet<String> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.files.keys().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_paths_and_file_folder_clashes_collide_naming_both_sides() {
        let claims = Claims::with_generated();
        assert_eq!(
            claims.claim("style.css", "themes/t/static/style.css"),
            Ok(())
        );
        assert_eq!(claims.claim("a/index.html", "content/a.md"), Ok(()));
        let twice = claims
            .claim("sitemap.xml", "content/sitemap.md")
            .unwrap_err();
        assert_eq!(twice.other_owner, "the sitemap");
        assert!(twice.to_string().contains("written twice"), "{twice}");
        let under_file = claims
            .claim("style.css/index.html", "content/style.md")
            .unwrap_err();
        assert_eq!(
            (
                under_file.other_path.as_str(),
                under_file.other_owner.as_str()
            ),
            ("style.css", "themes/t/static/style.css")
        );
        let over_folder = claims.claim("a", "static/a").unwrap_err();
        assert_eq!(over_folder.other_path, "a/index.html");
        assert_eq!(over_folder.other_owner, "content/a.md");
        // The first claims stand.
        assert!(claims.contains("style.css") && !claims.contains("a"));
    }

    #[test]
    fn only_plain_relative_paths_pass() {
        for good in [
            "index.html",
            "a/b/index.html",
            "style.3f2a9c1e.css",
            "ü/é.html",
        ] {
            assert_eq!(check_output_path(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "a//b",
            "a/./b",
            "../victim/index.html",
            "a/../../b",
            "a\\..\\b",
            "a/\u{0}/b",
            "a\nb/index.html",
            "a/",
        ] {
            assert!(check_output_path(bad).is_err(), "{bad:?}");
        }
        assert_eq!(shown("a\nb"), "a\\nb");
    }
}
