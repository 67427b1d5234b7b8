//! `config` as templates see it: the whole file as written (our own keys too), with
//! what Zola's templates may read and the file does not say filled in as Zola does
//! (`config.description` is there, empty, when the file has none), and the title and
//! description of the language being rendered.
use serde_json::{json, Map, Value};

use crate::site::config::Config;

/// The `config` value for pages of `lang`.
pub(super) fn value(config: &Config, lang: &str) -> Value {
    let mut map: Map<String, Value> = match serde_json::to_value(&config.table) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let z = &config.zola;
    let other = z.languages.get(lang).filter(|_| lang != z.default_language);
    let title = other
        .and_then(|l| l.title.clone())
        .or_else(|| z.title.clone());
    let description = other
        .and_then(|l| l.description.clone())
        .or_else(|| z.description.clone());
    // Zola lists the languages other than the one being rendered.
    let mut languages: Map<String, Value> = z
        .languages
        .iter()
        .filter(|(code, _)| code.as_str() != lang)
        .map(|(code, l)| (code.clone(), json!(l)))
        .collect();
    if lang != z.default_language {
        languages.insert(
            z.default_language.clone(),
            json!({
                "title": z.title, "description": z.description,
                "generate_feeds": z.generate_feeds, "feed_filenames": z.feed_filenames,
                "taxonomies": z.taxonomies, "build_search_index": config.build_search_index,
                "search": z.search, "translations": z.translations,
            }),
        );
    }
    let generate_feeds = other.map_or(z.generate_feeds, |l| l.generate_feeds);
    let defaults = [
        ("title", json!(title)),
        ("description", json!(description)),
        ("default_language", json!(z.default_language)),
        ("languages", Value::Object(languages)),
        ("generate_feed", json!(generate_feeds)),
        ("generate_feeds", json!(generate_feeds)),
        ("feed_filenames", json!(z.feed_filenames)),
        (
            "taxonomies",
            json!(other.map_or(&z.taxonomies, |l| &l.taxonomies)),
        ),
        ("author", json!(z.author)),
        ("extra", json!(z.extra)),
        ("markdown", markdown(config)),
        ("search", search(config)),
        ("generate_sitemap", json!(z.generate_sitemap)),
        ("generate_robots_txt", json!(z.generate_robots_txt)),
        (
            "exclude_paginated_pages_in_sitemap",
            json!(z.exclude_paginated_pages_in_sitemap),
        ),
        ("mode", json!("build")),
    ];
    for (key, value) in defaults {
        match (map.get_mut(key), value) {
            // A table the file has: Zola's keys it does not say are added.
            (Some(Value::Object(written)), Value::Object(all)) => fill(written, all),
            (Some(_), _) => {}
            (None, value) => {
                map.insert(key.to_string(), value);
            }
        }
    }
    if other.is_some() {
        map.insert("title".into(), json!(title));
        map.insert("description".into(), json!(description));
        map.insert("generate_feeds".into(), json!(generate_feeds));
    }
    map.insert(
        "build_search_index".into(),
        json!(config.build_search_index),
    );
    Value::Object(map)
}

/// Adds to `written` the keys of `all` it does not have (in tables it has too).
fn fill(written: &mut Map<String, Value>, all: Map<String, Value>) {
    for (key, value) in all {
        match (written.get_mut(&key), value) {
            (Some(Value::Object(w)), Value::Object(a)) => fill(w, a),
            (Some(_), _) => {}
            (None, value) => {
                written.insert(key, value);
            }
        }
    }
}

/// `config.markdown` with every key of Zola's and its default value (templates may test
/// `config.markdown.render_emoji` on a site that does not set it).
fn markdown(config: &Config) -> Value {
    let mut all = match serde_json::to_value(&config.markdown) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let written = config.zola.markdown.as_ref();
    let highlighting = match written.and_then(|m| m.get("highlighting")) {
        Some(_) => json!({
            "error_on_missing_language": false, "style": "inline",
            "extra_grammars": [], "extra_themes": [],
        }),
        None => Value::Null,
    };
    all.insert("highlighting".into(), highlighting);
    let mut value = match written.map(serde_json::to_value) {
        Some(Ok(Value::Object(m))) => m,
        _ => Map::new(),
    };
    fill(&mut value, all);
    Value::Object(value)
}

/// `config.search`: Zola's `index_format` (the default when the file has none).
fn search(config: &Config) -> Value {
    let mut value = match serde_json::to_value(&config.zola.search) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    value
        .entry("index_format")
        .or_insert(json!("elasticlunr_javascript"));
    Value::Object(value)
}
