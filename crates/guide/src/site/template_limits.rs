//! Limits that keep any template from crashing the build. Tera has none: its parser
//! and renderer recurse once per nesting level, per bracket, per include and per macro
//! call, so a template that includes itself, a macro that calls itself without end, or
//! a few thousand nested `{% if %}` overflow the thread's stack, which aborts the whole
//! process (`build`, `check` and `serve` alike), naming no file.
//!
//! - Before Tera parses a text, [`check_nesting`] reads its tags (a linear scan) and
//!   refuses more than [`MAX_NESTING`] nested block tags, or more than [`MAX_BRACKETS`]
//!   nested brackets in one tag, at the line where the limit is passed. What Tera then
//!   parses is bounded, and so is the stack it takes.
//! - What only rendering can tell (recursion through macros, includes and blocks) is
//!   bounded by a guard function called first in every macro body, every template and
//!   every block ([`install_guards`] puts the call in the parsed templates): when less
//!   than [`RESERVE`] of the thread's stack is left, it fails with [`TooDeep`], naming
//!   where the recursion was entered. Between two guards the stack used is bounded by
//!   the nesting limits, which the reserve covers.
//! - Templates are parsed and rendered on threads with [`STACK_SIZE`] of stack, so legit
//!   recursion (a macro walking a deep navigation tree) has room.
use std::collections::HashMap;

use tera::ast::{Expr, ExprVal, FunctionCall, Node, WS};
use tera::{Tera, Value};

/// Most block tags (`if`, `for`, `block`, `macro`, `filter`) open inside each other.
pub const MAX_NESTING: usize = 64;
/// Most brackets (`(`, `[`) open inside each other in one tag.
pub const MAX_BRACKETS: usize = 32;
/// Stack of the threads that parse and render templates.
pub const STACK_SIZE: usize = 64 << 20;
/// Stack kept free: the guard fails when less is left. Between two guards a render
/// nests at most [`MAX_NESTING`] tags and [`MAX_BRACKETS`] brackets, which take less
/// than 512 KiB even in a debug build: twice that is kept.
pub const RESERVE: usize = 1 << 20;

/// Name of the guard function the templates call.
const GUARD: &str = "__guide_recursion_guard";

/// A text nests too deeply: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nesting {
    /// 1-based line of the tag that passes the limit.
    pub line: usize,
    pub message: String,
}

/// The tag kinds that open and close a nesting level.
const OPENING: [&str; 5] = ["if", "for", "block", "macro", "filter"];
const CLOSING: [&str; 5] = ["endif", "endfor", "endblock", "endmacro", "endfilter"];

/// Checks that `text` nests block tags at most [`MAX_NESTING`] deep and brackets at most
/// [`MAX_BRACKETS`] deep in any one tag. Linear in the text, whatever it holds.
pub fn check_nesting(text: &str) -> Result<(), Nesting> {
    let bytes = text.as_bytes();
    let line_at = |pos: usize| bytes[..pos].iter().filter(|b| **b == b'\n').count() + 1;
    let mut depth = 0usize;
    let mut pos = 0;
    while let Some(start) = memchr::memmem::find(&bytes[pos..], b"{").map(|i| pos + i) {
        let kind = bytes.get(start + 1).copied();
        let body = start + 2;
        match kind {
            Some(b'#') => {
                pos = memchr::memmem::find(&bytes[body..], b"#}")
                    .map_or(bytes.len(), |i| body + i + 2);
            }
            Some(b'{') | Some(b'%') => {
                let close = if kind == Some(b'{') { b'}' } else { b'%' };
                let (end, brackets) = scan_tag(bytes, body, close);
                if brackets > MAX_BRACKETS {
                    return Err(Nesting {
                        line: line_at(start),
                        message: format!(
                            "brackets nested more than {MAX_BRACKETS} deep in one tag"
                        ),
                    });
                }
                pos = end;
                if kind == Some(b'%') {
                    let word = tag_word(&bytes[body..end.max(body)]);
                    if word == b"raw" {
                        pos = end_of_raw(bytes, end);
                    } else if OPENING.iter().any(|w| w.as_bytes() == word) {
                        depth += 1;
                        if depth > MAX_NESTING {
                            return Err(Nesting {
                                line: line_at(start),
                                message: format!(
                                    "tags nested more than {MAX_NESTING} deep (`{{% {} %}}` \
                                     inside {MAX_NESTING} others)",
                                    String::from_utf8_lossy(word)
                                ),
                            });
                        }
                    } else if CLOSING.iter().any(|w| w.as_bytes() == word) {
                        depth = depth.saturating_sub(1);
                    }
                }
            }
            _ => pos = start + 1,
        }
    }
    Ok(())
}

/// From `from` (just after `{{` or `{%`), the end of the tag (after `}}` / `%}`, or the
/// end of the text) and the deepest bracket nesting in it. Strings are skipped: Tera's
/// have no escapes, so a string ends at its next quote.
fn scan_tag(bytes: &[u8], from: usize, close: u8) -> (usize, usize) {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'' | b'`') => {
                i = memchr::memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |j| i + 1 + j);
            }
            b'(' | b'[' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b')' | b']' => depth = depth.saturating_sub(1),
            c if c == close && bytes.get(i + 1) == Some(&b'}') => return (i + 2, deepest),
            _ => {}
        }
        i += 1;
    }
    (bytes.len(), deepest)
}

/// The keyword of a tag from just after its `{%` (`- if x -%}` -> `if`).
fn tag_word(tag: &[u8]) -> &[u8] {
    let start = tag
        .iter()
        .position(|b| !(*b == b'-' || b.is_ascii_whitespace()))
        .unwrap_or(tag.len());
    let rest = &tag[start..];
    let len = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
        .unwrap_or(rest.len());
    &rest[..len]
}

/// The end of the `{% endraw %}` tag after `from`, or the end of the text.
fn end_of_raw(bytes: &[u8], from: usize) -> usize {
    let mut pos = from;
    while let Some(i) = memchr::memmem::find(&bytes[pos..], b"{%").map(|i| pos + i) {
        let inner_end =
            memchr::memmem::find(&bytes[i + 2..], b"%}").map_or(bytes.len(), |j| i + 2 + j);
        let inner = &bytes[i + 2..inner_end];
        let trimmed: Vec<u8> = inner
            .iter()
            .copied()
            .filter(|b| !(*b == b'-' || b.is_ascii_whitespace()))
            .collect();
        if trimmed == b"endraw" {
            return (inner_end + 2).min(bytes.len());
        }
        pos = i + 2;
    }
    bytes.len()
}

/// Recursion went deeper than the stack allows: `what` (a macro, a template, a block)
/// of `template` was entered once too often.
#[derive(Debug, Clone, thiserror::Error)]
#[error("recursion too deep: {what} of {template} was entered again and again until the stack ran short (it calls or includes itself without end?)")]
pub struct TooDeep {
    pub template: String,
    pub what: String,
}

/// The [`TooDeep`] in a render error's causes, if that is what stopped it.
pub fn too_deep(err: &tera::Error) -> Option<&TooDeep> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(t) = e.downcast_ref::<TooDeep>() {
            return Some(t);
        }
        cur = e.source();
    }
    None
}

struct Guard;

impl tera::Function for Guard {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let left = stacker::remaining_stack().unwrap_or(usize::MAX);
        if left >= RESERVE {
            return Ok(Value::String(String::new()));
        }
        let arg = |k: &str| {
            args.get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let err = TooDeep {
            template: arg("template"),
            what: arg("what"),
        };
        Err(tera::Error::chain(err.to_string(), err))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A `{{ __guide_recursion_guard(template=.., what=..) }}` node.
fn guard_node(template: &str, what: &str) -> Node {
    let arg = |s: &str| Expr::new(ExprVal::String(s.to_string()));
    let args = HashMap::from([
        ("template".to_string(), arg(template)),
        ("what".to_string(), arg(what)),
    ]);
    let call = FunctionCall {
        name: GUARD.to_string(),
        args,
    };
    Node::VariableBlock(WS::default(), Expr::new(ExprVal::FunctionCall(call)))
}

/// Registers the guard and puts its call first in every macro, block and template of
/// `tera` (call again after adding templates: the ones already guarded are left as
/// they are).
pub fn install_guards(tera: &mut Tera) {
    let names: Vec<String> = tera.get_template_names().map(str::to_string).collect();
    for name in names {
        guard_template(tera, &name);
    }
}

fn is_guard(nodes: &[Node]) -> bool {
    matches!(nodes.first(), Some(Node::VariableBlock(_, Expr { val: ExprVal::FunctionCall(f), .. })) if f.name == GUARD)
}

/// Puts the guard first in template `name`, its macros and its blocks (and registers
/// the guard function).
pub fn guard_template(tera: &mut Tera, name: &str) {
    if !tera.functions.contains_key(GUARD) {
        tera.register_function(GUARD, Guard);
    }
    // (Tera keeps its parsed templates in a public field it hides from the docs: the
    // only way to add a node after parsing.)
    let Some(t) = tera.templates.get_mut(name) else {
        return;
    };
    if !is_guard(&t.ast) {
        t.ast.insert(0, guard_node(name, "the template"));
    }
    for (macro_name, m) in t.macros.iter_mut() {
        if !is_guard(&m.body) {
            m.body
                .insert(0, guard_node(name, &format!("macro `{macro_name}`")));
        }
    }
    for (block_name, b) in t.blocks.iter_mut() {
        if !is_guard(&b.body) {
            b.body
                .insert(0, guard_node(name, &format!("block `{block_name}`")));
        }
    }
    for (block_name, defs) in t.blocks_definitions.iter_mut() {
        for (from, b) in defs.iter_mut() {
            if !is_guard(&b.body) {
                b.body
                    .insert(0, guard_node(from, &format!("block `{block_name}`")));
            }
        }
    }
}

/// Runs `f` in a thread pool whose threads have [`STACK_SIZE`] of stack (a build's
/// parallel work, templates among it, then runs there); on the caller's thread when no
/// such pool can be made.
pub fn in_big_stack_pool<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    match rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .thread_name(|i| format!("build-{i}"))
        .build()
    {
        Ok(pool) => pool.install(f),
        Err(_) => f(),
    }
}

/// Runs `f` on a thread with [`STACK_SIZE`] of stack; `None` if the thread could not
/// start.
#[cfg(test)]
pub fn with_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> Option<T> {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("templates".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(s, f)
            .ok()?
            .join()
            .ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tera::Context;

    fn nested_ifs(n: usize) -> String {
        format!("{}x{}", "{% if true %}".repeat(n), "{% endif %}".repeat(n))
    }

    #[test]
    fn nesting_is_counted_by_tags_not_by_text() {
        assert_eq!(check_nesting(&nested_ifs(MAX_NESTING)), Ok(()));
        let deep = format!("a\nb\n{}", nested_ifs(100_000));
        let err = check_nesting(&deep).unwrap_err();
        assert_eq!(err.line, 3);
        // Tags in strings, comments and raw blocks are not tags.
        let quoted = format!("{{{{ \"{}\" }}}}", "{% if x %}".repeat(200));
        assert_eq!(check_nesting(&quoted), Ok(()));
        let commented = format!("{{# {} #}}", "{% if x %}".repeat(200));
        assert_eq!(check_nesting(&commented), Ok(()));
        let raw = format!("{{% raw %}}{}{{%- endraw -%}}", "{% if x %}".repeat(200));
        assert_eq!(check_nesting(&raw), Ok(()));
        // Siblings are not nested.
        let siblings = "{% if a %}x{% endif %}".repeat(1000);
        assert_eq!(check_nesting(&siblings), Ok(()));
        let parens = format!("{{{{ {}1{} }}}}", "(".repeat(33), ")".repeat(33));
        assert!(check_nesting(&parens).is_err());
        let arrays = format!("{{% set a = {}1{} %}}", "[".repeat(32), "]".repeat(32));
        assert_eq!(check_nesting(&arrays), Ok(()));
        // Unterminated: still bounded.
        assert!(check_nesting(&format!("{{{{ {}", "(".repeat(40))).is_err());
        assert_eq!(check_nesting("{{ \"unterminated"), Ok(()));
    }

    fn render(templates: &[(&str, &str)], name: &str) -> Result<String, tera::Error> {
        let templates: Vec<(String, String)> = templates
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let name = name.to_string();
        with_big_stack(move || {
            let mut tera = Tera::default();
            tera.add_raw_templates(templates)?;
            install_guards(&mut tera);
            tera.render(&name, &Context::new())
        })
        .unwrap()
    }

    #[test]
    fn endless_recursion_is_an_error_naming_where_it_was_entered() {
        let err = render(
            &[
                (
                    "m.html",
                    "{% macro f(n) %}{{ self::f(n=n+1) }}{% endmacro f %}",
                ),
                ("p.html", "{% import \"m.html\" as m %}{{ m::f(n=0) }}"),
            ],
            "p.html",
        )
        .unwrap_err();
        let deep = too_deep(&err).expect("a TooDeep cause");
        assert_eq!(
            (deep.template.as_str(), deep.what.as_str()),
            ("m.html", "macro `f`")
        );

        let err = render(&[("i.html", "a{% include \"i.html\" %}")], "i.html").unwrap_err();
        assert_eq!(too_deep(&err).unwrap().template, "i.html");
    }

    #[test]
    fn bounded_recursion_and_guarded_output_are_unchanged() {
        let templates = [
            (
                "m.html",
                "{% macro f(n) %}{{ n }}{% if n > 0 %},{{ self::f(n=n-1) }}{% endif %}{% endmacro f %}",
            ),
            ("b.html", "<{% block x %}base{% endblock x %}>"),
            (
                "p.html",
                "{% extends \"b.html\" %}{% import \"m.html\" as m %}{% block x %}{{ m::f(n=300) }}{% endblock x %}",
            ),
            (
                "s.html",
                "{% extends \"b.html\" %}{% block x %}{{ super() }}!{% include \"i.html\" %}{% endblock x %}",
            ),
            ("i.html", "-{{ 1 + 1 }}"),
        ];
        let out = render(&templates, "p.html").unwrap();
        assert!(out.starts_with("<300,299,"), "{out}");
        assert!(out.ends_with(",1,0>"), "{out}");
        assert_eq!(render(&templates, "s.html").unwrap(), "<base!-2>");
    }
}
