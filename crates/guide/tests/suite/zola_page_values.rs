//! The `page` and `section` values of a Zola site, with Zola's keys (its
//! `SerializingPage` and `SerializingSection`): `date` as written (or from the file
//! name) with `year`, `month`, `day`; `authors`; `components`; `colocated_path` and
//! `assets` of a bundle and of a section; `ancestors`; `backlinks`; `word_count` and
//! `reading_time` counted as Zola counts them (Unicode words of the markdown, code fences left out);
//! what the front matter leaves out is `null` (so `default(value=...)` applies), and
//! `updated` is the front matter's alone.
use crate::common::*;

fn built(path: &str) -> String {
    let dir = site("zola-page-values");
    let out = build(dir.path()).unwrap();
    text(&out, path).replace("&#x2F;", "/")
}

#[test]
fn a_bundle_page_has_its_date_authors_assets_and_ancestors() {
    insta::assert_snapshot!(built("blog/dated/index.html"), @r"
    title=Dated description=The site
    date=2024-03-05 ymd=2024-3-5 authors=Ann+Bo
    components=blog/dated colocated=blog/2024-03-05-dated/
    assets=/blog/2024-03-05-dated/alpha.txt /blog/2024-03-05-dated/sub/deep.css /blog/2024-03-05-dated/Zeta.png
    ancestors=_index.md blog/_index.md
    words=3 minutes=1 updated=(none)
    backlinks=
    ");
}

/// (And the pages that link to it with `@/`, as `backlinks`.)
#[test]
fn a_page_of_a_transparent_section_has_the_section_above_as_ancestor() {
    insta::assert_snapshot!(built("blog/archive/old/index.html"), @r"
    title=Old description=An old one
    date=2020-01-02T10:00:00Z ymd=2020-1-2 authors=
    components=blog/archive/old colocated=(none)
    assets=
    ancestors=_index.md blog/_index.md
    words=0 minutes=0 updated=(none)
    backlinks=(untitled) at https://example.com/loose/orphan/
    ");
}

#[test]
fn an_orphan_page_has_no_ancestors_and_null_for_what_it_leaves_out() {
    insta::assert_snapshot!(built("loose/orphan/index.html"), @r"
    title=(none) description=The site
    date= ymd=-- authors=
    components=loose/orphan colocated=(none)
    assets=
    ancestors=
    words=8 minutes=1 updated=(none)
    backlinks=
    ");
}

#[test]
fn sections_have_zolas_keys() {
    insta::assert_snapshot!(built("blog/index.html"), @r"
    title=Blog pages=Dated Old 
    ancestors=_index.md subsections=blog/archive/_index.md
    assets=/blog/cover.jpg components=blog
    transparent=false paginate_by=10 feeds=false
    ");
    insta::assert_snapshot!(built("blog/archive/index.html"), @r"
    title=Archive pages=Old 
    ancestors=_index.md blog/_index.md subsections=
    assets= components=blog/archive
    transparent=true paginate_by= feeds=false
    ");
}

#[test]
fn dates_format_in_the_locale_a_template_names() {
    let dir = site("zola-page-values");
    std::fs::write(
        dir.path().join("templates/page.html"),
        "{% if page.date %}{{ page.date | date(format=\"%d %B %Y\", locale=\"fr_FR\") }}{% endif %}",
    )
    .unwrap();
    let out = build(dir.path()).unwrap();
    assert_eq!(text(&out, "blog/dated/index.html"), "05 mars 2024");
}
