//! Zola's section settings: `sort_by` (date, update_date, title, title_bytes, weight,
//! slug, none), the pages each order leaves out (no date to sort by...), `page.lower`
//! and `page.higher`, `page_template` (inherited by subsections' pages), `transparent`.
use crate::common::*;

/// Every section and page of the fixture, one line each: `path: text`.
fn listing() -> String {
    let dir = site("zola-sections");
    let out = build(dir.path()).unwrap();
    out.files
        .keys()
        .filter(|k| k.ends_with("index.html") && *k != "index.html")
        .map(|k| format!("{k}: {}", text(&out, k).trim_end()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn sections_sort_and_link_their_pages_as_zola_does() {
    insta::assert_snapshot!(listing(), @r"
    blog/2020/index.html: In 2020: X
    blog/2020/x/index.html: X lower=Y higher=
    blog/index.html: Blog: Y X
    blog/y/index.html: Y lower= higher=X
    bytes/index.html: Bytes: A2 a1 a10 b
    bytes/p1/index.html: a10 lower=a1 higher=b
    bytes/p2/index.html: A2 lower= higher=a1
    bytes/p3/index.html: b lower=a10 higher=
    bytes/p4/index.html: a1 lower=A2 higher=a10
    dated/a/index.html: A lower=B higher=D
    dated/b/index.html: B lower= higher=A
    dated/c/index.html: C lower= higher=
    dated/d/index.html: D lower=A higher=
    dated/index.html: Dated: B A D
    plain/index.html: Plain: Zed Ex Why
    plain/x/index.html: Ex lower= higher=
    plain/y/index.html: Why lower= higher=
    plain/z/index.html: Zed lower= higher=
    slugs/b/index.html: Bee lower= higher=Nine
    slugs/index.html: Slugs: Bee Nine Ten
    slugs/item-10/index.html: Ten lower=Nine higher=
    slugs/item-9/index.html: Nine lower=Bee higher=Ten
    titled/index.html: Titled: a1 A2 a10 b
    titled/p1/index.html: a10 lower=A2 higher=b
    titled/p2/index.html: A2 lower=a1 higher=a10
    titled/p3/index.html: b lower=a10 higher=
    titled/p4/index.html: a1 lower= higher=A2
    tmpl/index.html: Templated: Own P
    tmpl/own/index.html: Own lower= higher=
    tmpl/p/index.html: custom: P
    tmpl/sub/index.html: Sub: Q
    tmpl/sub/q/index.html: custom: Q
    updates/index.html: Updates: Old New
    updates/new/index.html: New lower=Old higher=
    updates/old/index.html: Old lower= higher=New
    weighted/h/index.html: Heavy lower=Middle higher=
    weighted/index.html: Weighted: Light Middle Heavy
    weighted/l/index.html: Light lower= higher=Middle
    weighted/m/index.html: Middle lower=Light higher=Heavy
    weighted/n/index.html: None lower= higher=
    ");
}
