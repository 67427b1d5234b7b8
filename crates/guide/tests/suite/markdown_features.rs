//! Markdown options: tables, footnotes, strikethrough, task lists, smart punctuation.
use crate::common::*;

#[test]
fn gfm_extensions_and_smart_punctuation() {
    let dir = site("basic");
    let out = build(dir.path()).unwrap();
    let html = text(&out, "markdown/index.html");
    let article = between(&html, "<article>", "</article>");
    // A table, a footnote, strikethrough, smart punctuation, a task list.
    insta::assert_snapshot!(article, @r##"
    <table><thead><tr><th>Level</th><th>Response</th></tr></thead><tbody>
    <tr><td>P1</td><td>15 min</td></tr>
    </tbody></table>
    <p>A claim with a footnote<sup class="footnote-reference"><a href="#1">1</a></sup>.</p>
    <div class="footnote-definition" id="1"><sup class="footnote-definition-label">1</sup>
    <p>The footnote text.</p>
    </div>
    <p><del>Old</del> text and “smart quotes” – with dashes…</p>
    <ul>
    <li><input disabled="" type="checkbox" checked=""/>
    done</li>
    <li><input disabled="" type="checkbox"/>
    open</li>
    </ul>
    "##);
}
