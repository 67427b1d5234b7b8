//! Heading ids (slugs, de-duplicated, `{#custom}`), anchor links and the table of contents.
use crate::common::*;

#[test]
fn heading_ids_are_unique_slugs_with_anchor_links() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "headings/index.html");
    let article = between(&html, "<article>", "</article>");
    // Slugs, `-1` for the second "Overview", `{#my-id}`, code kept in the title.
    insta::assert_snapshot!(article, @r##"
    <h2 id="overview">Overview <a class="anchor" href="#overview" aria-label="Link to this section: Overview">#</a></h2>
    <h3 id="details">Details <a class="anchor" href="#details" aria-label="Link to this section: Details">#</a></h3>
    <h2 id="overview-1">Overview <a class="anchor" href="#overview-1" aria-label="Link to this section: Overview">#</a></h2>
    <h2 id="my-id">Custom one <a class="anchor" href="#my-id" aria-label="Link to this section: Custom one">#</a></h2>
    <h3 id="code-in-heading"><code>code</code> in heading <a class="anchor" href="#code-in-heading" aria-label="Link to this section: code in heading">#</a></h3>
    "##);
}

#[test]
fn toc_nests_deeper_headings() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "headings/index.html");
    insta::assert_snapshot!(
        between(&html, "<ol class=\"toc\">", "</ol>"),
        @"<li>overview &gt; details</li><li>overview-1</li><li>my-id &gt; code-in-heading</li>"
    );
}
