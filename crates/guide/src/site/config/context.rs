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
        ("markdown", json!(z.markdown.clone().unwrap_or_default())),
        ("search", json!(z.search)),
        ("generate_sitemap", json!(z.generate_sitemap)),
        ("generate_robots_txt", json!(z.generate_robots_txt)),
        (
            "exclude_paginated_pages_in_sitemap",
            json!(z.exclude_paginated_pages_in_sitemap),
        ),
        ("mode", json!("build")),
    ];
    for (key, value) in defaults {
        map.entry(key).or_insert(value);
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
