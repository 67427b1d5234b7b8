//! What may be written where: the rule every output path follows (each `/`-separated
//! part a plain name), and the files the build writes itself besides pages and static
//! files. Slugs, file names and output paths are all checked against the same rule, so
//! nothing a source says can make the build write outside its output folder.

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

#[cfg(test)]
mod tests {
    use super::*;

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
