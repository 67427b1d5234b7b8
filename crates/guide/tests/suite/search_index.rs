//! The full-text search index: a word in a page body finds that page, read back through
//! the written files (entry, term chunks, fragments) by a decoder of the test's own.
use crate::common::search::{bytes, Index};
use crate::common::{build, site, text as text_of};

fn add_page(root: &std::path::Path, name: &str, front: &str, body: &str) {
    std::fs::write(
        root.join(format!("content/{name}.md")),
        format!("+++\ntitle = \"{name}\"\n{front}+++\n{body}\n"),
    )
    .unwrap();
}

#[test]
fn a_word_in_one_page_body_finds_that_page() {
    let dir = site("basic");
    let index_before = build(dir.path()).unwrap();
    assert!(Index::new(&index_before).find("frob4nicate").is_empty());
    std::fs::write(
        dir.path().join("content/about.md"),
        "+++\ntitle = \"About\"\nslug = \"about-us\"\n+++\n\nWe run mail servers and \
         frob4nicate queues at zen.frob4nitz.example after a 4.7.28 reply.\n",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    let index = Index::new(&out);
    for query in [
        "frob4nicate",
        "Frob4nicate",
        "4.7.28",
        "4728",
        "zen.frob4nitz.example",
        "frob4nitz.example",
        "frob4nitz",
    ] {
        assert_eq!(index.find(query), ["/about-us/"], "{query}");
    }
    let fragment = index.fragment(index.docs("frob4nicate")[0]);
    assert_eq!(fragment["t"], "About");
    assert!(
        fragment["s"][0][2]
            .as_str()
            .unwrap()
            .contains("frob4nicate queues"),
        "{fragment}"
    );
}

#[test]
fn headings_are_sections_with_their_ids() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let index = Index::new(&out);
    let docs = index.find("custom one");
    assert_eq!(docs, ["/headings/"]);
    let fragment = index.fragment(index.docs("custom")[0]);
    let sections = fragment["s"].as_array().unwrap();
    assert!(
        sections
            .iter()
            .any(|s| s[0] == "my-id" && s[1] == "Custom one"),
        "{fragment}"
    );
}

#[test]
fn a_page_can_opt_out_and_the_site_can_turn_the_index_off() {
    let dir = site("basic");
    add_page(
        dir.path(),
        "hidden",
        "in_search_index = false\n",
        "Zyxwvut.",
    );
    add_page(dir.path(), "shown", "", "Zyxwvut.");
    let out = build(dir.path()).unwrap();
    assert_eq!(Index::new(&out).find("zyxwvut"), ["/shown/"]);

    let config = dir.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("build_search_index = false\n{text}")).unwrap();
    let out = build(dir.path()).unwrap();
    assert!(
        !out.files.keys().any(|p| p.starts_with("search/")),
        "{:?}",
        out.files.keys().collect::<Vec<_>>()
    );
}

#[test]
fn an_edit_of_one_page_changes_the_index_not_the_other_pages() {
    let dir = site("basic");
    let before = build(dir.path()).unwrap();
    let page = dir.path().join("content/markdown.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\nQuux9ly frobbed.\n")).unwrap();
    let after = build(dir.path()).unwrap();
    // The entry (linked by its plain name) changes; other pages do not.
    assert_ne!(
        bytes(&before, "search/index.bin"),
        bytes(&after, "search/index.bin")
    );
    assert_eq!(Index::new(&after).find("quux9ly"), ["/markdown/"]);
    assert_eq!(
        text_of(&before, "about-us/index.html"),
        text_of(&after, "about-us/index.html")
    );
}

#[test]
fn a_big_site_is_cut_into_chunks_and_every_page_is_found() {
    let dir = site("basic");
    // 400 pages of made-up words (digits keep them unstemmed): many keys, several chunks.
    for n in 0..400 {
        let body: Vec<String> = (0..60)
            .map(|i| format!("w{}q", (n * 7 + i * 13) % 900))
            .collect();
        add_page(
            dir.path(),
            &format!("gen-{n:03}"),
            "",
            &format!("{} only{n}here", body.join(" ")),
        );
    }
    let out = build(dir.path()).unwrap();
    let index = Index::new(&out);
    assert!(index.chunks().len() > 1, "{:?}", index.chunks());
    for n in [0, 137, 255, 399] {
        assert_eq!(
            index.find(&format!("only{n}here")),
            [format!("/gen-{n:03}/")]
        );
    }
    // A key on more pages than one: every page that has it.
    let w = index.find("w13q");
    let expected = (0..400)
        .filter(|n| (0..60).any(|i| (n * 7 + i * 13) % 900 == 13))
        .count();
    assert_eq!(w.len(), expected);
}

/// The `zola-markdown` fixture with `build_search_index` and these `[search]` lines.
fn zola_site_with_search(search: &str) -> tempfile::TempDir {
    let dir = site("zola-markdown");
    let config = dir.path().join("config.toml");
    let written = std::fs::read_to_string(&config).unwrap();
    let config_text = format!("build_search_index = true\n{written}\n[search]\n{search}");
    std::fs::write(&config, config_text).unwrap();
    dir
}

/// The elasticlunr index of `search_index.en.js` (as Zola writes it: no semicolon, no
/// newline at the end).
fn zola_index(out: &guide::site::Output) -> serde_json::Value {
    let js = text_of(out, "search_index.en.js");
    let json = js.strip_prefix("window.searchIndex = ").unwrap();
    serde_json::from_str(json).unwrap()
}

/// Zola's own index, for a site written for Zola whose templates do not link ours: the
/// files its themes read, and not ours.
#[test]
fn a_zola_site_gets_zolas_index_and_its_library() {
    let dir = zola_site_with_search("");
    add_page(
        dir.path(),
        "hidden",
        "in_search_index = false\n",
        "Quietly.",
    );
    let out = build(dir.path()).unwrap();
    assert!(!out.files.keys().any(|p| p.starts_with("search/")));
    assert!(text_of(&out, "elasticlunr.min.js").contains("elasticlunr"));
    let index = zola_index(&out);
    let docs = index["documentStore"]["docs"].as_object().unwrap();
    assert_eq!(
        docs["https://example.com/page/"]["title"], "Page",
        "{docs:?}"
    );
    assert!(docs.contains_key("https://example.com/"), "{docs:?}");
    assert!(
        !docs.contains_key("https://example.com/hidden/"),
        "{docs:?}"
    );
}

/// `include_date`: a page's date as Zola writes it there, RFC 3339 (UTC for a date
/// alone, a written offset kept); a section has none, so its later values move up a
/// field, as in Zola.
#[test]
fn a_zola_index_dates_pages_in_rfc_3339() {
    let dir = zola_site_with_search("include_date = true\n");
    add_page(dir.path(), "dated", "date = 2024-03-05\n", "Deferred mail.");
    add_page(
        dir.path(),
        "timed",
        "date = 2024-03-05T10:20:30+02:00\n",
        "Later.",
    );
    let out = build(dir.path()).unwrap();
    let index = zola_index(&out);
    assert_eq!(
        index["fields"],
        serde_json::json!(["title", "date", "body"])
    );
    let docs = &index["documentStore"]["docs"];
    let page = &docs["https://example.com/dated/"];
    assert_eq!(page["date"], "2024-03-05T00:00:00Z", "{page}");
    assert_eq!(page["body"], "Deferred mail.", "{page}");
    let timed = &docs["https://example.com/timed/"]["date"];
    assert_eq!(timed, "2024-03-05T10:20:30+02:00");
    assert!(docs["https://example.com/"].get("body").is_none(), "{docs}");
}

/// `index_format = "fuse_json"` / `"fuse_javascript"`: Zola's Fuse.js list, one object
/// per section and per page its section lists (`url`, `title`, `body`: the text without
/// tags, one line per block), and no elasticlunr library.
#[test]
fn a_zola_site_gets_fuse_indexes_in_either_format() {
    let dir = zola_site_with_search("index_format = \"fuse_json\"\n");
    let config = dir.path().join("config.toml");
    std::fs::write(
        dir.path().join("content/page.md"),
        "+++\ntitle = \"Page\"\n+++\nDeferred *mail*.\n\n## Retry\n",
    )
    .unwrap();
    add_page(
        dir.path(),
        "hidden",
        "in_search_index = false\n",
        "Quietly.",
    );
    let out = build(dir.path()).unwrap();
    assert!(!out.files.contains_key("elasticlunr.min.js"));
    let list: serde_json::Value =
        serde_json::from_str(&text_of(&out, "search_index.en.json")).unwrap();
    assert_eq!(
        list,
        serde_json::json!([
            {"url": "https://example.com/", "title": "", "body": ""},
            {"url": "https://example.com/page/", "title": "Page", "body": "Deferred mail.\nRetry"},
        ])
    );
    let config_text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("fuse_json", "fuse_javascript");
    std::fs::write(&config, config_text).unwrap();
    let out = build(dir.path()).unwrap();
    assert!(!out.files.contains_key("search_index.en.json"));
    let js = text_of(&out, "search_index.en.js");
    let json = js.strip_prefix("window.searchIndex = [").unwrap();
    assert!(
        json.starts_with("{\"url\":\"https://example.com/\""),
        "{js}"
    );
}
