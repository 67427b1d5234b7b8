//! Paths of the site: files under a folder as `/`-separated text, `content/` paths
//! joined like URLs, the output file of a page.
use std::path::Path;

/// `/`-separated path of `path` relative to `base`.
pub(crate) fn rel_path(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// `dir` + `path` with `.` and `..` resolved; `None` when it leaves `content/`.
pub(crate) fn join_rel(dir: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The output file of a page: `/a/b/` -> `a/b/index.html`.
pub(crate) fn output_file(path: &str) -> String {
    let p = path.trim_start_matches('/');
    format!("{p}index.html")
}

/// `/sec-1/` for `/sec-1/page/` (and `/` for `/`): the path of a page's top-level entry.
pub(crate) fn top_level_path(path: &str) -> &str {
    match path.get(1..).and_then(|rest| rest.find('/')) {
        Some(end) => &path[..end + 2],
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_path_is_the_first_segment() {
        assert_eq!(top_level_path("/sec-1/page/"), "/sec-1/");
        assert_eq!(top_level_path("/sec-1/"), "/sec-1/");
        assert_eq!(top_level_path("/a/b/c/"), "/a/");
        assert_eq!(top_level_path("/"), "/");
        assert_eq!(top_level_path(""), "");
    }

    #[test]
    fn relative_paths_stay_inside_content() {
        assert_eq!(join_rel("a/b", "../c.png").as_deref(), Some("a/c.png"));
        assert_eq!(join_rel("a", "./x/y.pdf").as_deref(), Some("a/x/y.pdf"));
        assert_eq!(join_rel("a", "../../up.png"), None);
        assert_eq!(output_file("/a/b/"), "a/b/index.html");
        assert_eq!(output_file("/"), "index.html");
    }
}
