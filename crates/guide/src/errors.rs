//! Build problems: every user error of one build is collected and reported together,
//! each as `file:line[:col]: message`.
use std::fmt;
use std::path::PathBuf;

/// One user-facing problem, located in a source file (path relative to the site root).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub col: Option<usize>,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            file: file.into(),
            line: None,
            col: None,
            message: message.into(),
        }
    }

    pub(crate) fn at(file: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Problem {
            line: Some(line),
            ..Problem::new(file, message)
        }
    }

    pub(crate) fn at_col(
        file: impl Into<String>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            line: Some(line),
            col: Some(col),
            ..Problem::new(file, message)
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.col {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// User errors in the site's sources, all of them.
    #[error("{}", format_problems(.0))]
    Problems(Vec<Problem>),
    /// The file system failed us. (The cause is the `source`, not part of this message:
    /// `{:#}` of anyhow, or [`chain`], prints it once.)
    #[error("{}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl BuildError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        BuildError::Io {
            path: path.into(),
            source,
        }
    }

    /// The user problems of this error (empty for I/O errors).
    pub fn problems(&self) -> &[Problem] {
        match self {
            BuildError::Problems(p) => p,
            BuildError::Io { .. } => &[],
        }
    }
}

fn format_problems(problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&p.to_string());
    }
    out
}

/// An error and its causes in one line, `a: b: c`, each message once.
pub fn chain(err: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur = Some(err);
    while let Some(e) = cur {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cur = e.source();
    }
    parts.join(": ")
}

/// Collects problems from the stages of a build.
#[derive(Debug, Default)]
pub(crate) struct Problems(pub(crate) Vec<Problem>);

impl Problems {
    pub(crate) fn push(&mut self, p: Problem) {
        self.0.push(p);
    }

    pub(crate) fn extend(&mut self, ps: impl IntoIterator<Item = Problem>) {
        self.0.extend(ps);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Err` with all problems (sorted, de-duplicated) when there are any.
    pub(crate) fn into_result(mut self) -> Result<(), BuildError> {
        if self.0.is_empty() {
            return Ok(());
        }
        self.0.sort();
        self.0.dedup();
        Err(BuildError::Problems(self.0))
    }
}

/// 1-based line and column (in characters) of byte offset `pos` in `text`.
pub(crate) fn line_col(text: &str, pos: usize) -> (usize, usize) {
    LineIndex::new(text).line_col(pos)
}

/// Where each line of a text starts: many lookups in one text (a page's links and
/// bounce blocks) without scanning it from the start for each.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the first character of each line.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let after_newlines = memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1);
        LineIndex {
            text,
            starts: std::iter::once(0).chain(after_newlines).collect(),
        }
    }

    /// 1-based line and column (in characters) of byte offset `pos`.
    pub(crate) fn line_col(&self, pos: usize) -> (usize, usize) {
        let pos = floor_char_boundary(self.text, pos.min(self.text.len()));
        // At least 1: the first line starts at 0.
        let line = self.starts.partition_point(|&start| start <= pos);
        let col = self.text[self.starts[line - 1]..pos].chars().count() + 1;
        (line, col)
    }
}

fn floor_char_boundary(text: &str, mut pos: usize) -> usize {
    while pos > 0 && !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// A template (Tera) error as text: the whole error chain on one line, and the template
/// line:column when Tera gives it.
pub(crate) fn describe_template_error(e: &tera::Error) -> (String, Option<(usize, usize)>) {
    let mut parts: Vec<String> = Vec::new();
    let mut line = None;
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = cur {
        let text = err.to_string();
        if line.is_none() {
            line = pest_position(&text);
        }
        let text = if text.contains("\n") && line.is_some() {
            // pest's multi-line pointer: keep only the final explanation.
            text.lines()
                .rev()
                .find(|l| l.trim_start().starts_with("= "))
                .map(|l| l.trim_start().trim_start_matches("= ").to_string())
                .unwrap_or_else(|| text.lines().next().unwrap_or_default().to_string())
        } else {
            text
        };
        if !text.is_empty() && !parts.contains(&text) {
            parts.push(text);
        }
        cur = err.source();
    }
    (parts.join(": "), line)
}

fn pest_position(text: &str) -> Option<(usize, usize)> {
    let i = text.find("--> ")?;
    let rest = &text[i + 4..];
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':'))?;
    let (l, c) = rest[..end].split_once(':')?;
    Some((l.parse().ok()?, c.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_in_characters() {
        let text = "ab\n\nçé x\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(0), (1, 1));
        assert_eq!(index.line_col(2), (1, 3));
        assert_eq!(index.line_col(3), (2, 1));
        assert_eq!(index.line_col(4), (3, 1));
        // `x` is byte 9 but character 4 of its line.
        assert_eq!(index.line_col(9), (3, 4));
        // Inside `ç` (not a char boundary): its start.
        assert_eq!(index.line_col(5), (3, 1));
        assert_eq!(index.line_col(text.len() + 10), (4, 5));
        assert_eq!(line_col("a\n", 2), (2, 1));
    }
}
