//! Translations as Zola makes them: with `[languages.fr]` configured, `page.fr.md` and
//! `_index.fr.md` are French, at `/fr/...`, listed in the French section; templates see
//! `lang`, `page.lang`, `page.translations` (the same file in every language, itself included, as Zola
//! lists it) and
//! the language's `config.title`. `<!-- more -->` ends `page.summary`.
use crate::common::*;

/// (`page.translations` holds the page itself too, as in Zola 0.22.)
#[test]
fn a_translated_page_is_at_its_language_url_with_its_translations() {
    let dir = site("zola-content");
    let out = build(dir.path()).unwrap();
    let fr = text(&out, "fr/blog/blank-lines/index.html");
    assert!(
        fr.contains(
            "<p class=\"lang\">fr|fr|Site en français|en After blank lines \
             https://zola.example.org/blog/blank-lines/ blog/blank-lines.md;fr Après des lignes vides \
             https://zola.example.org/fr/blog/blank-lines/ blog/blank-lines.fr.md;</p>"
        ),
        "{fr}"
    );
    let en = text(&out, "blog/blank-lines/index.html");
    assert!(
        en.contains(
            "<p class=\"lang\">en|en|Zola Fixture|en After blank lines \
             https://zola.example.org/blog/blank-lines/ blog/blank-lines.md;fr Après des lignes vides \
             https://zola.example.org/fr/blog/blank-lines/ blog/blank-lines.fr.md;</p>"
        ),
        "{en}"
    );
    // Each section lists the pages of its own language.
    assert!(text(&out, "fr/blog/index.html")
        .contains("<p class=\"lang\">fr|Après des lignes vides;</p>"));
    assert!(!text(&out, "blog/index.html").contains("Après"));
}

#[test]
fn the_summary_is_what_comes_before_more() {
    let dir = site("zola-content");
    let out = build(dir.path()).unwrap();
    let fr = text(&out, "fr/blog/blank-lines/index.html");
    assert!(
        fr.contains("<p class=\"summary\"><p>Le début.</p></p>"),
        "{fr}"
    );
    assert!(fr.contains("<span id=\"continue-reading\"></span>"), "{fr}");
    let en = text(&out, "blog/blank-lines/index.html");
    assert!(en.contains("<p class=\"summary\">none</p>"), "{en}");
}

#[test]
fn a_translated_bundle_has_its_files_and_each_language_a_home_page() {
    let dir = site("zola-content");
    let bundle = dir.path().join("content/blog/bundle");
    std::fs::create_dir_all(&bundle).unwrap();
    std::fs::write(bundle.join("index.md"), "+++\ntitle = \"B\"\n+++\n").unwrap();
    std::fs::write(bundle.join("index.fr.md"), "+++\ntitle = \"B fr\"\n+++\n").unwrap();
    std::fs::write(bundle.join("some.js"), "x();\n").unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(text(&out, "blog/bundle/some.js"), "x();\n");
    assert_eq!(text(&out, "fr/blog/bundle/some.js"), "x();\n");
    // A bundle with a `path` has them at its URL instead.
    std::fs::write(
        bundle.join("index.md"),
        "+++\ntitle = \"B\"\npath = \"elsewhere\"\n+++\n",
    )
    .unwrap();
    std::fs::create_dir_all(bundle.join("sub")).unwrap();
    std::fs::write(bundle.join("sub/n.txt"), "n\n").unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(text(&out, "elsewhere/some.js"), "x();\n");
    assert_eq!(text(&out, "elsewhere/sub/n.txt"), "n\n");
    assert_eq!(text(&out, "fr/blog/bundle/sub/n.txt"), "n\n");
    // As in Zola, no page is at the folder's own URL: none of its files are there.
    assert!(
        !out.files.keys().any(|k| k.starts_with("blog/bundle/")),
        "{:?}",
        out.files.keys().collect::<Vec<_>>()
    );
    // No `content/_index.fr.md`: the French home page is made all the same.
    assert!(out.files.contains_key("fr/index.html"));
}
