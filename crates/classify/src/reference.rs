//! The classifier's knowledge as tables for the documentation's reference pages (cargo
//! feature `reference`, off in the widget): every documented code with its meaning at
//! each provider, the level the policy suggests for it and why, what to do, and a real
//! bounce of it; every receiving provider with its codes, postmaster pages and feedback
//! loop; every blocklist with how a listing is looked up and removed.
//!
//! The meanings are the classifier's own (`meaning.rs`), the levels, reasons and next
//! steps the policy's (`policy.rs`) for the facts each row states; each example states
//! what the classifier must find in it (`expect`, in the words of the guide's bounce
//! blocks), so that a build can classify it and fail when the classifier and the page
//! disagree. Every other fact keeps the URL of the page that states it.

mod codes;
mod lists;
mod providers;

use std::borrow::Cow;

use serde::Serialize;

use crate::codes::Enhanced;
use crate::model::{Blocklist, Category, Context, Diagnosis, Isp};
use crate::{decide, meaning, policy};

/// Every table: `codes`, `isps`, `blocklists`.
#[derive(Debug, Serialize)]
pub struct Reference {
    pub codes: Vec<CodePage>,
    pub isps: Vec<IspPage>,
    pub blocklists: Vec<ListPage>,
}

/// One documented code (or range of codes).
#[derive(Debug, Serialize)]
pub struct CodePage {
    /// One URL part: `5-7-26`.
    pub slug: String,
    /// Names the code: `5.7.26: unauthenticated mail`.
    pub title: String,
    pub description: String,
    /// As shown: `5.7.26`, `5.7.606-649`.
    pub code: String,
    /// Every enhanced code the page covers (`4.7.26`, `5.7.26`): what a classification's
    /// `enhanced` is looked up by.
    pub codes: Vec<String>,
    /// What the code is usually about.
    pub name: &'static str,
    pub category: &'static str,
    /// The providers with a meaning of their own for it (JSON spellings).
    pub isps: Vec<&'static str>,
    pub meanings: Vec<Meaning>,
    #[serde(flatten)]
    pub assessment: Level,
    /// `None`: no real bounce of the code was found to quote.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Example>,
}

/// What a code means at one provider (or at any receiver).
#[derive(Debug, Serialize)]
pub struct Meaning {
    pub provider: &'static str,
    pub text: &'static str,
    pub source: &'static str,
}

/// The level the policy gives, its reasons and the next steps, for a page's facts.
#[derive(Debug, Serialize)]
pub struct Level {
    pub level: &'static str,
    pub reasons: Vec<String>,
    pub next_steps: Vec<String>,
    pub bounce_kind: &'static str,
}

/// A real bounce, what the classifier must find in it, and where it was published.
#[derive(Debug, Serialize)]
pub struct Example {
    pub text: &'static str,
    /// `P2 auth isp=gmail blocklist=none`: a level, a category, `isp=` and `blocklist=`.
    pub expect: String,
    pub source: &'static str,
}

/// A fact with the page a reader goes to and the page that states it.
#[derive(Debug, Serialize)]
pub struct Fact {
    pub topic: &'static str,
    pub text: &'static str,
    pub link: &'static str,
    pub source: &'static str,
}

/// One receiving provider.
#[derive(Debug, Serialize)]
pub struct IspPage {
    pub slug: &'static str,
    /// The classifier's spelling (`gmail`).
    pub key: &'static str,
    pub name: &'static str,
    pub title: String,
    pub description: &'static str,
    pub facts: Vec<Fact>,
    /// The documented codes it has a meaning for, or whose example it sent.
    pub codes: Vec<CodeRef>,
}

/// A documented code, named on another page.
#[derive(Debug, Serialize)]
pub struct CodeRef {
    pub slug: String,
    pub title: String,
}

/// One blocklist.
#[derive(Debug, Serialize)]
pub struct ListPage {
    pub slug: &'static str,
    /// The classifier's spelling (`spamhaus`).
    pub key: &'static str,
    pub name: &'static str,
    pub title: String,
    pub description: &'static str,
    /// `false`: the list no longer exists.
    pub active: bool,
    pub facts: Vec<Fact>,
    #[serde(flatten)]
    pub assessment: Level,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Example>,
}

/// Every table.
pub fn tables() -> Reference {
    let codes: Vec<CodePage> = codes::CODES.iter().map(code_page).collect();
    let isps = providers::PROVIDERS
        .iter()
        .map(|p| IspPage {
            slug: p.isp.as_str(),
            key: p.isp.as_str(),
            name: p.isp.label(),
            title: format!("{} for senders", p.isp.label()),
            description: p.summary,
            facts: p.facts.iter().map(fact).collect(),
            codes: codes
                .iter()
                .filter(|c| c.isps.contains(&p.isp.as_str()))
                .map(|c| CodeRef {
                    slug: c.slug.clone(),
                    title: c.title.clone(),
                })
                .collect(),
        })
        .collect();
    let blocklists = lists::LISTS.iter().map(list_page).collect();
    Reference {
        codes,
        isps,
        blocklists,
    }
}

fn fact(f: &providers::Fact) -> Fact {
    Fact {
        topic: f.topic,
        text: f.text,
        link: f.link,
        source: f.source,
    }
}

const GOOGLE_CODES: &str = "https://support.google.com/a/answer/3726730";
const MICROSOFT_CODES: &str = "https://learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online/non-delivery-reports-in-exchange-online";
const YAHOO_CODES: &str = "https://senders.yahooinc.com/smtp-error-codes/";
const IANA_CODES: &str = "https://www.iana.org/assignments/smtp-enhanced-status-codes/";
const RFC_3463: &str = "https://www.rfc-editor.org/rfc/rfc3463";

/// The provider a meaning is about (its table row's ISP, else the name it starts with),
/// and the provider's page that gives it.
fn provider_of(row: &meaning::CodeRule) -> (&'static str, Option<Isp>, &'static str) {
    let named = row.meaning.split_once(':').map(|(p, _)| p);
    match (row.isp, named) {
        (Some(Isp::Gmail), _) | (_, Some("Gmail")) => ("Gmail", Some(Isp::Gmail), GOOGLE_CODES),
        (Some(Isp::Outlook), _) | (_, Some("Microsoft" | "Outlook.com")) => {
            ("Microsoft", Some(Isp::Outlook), MICROSOFT_CODES)
        }
        (Some(Isp::Yahoo), _) | (_, Some("Yahoo")) => ("Yahoo", Some(Isp::Yahoo), YAHOO_CODES),
        _ => ("Any receiver", None, IANA_CODES),
    }
}

fn code_page(row: &codes::CodeRow) -> CodePage {
    let classes: &[u8] = match row.class {
        0 => &[5, 4],
        4 => &[4],
        _ => &[5],
    };
    let first = Enhanced {
        class: classes[0],
        subject: row.subject,
        detail: row.details.0,
    };
    let mut code = first.to_text();
    if row.details.1 != row.details.0 {
        code = format!("{code}-{}", row.details.1);
    }
    let mut covered = Vec::new();
    for class in classes {
        for detail in row.details.0..=row.details.1 {
            let e = Enhanced {
                class: *class,
                subject: row.subject,
                detail,
            };
            covered.push(e.to_text());
        }
    }
    let (meanings, mut isps) = meanings(row, first);
    if let Some(isp) = row.isp.filter(|i| *i != Isp::Other) {
        if !isps.contains(&isp.as_str()) {
            isps.insert(0, isp.as_str());
        }
    }
    let title = format!("{code}: {}", row.name);
    let description = meanings
        .first()
        .map_or_else(|| row.name.to_string(), |m| m.text.to_string());
    let assessment = level(
        row.category,
        row.isp,
        row.blocklist,
        row.temporary,
        row.rule,
        &code,
    );
    let expect = expect(&assessment, row.category, row.isp, row.blocklist);
    CodePage {
        slug: code.replace('.', "-"),
        title,
        description,
        code,
        codes: covered,
        name: row.name,
        category: row.category.as_str(),
        isps,
        meanings,
        assessment,
        example: row.example.map(|text| Example {
            text,
            expect,
            source: row.example_source,
        }),
    }
}

/// The meanings of a row's codes: the classifier's provider rows, the notes of the row,
/// then RFC 3463's; and the providers that have one.
fn meanings(row: &codes::CodeRow, first: Enhanced) -> (Vec<Meaning>, Vec<&'static str>) {
    let mut out = Vec::new();
    let mut isps = Vec::new();
    let overlaps = |r: &meaning::CodeRule| {
        (r.class == 0 || row.class == 0 || r.class == row.class)
            && r.subject == row.subject
            && r.details.0 <= row.details.1
            && row.details.0 <= r.details.1
    };
    for r in meaning::CODES.iter().filter(|r| overlaps(r)) {
        let (provider, isp, source) = provider_of(r);
        if let Some(isp) = isp {
            if !isps.contains(&isp.as_str()) {
                isps.push(isp.as_str());
            }
        }
        out.push(Meaning {
            provider,
            text: r.meaning,
            source,
        });
    }
    for (provider, text, source) in row.notes {
        out.push(Meaning {
            provider,
            text,
            source,
        });
    }
    if row.details.0 == row.details.1 {
        if let Some((_, text)) = meaning::generic(first) {
            out.push(Meaning {
                provider: "Any receiver (RFC 3463)",
                text,
                source: RFC_3463,
            });
        }
    }
    (out, isps)
}

/// The policy's level, reasons and next steps for a bounce with these facts.
fn level(
    category: Category,
    isp: Option<Isp>,
    blocklist: Option<Blocklist>,
    temporary: bool,
    rule: &'static str,
    code: &str,
) -> Level {
    let d = Diagnosis {
        basic: Some(if temporary { 451 } else { 550 }),
        enhanced: Some(code.to_string()),
        category,
        isp,
        blocklist,
        bounce_kind: decide::bounce_kind(category),
        temporary,
        meaning: None,
        hint: None,
        rule: Cow::Borrowed(rule),
    };
    let a = policy::assess(&d, &Context::default());
    Level {
        level: a.severity.as_str(),
        reasons: a.reasons.into_iter().map(Cow::into_owned).collect(),
        next_steps: a.next_steps.into_iter().map(Cow::into_owned).collect(),
        bounce_kind: d.bounce_kind.as_str(),
    }
}

/// What the classifier must find in the example: the level, category, ISP and list.
fn expect(
    level: &Level,
    category: Category,
    isp: Option<Isp>,
    blocklist: Option<Blocklist>,
) -> String {
    format!(
        "{} {} isp={} blocklist={}",
        level.level,
        category.as_str(),
        isp.map_or("none", Isp::as_str),
        blocklist.map_or("none", Blocklist::as_str)
    )
}

fn list_page(row: &lists::ListRow) -> ListPage {
    let name = row.list.label();
    let title = if row.active {
        format!("{name}: delisting")
    } else {
        format!("{name}: a closed blocklist")
    };
    let assessment = level(
        Category::Blocklist,
        row.isp,
        Some(row.list),
        false,
        "blocklist-cited",
        "5.7.1",
    );
    let example = row.example.map(|(text, source)| Example {
        text,
        expect: expect(&assessment, Category::Blocklist, row.isp, Some(row.list)),
        source,
    });
    ListPage {
        slug: row.list.as_str(),
        key: row.list.as_str(),
        name,
        title,
        description: row.summary,
        active: row.active,
        facts: row.facts.iter().map(fact).collect(),
        assessment,
        example,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(v: &serde_json::Value, key: &str) -> String {
        v[key].as_str().unwrap_or("none").to_string()
    }

    #[test]
    fn every_example_classifies_as_its_page_says() {
        let t = tables();
        let examples = t
            .codes
            .iter()
            .map(|c| (&c.slug, c.example.as_ref()))
            .chain(t.blocklists.iter().map(|b| (&b.title, b.example.as_ref())));
        for (name, example) in examples {
            let Some(e) = example else { continue };
            let c = crate::classify(e.text, &Context::default());
            let v = serde_json::to_value(&c).unwrap();
            let got = format!(
                "{} {} isp={} blocklist={}",
                field(&v, "severity"),
                field(&v, "category"),
                field(&v, "isp"),
                field(&v, "blocklist")
            );
            assert_eq!(got, e.expect, "{name}");
        }
    }

    #[test]
    fn every_code_the_classifier_knows_has_a_page() {
        let t = tables();
        let missing: Vec<String> = meaning::CODES
            .iter()
            .map(|r| {
                let class = if r.class == 0 { 5 } else { r.class };
                format!("{class}.{}.{}", r.subject, r.details.0)
            })
            .filter(|code| !t.codes.iter().any(|page| page.codes.contains(code)))
            .collect();
        assert!(missing.is_empty(), "codes without a page: {missing:?}");
    }

    #[test]
    fn every_isp_and_list_has_a_page_and_slugs_are_unique() {
        let t = tables();
        for isp in Isp::ALL.iter().filter(|i| **i != Isp::Other) {
            assert!(t.isps.iter().any(|p| p.key == isp.as_str()), "{isp:?}");
        }
        for list in Blocklist::ALL {
            assert!(
                t.blocklists.iter().any(|p| p.key == list.as_str()),
                "{list:?}"
            );
        }
        let mut slugs: Vec<&str> = t.codes.iter().map(|c| c.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), t.codes.len());
        // A code has one page: the widget looks a classification's code up by it.
        let mut covered: Vec<&str> = t
            .codes
            .iter()
            .flat_map(|c| c.codes.iter().map(String::as_str))
            .collect();
        let all = covered.len();
        covered.sort_unstable();
        covered.dedup();
        assert_eq!(covered.len(), all, "a code is on two pages");
        let gmail = t.isps.iter().find(|p| p.key == "gmail").unwrap();
        assert!(gmail.codes.iter().any(|c| c.slug == "5-7-26"));
        let c = t.codes.iter().find(|c| c.slug == "5-7-26").unwrap();
        assert_eq!(c.codes, ["5.7.26", "4.7.26"]);
        assert_eq!(c.title, "5.7.26: unauthenticated mail");
        // Short titles: a page's <title> adds the site's name and stays within 70
        // characters (html-validate's limit).
        let titles = t.codes.iter().map(|c| &c.title);
        let titles = titles.chain(t.isps.iter().map(|p| &p.title));
        for title in titles.chain(t.blocklists.iter().map(|b| &b.title)) {
            // (As a template escapes it: `/` and `'` take six characters.)
            let escaped = title.chars().count() + 5 * title.matches(['/', '\'']).count();
            assert!(escaped <= 45, "{title}");
        }
    }
}
