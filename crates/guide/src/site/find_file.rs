//! Zola's "file searching logic" for template functions that read a file of the site
//! (`resize_image`, `get_image_metadata`; the same rule serves `get_url`'s `cachebust`,
//! `get_hash` and `load_data`): `@/x` means `content/x`, a leading `/` is dropped, and the
//! first existing file among `ROOT/path`, `ROOT/static/path`, `ROOT/content/path`,
//! `ROOT/<output>/path` and `ROOT/themes/<theme>/static/path` is the one. A path that
//! leaves the site root is refused.
use std::path::{Component, Path, PathBuf};

/// Where template functions look for files.
#[derive(Debug, Clone)]
pub struct SiteFiles {
    pub root: PathBuf,
    /// The output folder's name, relative to the root (`public`).
    pub output: PathBuf,
    pub theme: Option<String>,
}

impl SiteFiles {
    /// The file `path` names, or a message saying where it was looked for.
    pub fn find(&self, path: &str) -> Result<PathBuf, String> {
        let rel = match path.strip_prefix("@/") {
            Some(rest) => format!("content/{rest}"),
            None => path.trim_start_matches('/').to_string(),
        };
        let rel_path = Path::new(&rel);
        if rel.is_empty()
            || rel_path
                .components()
                .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(format!("`{path}` is not a path inside the site"));
        }
        let mut candidates = vec![
            self.root.join(rel_path),
            self.root.join("static").join(rel_path),
            self.root.join("content").join(rel_path),
            self.root.join(&self.output).join(rel_path),
        ];
        if let Some(theme) = &self.theme {
            candidates.push(
                self.root
                    .join("themes")
                    .join(theme)
                    .join("static")
                    .join(rel_path),
            );
        }
        candidates.into_iter().find(|p| p.is_file()).ok_or_else(|| {
            format!(
                "file `{path}` not found (looked in the site root, static/, content/, the \
                     output folder{})",
                if self.theme.is_some() {
                    " and the theme's static/"
                } else {
                    ""
                }
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searches_in_zolas_order_and_stays_inside() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "content/a/pic.png",
            "static/pic.png",
            "themes/t/static/only.png",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, f).unwrap();
        }
        let files = SiteFiles {
            root: root.to_path_buf(),
            output: "public".into(),
            theme: Some("t".into()),
        };
        assert_eq!(
            files.find("@/a/pic.png").unwrap(),
            root.join("content/a/pic.png")
        );
        assert_eq!(
            files.find("a/pic.png").unwrap(),
            root.join("content/a/pic.png")
        );
        assert_eq!(files.find("/pic.png").unwrap(), root.join("static/pic.png"));
        assert_eq!(
            files.find("only.png").unwrap(),
            root.join("themes/t/static/only.png")
        );
        assert!(files.find("../etc/passwd").is_err());
        assert!(files.find("missing.png").unwrap_err().contains("not found"));
    }
}
