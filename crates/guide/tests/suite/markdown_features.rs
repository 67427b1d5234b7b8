//! Markdown options: tables, footnotes, strikethrough, task lists, smart punctuation.
use crate::common::*;

#[test]
fn gfm_extensions_and_smart_punctuation() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "markdown/index.html");
    let article = between(&html, "<article>", "</article>");
    assert!(article.contains("<table><thead><tr><th>Level</th><th>Response</th></tr></thead>"));
    assert!(article.contains("<td>P1</td><td>15 min</td>"));
    assert!(article.contains("<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>"));
    assert!(article.contains("<div class=\"footnote-definition\" id=\"1\">"));
    assert!(article.contains("<del>Old</del>"));
    assert!(
        article.contains("“smart quotes” – with dashes…"),
        "{article}"
    );
    assert!(article.contains("<input disabled=\"\" type=\"checkbox\" checked=\"\"/>"));
}
