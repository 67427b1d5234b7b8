//! `compile_sass = true`: every `.scss` and `.sass` file under `sass/` (the theme's, then
//! the site's) is compiled to CSS at the same path in the output (`sass/a/b.scss` ->
//! `/a/b.css`), as Zola does: compressed output, files and folders whose name starts
//! with `_` are partials (only imported), a site file replaces the theme's file of the
//! same output path, and `x.scss` beside `x.sass` is an error. The compiler is grass
//! (pure Rust, the one Zola uses).
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::errors::Problem;

/// One compiled stylesheet: its path in the output (`nested/x.css`) and its CSS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stylesheet {
    pub out: String,
    pub css: String,
}

/// Compiles the Sass of the site at `root` (with its theme's `sass/` first, when the site
/// has a theme). All problems together, each naming the file and line.
pub fn compile_site(root: &Path, theme: Option<&str>) -> Result<Vec<Stylesheet>, Vec<Problem>> {
    let mut dirs = Vec::new();
    if let Some(theme) = theme {
        dirs.push(Path::new("themes").join(theme).join("sass"));
    }
    dirs.push(PathBuf::from("sass"));
    let mut by_out: BTreeMap<String, Stylesheet> = BTreeMap::new();
    let mut problems = Vec::new();
    for dir in dirs {
        match compile_dir(root, &dir) {
            // Later folders (the site's) replace earlier ones (the theme's).
            Ok(sheets) => by_out.extend(sheets.into_iter().map(|s| (s.out.clone(), s))),
            Err(ps) => problems.extend(ps),
        }
    }
    if problems.is_empty() {
        Ok(by_out.into_values().collect())
    } else {
        Err(problems)
    }
}

/// Compiles the non-partial files of `root/dir` (a missing folder has none).
pub fn compile_dir(root: &Path, dir: &Path) -> Result<Vec<Stylesheet>, Vec<Problem>> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Ok(Vec::new());
    }
    let sources: Vec<PathBuf> = walkdir::WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('_'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("scss" | "sass")
            )
        })
        .collect();
    let mut problems = Vec::new();
    let mut sheets: Vec<(String, Stylesheet)> = Vec::new();
    for path in &sources {
        let rel = path.strip_prefix(&base).unwrap_or(path);
        let out = rel
            .with_extension("css")
            .to_string_lossy()
            .replace('\\', "/");
        let label = display(root, path);
        if let Some((other, _)) = sheets.iter().find(|(_, s)| s.out == out) {
            problems.push(Problem::new(
                &label,
                format!("Sass path conflict: {other} also compiles to /{out}"),
            ));
            continue;
        }
        match compile_file(root, path) {
            Ok(css) => sheets.push((label, Stylesheet { out, css })),
            Err(p) => problems.push(p),
        }
    }
    if problems.is_empty() {
        Ok(sheets.into_iter().map(|(_, s)| s).collect())
    } else {
        Err(problems)
    }
}

/// Compiles one entry file; an error names the file and line where it is (maybe an
/// imported partial).
pub fn compile_file(root: &Path, path: &Path) -> Result<String, Problem> {
    let options = grass::Options::default()
        .style(grass::OutputStyle::Compressed)
        .unicode_error_messages(false);
    grass::from_path(path, &options).map_err(|e| match e.kind() {
        grass::ErrorKind::ParseError { message, loc, .. } => Problem::at_col(
            display(root, Path::new(loc.file.name())),
            loc.begin.line + 1,
            loc.begin.column + 1,
            format!("Sass: {message}"),
        ),
        grass::ErrorKind::IoError(io) => {
            Problem::new(display(root, path), format!("Sass: cannot read: {io}"))
        }
        grass::ErrorKind::FromUtf8Error(msg) => {
            Problem::new(display(root, path), format!("Sass: not UTF-8: {msg}"))
        }
        other => Problem::new(display(root, path), format!("Sass: {other:?}")),
    })
}

/// `path` relative to the site root, with forward slashes (for messages).
fn display(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    #[test]
    fn compiles_nested_files_and_skips_partials() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "sass/_vars.scss", "$c: red;\n");
        write(
            root,
            "sass/site.scss",
            "@import \"vars\";\nbody { a { color: $c; } }\n",
        );
        write(root, "sass/nested/x.sass", "p\n  margin: 0\n");
        write(root, "sass/_private/y.scss", "q { margin: 0 }\n");
        let sheets = compile_site(root, None).unwrap();
        let outs: Vec<_> = sheets.iter().map(|s| s.out.as_str()).collect();
        assert_eq!(outs, ["nested/x.css", "site.css"]);
        assert_eq!(sheets[1].css.trim(), "body a{color:red}");
        assert_eq!(sheets[0].css.trim(), "p{margin:0}");
    }

    #[test]
    fn the_site_replaces_the_themes_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "themes/t/sass/a.scss", "a { b: theme }\n");
        write(root, "themes/t/sass/only.scss", "o { b: theme }\n");
        write(root, "sass/a.scss", "a { b: site }\n");
        let sheets = compile_site(root, Some("t")).unwrap();
        assert_eq!(sheets.len(), 2);
        assert!(sheets[0].css.contains("site"));
        assert!(sheets[1].css.contains("theme"));
    }

    #[test]
    fn errors_name_the_file_and_line_even_in_a_partial() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "sass/_broken.scss", "a {\n  color: $missing;\n}\n");
        write(root, "sass/main.scss", "@import \"broken\";\n");
        write(root, "sass/x.scss", "x { y: z }\n");
        write(root, "sass/x.sass", "x\n  y: z\n");
        let problems = compile_site(root, None).unwrap_err();
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            shown.iter().any(|p| p.starts_with("sass/_broken.scss:2:")),
            "{shown:?}"
        );
        assert!(shown.iter().any(|p| p.contains("conflict")), "{shown:?}");
    }
}
