//! Pages made from data: a section whose front matter says `pages_from = "codes"` (a
//! dotted path under `data`: a data file's stem, then keys, ending at a list of tables)
//! gets one page per item of the list, at `<section>/<item.slug>/`, rendered with the
//! section's `page_template` (as its other pages are) with the item as `page.data`.
//!
//! An item needs `slug` (one URL part) and `title`; `description` and `weight` are used
//! as a page's. An item's `example = { text = "...", expect = "P2 auth isp=gmail" }` is
//! classified and checked as a bounce block is (a mismatch is a build error naming the
//! list and the item), and gets the classifier's answer as `example.result`. Each item
//! gets `path`, its page's URL path, so that any template can link to it from `data`.
use std::collections::BTreeMap;

use crate::errors::{Problem, Problems};
use crate::paths::output_file;
use crate::site::bounce;
use crate::site::content::{Kind, Source};
use crate::site::front_matter::FrontMatter;
use crate::site::outputs::{component_problem, shown};

/// Adds the pages the sections' `pages_from` make to `sources`, and their paths to the
/// items in `data`. Problems (a missing list, an item without slug, an example that
/// classifies otherwise) go to `problems`.
pub(crate) fn expand(
    sources: &mut Vec<Source>,
    data: &mut BTreeMap<String, toml::Value>,
    problems: &mut Problems,
) {
    let mut made = Vec::new();
    for s in sources.iter() {
        let Some(from) = &s.front.pages_from else {
            continue;
        };
        let at = |msg: String| Problem::at(&s.file, s.pages_from_line, msg);
        if s.kind != Kind::Section {
            problems.push(at(
                "`pages_from` belongs in a section's _index.md: only a section makes pages \
                 from data"
                    .into(),
            ));
            continue;
        }
        match list_at(data, from) {
            Ok(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    match page(s, from, i, item) {
                        Ok(page) => made.push(page),
                        Err(msg) => problems.push(at(msg)),
                    }
                }
            }
            Err(msg) => problems.push(at(msg)),
        }
    }
    sources.extend(made);
}

/// The list of tables at the dotted `path` under `data`.
fn list_at<'a>(
    data: &'a mut BTreeMap<String, toml::Value>,
    path: &str,
) -> Result<&'a mut Vec<toml::Value>, String> {
    let mut keys = path.split('.');
    let first = keys.next().unwrap_or_default();
    let missing = || {
        format!(
            "`pages_from = \"{path}\"`: there is no such data (a data file's stem under \
             content/, then keys, such as \"incident.levels\")"
        )
    };
    let mut value = data.get_mut(first).ok_or_else(missing)?;
    for key in keys {
        value = value
            .as_table_mut()
            .and_then(|t| t.get_mut(key))
            .ok_or_else(missing)?;
    }
    match value {
        toml::Value::Array(items) if items.iter().all(toml::Value::is_table) => Ok(items),
        _ => Err(format!(
            "`pages_from = \"{path}\"`: the data there is not a list of tables \
             ([[{path}]] entries)"
        )),
    }
}

/// The page of item `i` of the list `from`; sets the item's `path` and its example's
/// `result`.
fn page(section: &Source, from: &str, i: usize, item: &mut toml::Value) -> Result<Source, String> {
    let Some(table) = item.as_table_mut() else {
        return Err(format!("`{from}` item {} is not a table", i + 1));
    };
    let text = |t: &toml::Table, key: &str| t.get(key).and_then(|v| v.as_str()).map(String::from);
    let name = |slug: Option<&str>| match slug {
        Some(s) => format!("`{from}` item `{}`", shown(s)),
        None => format!("`{from}` item {}", i + 1),
    };
    let slug = text(table, "slug").ok_or_else(|| {
        format!(
            "{} has no `slug` (the last part of its page's URL)",
            name(None)
        )
    })?;
    if let Some(why) = component_problem(&slug) {
        return Err(format!(
            "{}: the slug {why} (a slug is one part of the page's URL)",
            name(Some(&slug))
        ));
    }
    let title =
        text(table, "title").ok_or_else(|| format!("{} has no `title`", name(Some(&slug))))?;
    let path = format!("{}{slug}/", section.path);
    table.insert("path".into(), toml::Value::String(path.clone()));
    if let Some(example) = table.get_mut("example").and_then(|e| e.as_table_mut()) {
        check_example(example).map_err(|msg| format!("{}: {msg}", name(Some(&slug))))?;
    }
    let dir = section.dir.clone();
    let front = FrontMatter {
        title: Some(title),
        description: text(table, "description"),
        weight: table.get("weight").and_then(|w| w.as_integer()),
        // (`None`: the nearest section's `page_template` above, else `page.html`.)
        template: section.front.page_template.clone(),
        ..FrontMatter::default()
    };
    let rel = match dir.as_str() {
        "" => format!("{slug}.md"),
        d => format!("{d}/{slug}.md"),
    };
    Ok(Source {
        file: section.file.clone(),
        rel,
        kind: Kind::Page,
        front,
        template_line: section.page_template_line,
        slug_line: Some(section.pages_from_line),
        aliases_line: None,
        pages_from_line: section.pages_from_line,
        page_template_line: section.page_template_line,
        item: Some(item.clone()),
        body: String::new(),
        body_line: 1,
        body_hash: xxhash_rust::xxh3::xxh3_64(output_file(&path).as_bytes()),
        path,
        section_dir: dir.clone(),
        dir,
        body_dropped: false,
        updated: None,
        warnings: Vec::new(),
        lang: section.lang.clone(),
        assets: Vec::new(),
    })
}

/// Classifies an item's `example` (`text`, `expect`) and adds the answer as `result`.
fn check_example(example: &mut toml::Table) -> Result<(), String> {
    let get = |key: &str| example.get(key).and_then(|v| v.as_str());
    let (Some(text), Some(expect)) = (get("text"), get("expect")) else {
        return Err("its `example` needs `text` (a bounce) and `expect` (what it must be)".into());
    };
    let (_, result) = bounce::check(text, expect)?;
    if let Some(result) = to_toml(&result) {
        example.insert("result".into(), result);
    }
    Ok(())
}

/// A JSON value as TOML, without its nulls (TOML has none: a missing key reads as none).
fn to_toml(v: &serde_json::Value) -> Option<toml::Value> {
    use serde_json::Value as J;
    Some(match v {
        J::Null => return None,
        J::Bool(b) => toml::Value::Boolean(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64().unwrap_or_default()),
        },
        J::String(s) => toml::Value::String(s.clone()),
        J::Array(a) => toml::Value::Array(a.iter().filter_map(to_toml).collect()),
        J::Object(o) => toml::Value::Table(
            o.iter()
                .filter_map(|(k, v)| Some((k.clone(), to_toml(v)?)))
                .collect(),
        ),
    })
}

/// Keys whose values a page shows as links or does not show: not searched.
const NOT_TEXT: &[&str] = &["path", "slug", "source", "link", "key", "expect", "rule"];

/// The words of an item for the search index: its texts, in order, but links, slugs and
/// the other values a page does not show as text (`NOT_TEXT`).
pub(crate) fn search_text(item: &toml::Value) -> String {
    fn walk(v: &toml::Value, out: &mut String) {
        match v {
            toml::Value::String(s) if !s.starts_with("http://") && !s.starts_with("https://") => {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(s);
            }
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            toml::Value::Table(t) => t
                .iter()
                .filter(|(k, _)| !NOT_TEXT.contains(&k.as_str()))
                .for_each(|(_, v)| walk(v, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    walk(item, &mut out);
    out
}
