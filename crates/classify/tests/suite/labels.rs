//! The one table of display names (`classify::labels`): complete, distinct, the same in
//! the JSON the widget sends, in the template context and in the classifier's sentences.

use std::collections::HashSet;

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
