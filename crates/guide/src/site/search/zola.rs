//! Zola's search index, for the themes written for Zola that read it: per language with
//! `build_search_index`, `search_index.<lang>.js` (`window.searchIndex = {...}`: an
//! elasticlunr.js index, made with elasticlunr-rs as Zola makes it; `.json` and no
//! wrapper with `index_format = "elasticlunr_json"`), and `elasticlunr.min.js` (0.9.6,
//! MIT licensed, the library that reads it). `index_format = "fuse_json"` or
//! `"fuse_javascript"` give Fuse.js's list of documents instead (`{url, title, body}`,
//! `description` and `path` as `[search]` says), and no library.
use rayon::prelude::*;

use super::elasticlunr::{index_json, Document, Field, Tokenizer};

/// elasticlunr.js 0.9.6, the build Zola 0.22 ships beside its index (MIT licensed: the
/// licence is in its header).
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
    format: Format,
}

/// `index_format`: the kind of index and its file (`.json`, or `.js` that sets
/// `window.searchIndex`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    ElasticlunrJavascript,
    ElasticlunrJson,
    FuseJavascript,
    FuseJson,
}

impl Format {
    fn of(name: Option<&str>) -> Format {
        match name {
            Some("elasticlunr_json") => Format::ElasticlunrJson,
            Some("fuse_javascript") => Format::FuseJavascript,
            Some("fuse_json") => Format::FuseJson,
            _ => Format::ElasticlunrJavascript,
        }
    }

    fn is_json(self) -> bool {
        matches!(self, Format::ElasticlunrJson | Format::FuseJson)
    }

    /// Zola writes `elasticlunr.min.js` beside an elasticlunr index only.
    pub(crate) fn needs_library(self) -> bool {
        matches!(
            self,
            Format::ElasticlunrJavascript | Format::ElasticlunrJson
        )
    }
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
            format: Format::of(table.get("index_format").and_then(|v| v.as_str())),
        }
    }

    pub(crate) fn format(&self) -> Format {
        self.format
    }
}

/// The index file of one language: (output path, bytes); `Err` names a language
/// elasticlunr has no pipeline for.
pub(crate) fn language_file(
    lang: &str,
    options: &Options,
    docs: &[Doc<'_>],
) -> Result<(String, Vec<u8>), String> {
    let json = match options.format {
        Format::FuseJavascript | Format::FuseJson => fuse_index(options, docs),
        Format::ElasticlunrJavascript | Format::ElasticlunrJson => {
            elasticlunr_index(lang, options, docs)?
        }
    };
    // (Zola's `.js` ends without a semicolon or a newline.)
    Ok(match options.format.is_json() {
        true => (format!("search_index.{lang}.json"), json.into_bytes()),
        false => (
            format!("search_index.{lang}.js"),
            format!("window.searchIndex = {json}").into_bytes(),
        ),
    })
}

fn elasticlunr_index(lang: &str, options: &Options, docs: &[Doc<'_>]) -> Result<String, String> {
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
    index_json(lang, &fields, &documents).ok_or_else(|| {
        format!("the search index cannot be built for the language `{lang}`: elasticlunr has no pipeline for it")
    })
}

/// Fuse.js's list: one object per document, with the fields `[search]` asks for.
fn fuse_index(options: &Options, docs: &[Doc<'_>]) -> String {
    #[derive(serde::Serialize)]
    struct FuseDoc<'a> {
        url: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        title: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        body: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        path: Option<&'a str>,
    }
    let list: Vec<FuseDoc> = docs
        .iter()
        .map(|doc| FuseDoc {
            url: &doc.permalink,
            title: options.title.then_some(doc.title),
            description: options.description.then_some(doc.description),
            body: options
                .content
                .then(|| body_text(doc.html, options.truncate)),
            path: options.path.then_some(doc.path),
        })
        .collect();
    serde_json::to_string(&list).unwrap_or_else(|_| "[]".to_string())
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
    let text = cleaned_text(&without_code);
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

/// What Zola's cleaner (ammonia, allowing no tag) leaves of `html`: the text with its
/// tags taken out (nothing in their place: `<b>x</b>y` is `xy`), comments and
/// `<script>`/`<style>` gone, and the text escaped again as HTML (`&amp;`, `&lt;`,
/// `&gt;`, `&nbsp;`; quotes as they are), as it is in Zola's index.
fn cleaned_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        let tag = &rest[lt..];
        let end = match tag.starts_with("<!--") {
            true => tag.find("-->").map(|i| i + 3),
            false => tag.find('>').map(|i| i + 1),
        };
        let Some(end) = end else {
            rest = "";
            break;
        };
        let name: String = tag[1..end]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &tag[end..];
        if name == "script" || name == "style" {
            // (Found in any case without a lower-case copy of the rest of the page.)
            let close = format!("</{name}");
            let at = rest
                .as_bytes()
                .windows(close.len())
                .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                .unwrap_or(rest.len());
            rest = &rest[at..];
            rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
        }
    }
    text.push_str(rest);
    let mut decoded = String::with_capacity(text.len());
    super::text::push_decoded(&mut decoded, &text);
    let mut out = String::with_capacity(decoded.len());
    for c in decoded.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
    out
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
        assert_eq!(body_text(html, None), "Deferred mail.\nRetry");
        assert_eq!(body_text(html, Some(8)), "Deferred");
        // As Zola's cleaner leaves it: no space for a tag, `&` escaped, quotes not.
        let html = "<p>Tom &amp; &quot;Jerry&quot; <b>x</b>y<!-- more --></p>";
        assert_eq!(body_text(html, None), "Tom &amp; \"Jerry\" xy");
    }

    #[test]
    fn an_index_is_zolas_javascript_file_with_the_documents() {
        let options = Options::from_table(&toml::Table::new());
        let (path, bytes) = language_file("en", &options, &[doc("<p>throttled</p>")]).unwrap();
        assert_eq!(path, "search_index.en.js");
        let text = String::from_utf8(bytes).unwrap();
        let json = text.strip_prefix("window.searchIndex = ").unwrap();
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

    #[test]
    fn fuse_formats_list_the_documents_with_the_fields_asked_for() {
        let mut table = toml::Table::new();
        table.insert("index_format".into(), "fuse_json".into());
        let options = Options::from_table(&table);
        assert!(!options.format().needs_library());
        let docs = [doc("<p>Deferred</p>\n\n<p>  Retry <b>later</b></p>")];
        let (path, bytes) = language_file("xx", &options, &docs).unwrap();
        assert_eq!(path, "search_index.xx.json");
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            r#"[{"url":"https://example.com/a/","title":"Greylisting","body":"Deferred\nRetry later"}]"#
        );
        table.insert("index_format".into(), "fuse_javascript".into());
        table.insert("include_title".into(), false.into());
        table.insert("include_content".into(), false.into());
        table.insert("include_path".into(), true.into());
        table.insert("include_description".into(), true.into());
        let options = Options::from_table(&table);
        let (path, bytes) = language_file("en", &options, &docs).unwrap();
        assert_eq!(path, "search_index.en.js");
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            r#"window.searchIndex = [{"url":"https://example.com/a/","description":"","path":"/a/"}]"#
        );
    }
}
