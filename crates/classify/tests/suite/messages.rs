//! Whole bounce messages (`.eml`) against sisimai's answers.
//!
//! The messages and sisimai's answers live outside the repository, in
//! `../shared/corpus/` next to the checkout (see `tests/corpus/README.md`); without that
//! folder these tests say so and pass. Each message is read with
//! `classify::classify_message` and compared field by field with sisimai 4.25's answer
//! (`set-of-emails.sisimai.tsv`): the delivery status, the reply code, the failed
//! recipient's domain and the category. Where we disagree and our answer is the right
//! one, `tests/corpus/set-of-emails-differences.toml` says why; each entry must still
//! hold (both answers as written), so the list cannot go stale.
//!
//! Run with `cargo test -p classify --test suite messages -- --nocapture` for the table.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use classify::{classify_message, Context, MessageAnswer};
use serde::Deserialize;

/// sisimai's reasons whose category is not in doubt, with ours.
const SURE: [(&str, &str); 8] = [
    ("userunknown", "recipient"),
    ("hostunknown", "recipient"),
    ("mailboxfull", "mailbox_full"),
    ("expired", "connection"),
    ("norelaying", "relay"),
    ("mesgtoobig", "content"),
    ("exceedlimit", "content"),
    ("toomanyconn", "rate_limit"),
];

/// The goals: shares of agreement (judged-right differences and sisimai's made-up
/// `x.0.9xx` statuses left out).
const STATUS_GOAL: f64 = 95.0;
const SURE_CATEGORY_GOAL: f64 = 95.0;

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    dir.join("set-of-emails.sisimai.tsv")
        .is_file()
        .then_some(dir)
}

fn differences_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus/set-of-emails-differences.toml")
}

/// One row of sisimai's answers.
struct Row {
    file: String,
    reason: String,
    category: String,
    status: String,
    reply: String,
    domain: String,
}

fn rows(dir: &Path) -> Vec<Row> {
    let tsv = std::fs::read_to_string(dir.join("set-of-emails.sisimai.tsv")).expect("the TSV");
    tsv.lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 6).then(|| Row {
                file: f[0].to_owned(),
                reason: f[1].to_owned(),
                category: f[2].to_owned(),
                status: f[3].to_owned(),
                reply: f[4].to_owned(),
                domain: f[5].to_owned(),
            })
        })
        .collect()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Differences {
    #[serde(default)]
    difference: Vec<Difference>,
}

/// A disagreement judged in our favour.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Difference {
    file: String,
    /// `status`, `reply`, `domain`, `category` or `kind`.
    field: String,
    sisimai: String,
    ours: String,
    why: String,
}

fn differences() -> Vec<Difference> {
    let path = differences_path();
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str::<Differences>(&raw)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .difference
}

/// Our answer's fields, in sisimai's terms.
#[derive(Debug, Default)]
pub(crate) struct Ours {
    pub(crate) kind: String,
    pub(crate) status: String,
    pub(crate) reply: String,
    pub(crate) domain: String,
    pub(crate) category: String,
    pub(crate) isp: String,
    pub(crate) severity: String,
    pub(crate) rule: String,
}

pub(crate) fn kind_of(a: &MessageAnswer) -> String {
    a.not_a_bounce.map_or("bounce", |k| k.as_str()).to_owned()
}

/// sisimai names one recipient per message: ours for the same domain (and the same
/// status, when several are), else our first.
pub(crate) fn ours(answers: &[MessageAnswer], sisimai_domain: &str, sisimai_status: &str) -> Ours {
    let domain = |a: &MessageAnswer| {
        a.recipient
            .as_deref()
            .and_then(|r| r.rsplit_once('@'))
            .map(|(_, d)| d.to_owned())
            .unwrap_or_default()
    };
    let status = |a: &MessageAnswer| a.classification.enhanced.as_deref() == Some(sisimai_status);
    let Some(a) = answers
        .iter()
        .find(|a| domain(a) == sisimai_domain && status(a))
        .or_else(|| answers.iter().find(|a| domain(a) == sisimai_domain))
        .or(answers.first())
    else {
        return Ours::default();
    };
    let c = &a.classification;
    Ours {
        kind: kind_of(a),
        status: c.enhanced.clone().unwrap_or_default(),
        reply: c.basic.map(|b| b.to_string()).unwrap_or_default(),
        domain: domain(a),
        category: if a.not_a_bounce.is_some() {
            String::new()
        } else {
            c.category.as_str().to_owned()
        },
        isp: c.isp.map_or("", |i| i.as_str()).to_owned(),
        severity: if a.not_a_bounce.is_some() {
            String::new()
        } else {
            c.severity.as_str().to_owned()
        },
        rule: c.rule.to_string(),
    }
}

/// sisimai's idea of the kind of message.
fn sisimai_kind(reason: &str) -> Option<&'static str> {
    match reason {
        "feedback" => Some("feedback_report"),
        "vacation" => Some("auto_reply"),
        // sisimai 4.25 found nothing: no expectation.
        "none" => None,
        _ => Some("bounce"),
    }
}

#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) right: usize,
    pub(crate) judged: usize,
    pub(crate) checked: usize,
}

impl Tally {
    pub(crate) fn pct(&self) -> f64 {
        if self.checked == 0 {
            100.0
        } else {
            100.0 * (self.right + self.judged) as f64 / self.checked as f64
        }
    }
    pub(crate) fn line(&self, name: &str) -> String {
        format!(
            "  {name:<16} {:>4} same + {:>3} judged ours / {:<4} {:5.1}%",
            self.right,
            self.judged,
            self.checked,
            self.pct()
        )
    }
}

#[test]
fn whole_messages_agree_with_sisimai() {
    let Some(dir) = corpus_dir() else {
        println!("skipped: ../shared/corpus/set-of-emails.sisimai.tsv is not next to this checkout (see tests/corpus/README.md)");
        return;
    };
    let diffs = differences();
    let mut used = BTreeSet::new();
    let judged = |file: &str, field: &str, sisimai: &str, ours: &str| {
        diffs.iter().position(|d| {
            d.file == file && d.field == field && d.sisimai == sisimai && d.ours == ours
        })
    };
    let fields = [
        "kind",
        "status",
        "reply",
        "domain",
        "category",
        "category (sure)",
    ];
    let mut tally: BTreeMap<&str, Tally> = fields.iter().map(|f| (*f, Tally::default())).collect();
    let mut disagreements = Vec::new();
    let ctx = Context::default();
    for row in rows(&dir) {
        let bytes = std::fs::read(dir.join("set-of-emails").join(&row.file)).expect("a message");
        let answers = classify_message(&bytes, &ctx);
        let got = ours(&answers, &row.domain, &row.status);
        let sure = SURE.iter().find(|(r, _)| *r == row.reason).map(|(_, c)| *c);
        let checks: [(&str, Option<&str>, &str); 6] = [
            ("kind", sisimai_kind(&row.reason), &got.kind),
            (
                "status",
                Some(row.status.as_str()).filter(|s| !s.is_empty() && !s[1..].starts_with(".0.9")),
                &got.status,
            ),
            (
                "reply",
                Some(row.reply.as_str()).filter(|s| !s.is_empty()),
                &got.reply,
            ),
            (
                "domain",
                Some(row.domain.as_str())
                    .filter(|s| !s.is_empty() && sisimai_kind(&row.reason) == Some("bounce")),
                &got.domain,
            ),
            // The category of a message we read as a bounce (the kind says the rest).
            (
                "category",
                Some(row.category.as_str()).filter(|s| {
                    !s.is_empty()
                        && sure.is_none()
                        && sisimai_kind(&row.reason) == Some("bounce")
                        && got.kind == "bounce"
                }),
                &got.category,
            ),
            (
                "category (sure)",
                sure.filter(|_| got.kind == "bounce"),
                &got.category,
            ),
        ];
        for (field, want, have) in checks {
            let Some(want) = want else { continue };
            let t = tally.get_mut(field).expect("a field");
            t.checked += 1;
            let key = if field == "category (sure)" {
                "category"
            } else {
                field
            };
            if want == have {
                t.right += 1;
            } else if let Some(i) = judged(&row.file, key, want, have) {
                t.judged += 1;
                used.insert(i);
            } else {
                disagreements.push(format!(
                    "{} {field}: sisimai {want} ({}), ours {have} [{}]",
                    row.file, row.reason, got.rule
                ));
            }
        }
    }
    let mut table = String::from("whole messages vs sisimai 4.25:\n");
    for f in fields {
        let _ = writeln!(table, "{}", tally[f].line(f));
    }
    println!("{table}");
    println!("{} disagreements not judged:", disagreements.len());
    for d in &disagreements {
        println!("  {d}");
    }
    let stale: Vec<String> = diffs
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, d)| {
            format!(
                "{} {}: sisimai {} ours {} ({})",
                d.file, d.field, d.sisimai, d.ours, d.why
            )
        })
        .collect();
    assert!(
        stale.is_empty(),
        "differences that no longer hold:\n{}",
        stale.join("\n")
    );
    assert!(
        tally["status"].pct() >= STATUS_GOAL,
        "status agreement {:.1}% < {STATUS_GOAL}%",
        tally["status"].pct()
    );
    assert!(
        tally["category (sure)"].pct() >= SURE_CATEGORY_GOAL,
        "category agreement where sisimai's reason is not in doubt {:.1}% < {SURE_CATEGORY_GOAL}%",
        tally["category (sure)"].pct()
    );
}

/// Header fields that would decide a category if they were read: authentication
/// failures, a spam verdict citing lists, a content type.
const MISLEADING_FIELDS: &str = "Authentication-Results: mx.example.net; spf=fail smtp.mailfrom=a@example.org; dkim=fail; dmarc=fail\nReceived-SPF: fail (example.org does not designate 192.0.2.1 as permitted sender)\nDKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=s1; b=AAAA\nX-Spam-Status: Yes, blocked using zen.spamhaus.org, listed in bl.spamcop.net; mailbox full; user unknown; relaying denied\n";

/// `message` with [`MISLEADING_FIELDS`] added to its header and to the header of the
/// returned original (when it is attached as `message/rfc822`).
fn with_misleading_fields(message: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(message).replace("\r\n", "\n");
    let top = if text.starts_with("From ") {
        text.find('\n').map_or(text.len(), |i| i + 1)
    } else {
        0
    };
    let mut out = format!("{}{MISLEADING_FIELDS}{}", &text[..top], &text[top..]);
    let lower = out.to_ascii_lowercase();
    if let Some(ct) = lower.find("content-type: message/rfc822") {
        if let Some(blank) = lower[ct..].find("\n\n") {
            out.insert_str(ct + blank + 2, MISLEADING_FIELDS);
        }
    }
    out.into_bytes()
}

#[test]
fn no_category_is_decided_by_a_header() {
    let Some(dir) = corpus_dir() else {
        println!(
            "skipped: ../shared/corpus/ is not next to this checkout (see tests/corpus/README.md)"
        );
        return;
    };
    let ctx = Context::default();
    let mut changed = Vec::new();
    let mut read = 0;
    for folder in ["set-of-emails", "set-of-emails-not"] {
        for entry in std::fs::read_dir(dir.join(folder)).expect("the corpus folder") {
            let path = entry.expect("an entry").path();
            if path.extension().is_none_or(|e| e != "eml") {
                continue;
            }
            let bytes = std::fs::read(&path).expect("a message");
            let plain = String::from_utf8_lossy(&bytes)
                .replace("\r\n", "\n")
                .into_bytes();
            read += 1;
            let before = classify_message(&plain, &ctx);
            let after = classify_message(&with_misleading_fields(&plain), &ctx);
            if before != after {
                changed.push(format!(
                    "{}: {:?} -> {:?}",
                    path.display(),
                    before
                        .iter()
                        .map(|a| (a.classification.category, &a.classification.rule))
                        .collect::<Vec<_>>(),
                    after
                        .iter()
                        .map(|a| (a.classification.category, &a.classification.rule))
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(read > 400, "only {read} messages read");
    assert!(
        changed.is_empty(),
        "{} answers changed by header fields:\n{}",
        changed.len(),
        changed.join("\n")
    );
}
