//! Heading ids (slugs, de-duplicated, `{#custom}`), anchor links and the table of contents.
use crate::common::*;

#[test]
fn heading_ids_are_unique_slugs_with_anchor_links() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "headings/index.html");
    let article = between(&html, "<article>", "</article>");
    assert_eq!(
        attr_values(article, "id"),
        [
            "overview",
            "details",
            "overview-1",
            "my-id",
            "code-in-heading"
        ]
    );
    assert!(article.contains(
        "<h2 id=\"overview-1\">Overview <a class=\"anchor\" href=\"#overview-1\" \
         aria-label=\"Link to this section: Overview\">#</a></h2>"
    ));
    assert!(article.contains("<h3 id=\"code-in-heading\"><code>code</code> in heading"));
}

#[test]
fn toc_nests_deeper_headings() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "headings/index.html");
    assert!(
        html.contains(
            "<ol class=\"toc\"><li>overview &gt; details</li><li>overview-1</li>\
         <li>my-id &gt; code-in-heading</li></ol>"
        ),
        "{html}"
    );
}
