//! The top-level keys of a configuration file that nobody reads: each is a warning at
//! its line (a misspelt key would otherwise do nothing, silently).
use crate::errors::Problem;
use crate::site::config::zola::{GUIDE_KEYS, ZOLA_KEYS};

/// A warning for each top-level key of `table` that is neither Zola's nor ours.
pub(super) fn unknown(text: &str, table: &toml::Table, file: &str) -> Vec<Problem> {
    let mut found: Vec<(usize, &str)> = table
        .keys()
        .map(String::as_str)
        .filter(|k| !ZOLA_KEYS.contains(k) && !GUIDE_KEYS.contains(k))
        .map(|k| (line_of(text, k).unwrap_or(1), k))
        .collect();
    found.sort_unstable();
    found
        .into_iter()
        .map(|(line, key)| {
            Problem::at(
                file,
                line,
                format!(
                    "warning: `{key}` is not a configuration key of Zola's or ours: it is ignored"
                ),
            )
        })
        .collect()
}

/// 1-based line where the top-level `key` is set (`key = ...`, `key.sub = ...` before
/// any table) or opened (`[key]`, `[key.sub]`, `[[key]]`).
pub(super) fn line_of(text: &str, key: &str) -> Option<usize> {
    let mut in_table = false;
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim();
        if let Some(rest) = l.strip_prefix('[') {
            in_table = true;
            let name = rest.trim_start_matches('[').split(['.', ']']).next();
            if name.map(|n| n.trim().trim_matches('"')) == Some(key) {
                return Some(i + 1);
            }
            continue;
        }
        if in_table {
            continue;
        }
        let Some((name, _)) = l.split_once('=') else {
            continue;
        };
        let name = name
            .split('.')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches('"');
        if name == key {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_at_their_lines() {
        let text = "base_url = \"x\"\nauthr = \"me\"\n\n[extra]\nauthr = 1\n[[oops]]\n";
        assert_eq!(line_of(text, "authr"), Some(2));
        assert_eq!(line_of(text, "extra"), Some(4));
        assert_eq!(line_of(text, "oops"), Some(6));
        let table: toml::Table = toml::from_str(text).unwrap();
        let warnings = unknown(text, &table, "config.toml");
        let lines: Vec<_> = warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [Some(2), Some(6)]);
    }
}
