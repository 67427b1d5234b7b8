//! Zola's search index, for the themes written for Zola that read it: per language with
//! `build_search_index`, `search_index.<lang>.js` (`window.searchIndex = {...};`: an
//! elasticlunr.js index, made with elasticlunr-rs as Zola makes it; `.json` and no
//! wrapper with `index_format = "elasticlunr_json"`), and `elasticlunr.min.js` (0.9.5,
//! MIT licensed, the library that reads it).
use rayon::prelude::*;

use super::elasticlunr::{index_json, Document, Field, Tokenizer};

/// elasticlunr.js 0.9.5, as its npm package releases it (its licence is in its header).
const ELASTICLUNR_JS: &str = include_str!("elasticlunr.min.js");

/// What one page or section gives the index.
pub(crate) struct Doc<'a> {
    pub(crate) permalink: String,
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    /// RFC 3339, for `include_date`.
    pub(crate) date: Option<String>,
    /// The URL path (`/a/page/`), for `include_path`.
    pub(crate) path: &'a str,
    pub(crate) html: &'a str,
}

/// A language's `[search]` options, with Zola's defaults.
pub(crate) struct Options {
    title: bool,
    description: bool,
    date: bool,
    path: bool,
    content: bool,
    truncate: Option<usize>,
    json: bool,
}

impl Options {
    pub(crate) fn from_table(table: &toml::Table) -> Options {
        let flag =
            |key: &str, default: bool| table.get(key).and_then(|v| v.as_bool()).unwrap_or(default);
        Options {
            title: flag("include_title", true),
            description: flag("include_description", false),
            date: flag("include_date", false),
            path: flag("include_path", false),
            content: flag("include_content", true),
            truncate: table
                .get("truncate_content_length")
                .and_then(|v| v.as_integer())
                .and_then(|n| usize::try_from(n).ok()),
            json: table.get("index_format").and_then(|v| v.as_str()) == Some("elasticlunr_json"),
        }
    }
}

/// The index file of one language: (output path, bytes); `Err` names a language
/// elasticlunr has no pipeline for.
pub(crate) fn language_file(
    lang: &str,
    options: &Options,
    docs: &[Doc<'_>],
) -> Result<(String, Vec<u8>), String> {
    let fields: Vec<Field> = [
        (options.title, "title"),
        (options.description, "description"),
        (options.date, "date"),
        (options.path, "path"),
        (options.content, "body"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, name)| Field {
        name,
        tokenizer: (name == "path").then_some(path_words as Tokenizer),
    })
    .collect();
    let documents: Vec<Document> = docs
        .par_iter()
        .map(|doc| Document {
            reference: doc.permalink.clone(),
            values: row(options, doc),
        })
        .collect();
    let json = index_json(lang, &fields, &documents).ok_or_else(|| {
        format!("the search index cannot be built for the language `{lang}`: elasticlunr has no pipeline for it")
    })?;
    Ok(match options.json {
        true => (format!("search_index.{lang}.json"), json.into_bytes()),
        false => (
            format!("search_index.{lang}.js"),
            format!("window.searchIndex = {json};").into_bytes(),
        ),
    })
}

/// The library file beside the indexes.
pub(crate) fn library_file() -> (String, Vec<u8>) {
    (
        "elasticlunr.min.js".to_string(),
        ELASTICLUNR_JS.as_bytes().to_vec(),
    )
}

/// The values of a document, in the order of the fields. A page without a date gives
/// no value for `date`, so the values after it shift to the fields before them, as in
/// Zola (its index pairs values and fields by position).
fn row(options: &Options, doc: &Doc<'_>) -> Vec<String> {
    let mut row = Vec::new();
    if options.title {
        row.push(doc.title.to_string());
    }
    if options.description {
        row.push(doc.description.to_string());
    }
    if options.date {
        if let Some(date) = &doc.date {
            row.push(date.clone());
        }
    }
    if options.path {
        row.push(doc.path.to_string());
    }
    if options.content {
        row.push(body_text(doc.html, options.truncate));
    }
    row
}

/// `include_path`'s words: split at white space, `-` and `/`, lower case.
fn path_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .filter(|s| !s.is_empty())
        .map(|s| s.trim().to_lowercase())
        .collect()
}

/// A body's text as Zola indexes it: no tags, nothing of `<script>`, `<style>` and
/// `<pre>` (code), runs of white space as one space, no blank lines; cut after
/// `truncate` characters.
fn body_text(html: &str, truncate: Option<usize>) -> String {
    let without_code = drop_elements(html, "pre");
    let text = super::text::html_text(&without_code);
    let mut clean = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(n) = truncate {
        let end = clean.char_indices().nth(n).map_or(clean.len(), |(i, _)| i);
        clean.truncate(end);
    }
    clean
}

/// `html` without the elements `name` and what they hold.
fn drop_elements(html: &str, name: &str) -> String {
    let (open, close) = (format!("<{name}"), format!("</{name}>"));
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find(&close) {
            Some(end) => &rest[start + end + close.len()..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(html: &'a str) -> Doc<'a> {
        Doc {
            permalink: "https://example.com/a/".into(),
            title: "Greylisting",
            description: "",
            date: None,
            path: "/a/",
            html,
        }
    }

    #[test]
    fn the_body_loses_its_tags_and_code() {
        let html =
            "<p>Deferred <b>mail</b>.</p>\n<pre><code>421 4.7.0</code></pre>\n\n<p>Retry</p>";
        assert_eq!(body_text(html, None), "Deferred mail .\nRetry");
        assert_eq!(body_text(html, Some(8)), "Deferred");
    }

    #[test]
    fn an_index_is_zolas_javascript_file_with_the_documents() {
        let options = Options::from_table(&toml::Table::new());
        let (path, bytes) = language_file("en", &options, &[doc("<p>throttled</p>")]).unwrap();
        assert_eq!(path, "search_index.en.js");
        let text = String::from_utf8(bytes).unwrap();
        let json = text
            .strip_prefix("window.searchIndex = ")
            .and_then(|t| t.strip_suffix(';'))
            .unwrap();
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["fields"], serde_json::json!(["title", "body"]));
        assert_eq!(value["ref"], "id");
        assert_eq!(
            value["documentStore"]["docs"]["https://example.com/a/"]["title"],
            "Greylisting"
        );
        // The English pipeline stems the body's words as elasticlunr.js does: the
        // index is a tree of characters, and `throttl` leads to the page.
        let node = "throttl"
            .chars()
            .fold(&value["index"]["body"]["root"], |node, c| {
                &node[c.to_string()]
            });
        assert_eq!(node["docs"]["https://example.com/a/"]["tf"], 1.0, "{json}");
    }

    #[test]
    fn json_format_and_unknown_languages() {
        let mut table = toml::Table::new();
        table.insert("index_format".into(), "elasticlunr_json".into());
        let options = Options::from_table(&table);
        let (path, bytes) = language_file("fr", &options, &[doc("")]).unwrap();
        assert_eq!(path, "search_index.fr.json");
        assert!(bytes.starts_with(b"{"));
        assert!(language_file("xx", &options, &[]).is_err());
    }
}
