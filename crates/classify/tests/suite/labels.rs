//! The one table of display names (`classify::labels`): complete, distinct, the same in
//! the JSON the widget sends, in the template context and in the classifier's sentences.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use classify::labels::{Labels, JSON};
use classify::{Blocklist, BounceKind, Category, Context, Isp, Severity};
use serde::Serialize;
use serde_json::Value;

fn spelled<T: Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

/// Every value's label is non-empty and no two values of a type share one.
fn distinct<T: Copy + std::fmt::Debug>(all: &[T], label: fn(T) -> &'static str) {
    let mut seen = HashSet::new();
    for v in all {
        let l = label(*v);
        assert!(!l.trim().is_empty(), "{v:?} has an empty label");
        assert!(seen.insert(l), "{v:?} shares the label {l:?}");
    }
}

#[test]
fn every_value_has_a_non_empty_distinct_label() {
    distinct(Category::ALL, Category::label);
    distinct(Isp::ALL, Isp::label);
    distinct(Blocklist::ALL, Blocklist::label);
}

#[test]
fn as_str_is_the_json_spelling_of_every_value() {
    for v in Category::ALL {
        assert_eq!(v.as_str(), spelled(v));
    }
    for v in Isp::ALL {
        assert_eq!(v.as_str(), spelled(v));
    }
    for v in Blocklist::ALL {
        assert_eq!(v.as_str(), spelled(v));
    }
    for v in BounceKind::ALL {
        assert_eq!(v.as_str(), spelled(v));
    }
    for v in Severity::ALL {
        assert_eq!(v.as_str(), spelled(v));
    }
}

#[test]
fn the_widgets_json_is_the_template_contexts_object_and_holds_every_label() {
    let sent: Value = serde_json::from_str(JSON).expect("labels::JSON is valid JSON");
    assert_eq!(sent, serde_json::to_value(Labels).unwrap());
    fn table<T: Copy>(
        all: &[T],
        as_str: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
    ) -> Value {
        all.iter()
            .map(|v| (as_str(*v).to_owned(), Value::from(label(*v))))
            .collect::<serde_json::Map<_, _>>()
            .into()
    }
    let want = serde_json::json!({
        "category": table(Category::ALL, Category::as_str, Category::label),
        "isp": table(Isp::ALL, Isp::as_str, Isp::label),
        "blocklist": table(Blocklist::ALL, Blocklist::as_str, Blocklist::label),
    });
    assert_eq!(sent, want);
}

#[test]
fn the_classifiers_sentences_use_the_same_names() {
    let c = classify::classify(
        "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your \
         Internet service provider since part of their network is on our block list (S3150).",
        &Context::default(),
    );
    assert_eq!(c.blocklist, Some(Blocklist::Microsoft));
    assert_eq!(c.isp, Some(Isp::Outlook));
    for name in [Blocklist::Microsoft.label(), Isp::Outlook.label()] {
        assert!(c.title.contains(name), "{name:?} not in {:?}", c.title);
    }
    assert!(
        c.reasons[0].contains(Blocklist::Microsoft.label()),
        "{:?}",
        c.reasons
    );

    let c = classify::classify(
        "550 5.7.1 blocked using zen.spamhaus.org",
        &Context::default(),
    );
    assert!(
        c.reasons[0].contains(Blocklist::Spamhaus.label()),
        "{:?}",
        c.reasons
    );
}

/// Every (spelling, label) pair of the three tables.
fn pairs() -> Vec<(&'static str, &'static str)> {
    let mut all = Vec::new();
    all.extend(Category::ALL.iter().map(|v| (v.as_str(), v.label())));
    all.extend(Isp::ALL.iter().map(|v| (v.as_str(), v.label())));
    all.extend(Blocklist::ALL.iter().map(|v| (v.as_str(), v.label())));
    all
}

/// The copies of display labels in one file's text: a label that could only be ours
/// (`Outlook / Microsoft 365`, `Microsoft's block list`), or a spelling written as a
/// string or an object key with its label right after it (`gmail: 'Gmail'`,
/// `v == "sorbs" %}SORBS`), which is how a table of them looks in JavaScript or Tera.
fn label_copies(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut found = Vec::new();
    for (spelling, label) in pairs() {
        let label_lower = label.to_lowercase();
        let ours = label.contains(['/', '(']) || label.contains("'s ");
        if ours && lower.contains(&label_lower) {
            found.push(format!("{label:?}"));
            continue;
        }
        for token in [
            format!("'{spelling}'"),
            format!("\"{spelling}\""),
            format!("{spelling}:"),
        ] {
            let copied = text.match_indices(&token).any(|(at, _)| {
                let after: String = text[at + token.len()..].chars().take(60).collect();
                after.contains(label)
            });
            if copied {
                found.push(format!("{token} ... {label:?}"));
                break;
            }
        }
    }
    found
}

fn files(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, keep, out);
        } else if keep(&path) {
            out.push(path);
        }
    }
}

#[test]
fn no_script_or_template_holds_a_copy_of_the_labels() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut checked = Vec::new();
    // The widget's own modules (not node_modules, not the wasm-pack output).
    for entry in fs::read_dir(root.join("www")).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "js") {
            checked.push(path);
        }
    }
    for theme in fs::read_dir(root.join("themes")).unwrap().flatten() {
        files(
            &theme.path().join("templates"),
            &|p| p.extension().is_some_and(|e| e == "html"),
            &mut checked,
        );
    }
    assert!(checked.len() > 10, "only {checked:?}");
    let copies: Vec<String> = checked
        .iter()
        .filter_map(|path| {
            let found = label_copies(&fs::read_to_string(path).unwrap());
            (!found.is_empty()).then(|| format!("{}: {}", path.display(), found.join(", ")))
        })
        .collect();
    assert!(
        copies.is_empty(),
        "labels copied from classify::labels:\n{}",
        copies.join("\n")
    );
}

#[test]
fn the_copy_check_finds_the_ways_a_table_is_written() {
    for copy in [
        "const ISP = { gmail: 'Gmail', yahoo: 'Yahoo / AOL' };",
        "{% elif v == \"sorbs\" %}SORBS{% endif %}",
        "[\"spamcop\", \"SpamCop\"]",
        "<dd>Microsoft's block list</dd>",
    ] {
        assert!(!label_copies(copy).is_empty(), "{copy}");
    }
    for fine in [
        "Spamhaus and Gmail publish their codes.",
        "{{ labels.isp[r.isp] }}",
        "if (c.isp === 'other') show(labels.isp[c.isp]);",
    ] {
        assert_eq!(label_copies(fine), Vec::<String>::new(), "{fine}");
    }
}
