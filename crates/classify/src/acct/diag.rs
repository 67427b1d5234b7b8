//! Classifying deferral/bounce texts with the classifier, cached by a normalised form of
//! the text so a log with millions of similar deferrals costs a few classifications.

use std::collections::HashMap;

use super::tally::RowDiag;
use crate::Category;

/// Distinct normalised texts remembered; beyond this, texts are classified uncached.
const MAX_ENTRIES: usize = 20_000;
/// Normalised keys are cut to this many bytes.
const MAX_KEY: usize = 512;

#[derive(Debug, Default)]
pub(crate) struct DiagCache {
    map: HashMap<String, RowDiag>,
    key: String,
    /// How many texts went through the classifier (cache misses).
    pub classified: u64,
}

impl DiagCache {
    /// `diag` is `dsnDiag` (`smtp;421 4.7.0 ...`), `status` is `dsnStatus`
    /// (`4.7.0 (delivery not authorized)`), `bounce_cat` is PowerMTA's own category, used
    /// when the classifier finds no cause in the text.
    pub(crate) fn get(&mut self, diag: &str, status: &str, bounce_cat: &str) -> RowDiag {
        let code = status.split_whitespace().next().unwrap_or("");
        normalise(diag, &mut self.key);
        self.key.push('|');
        self.key.push_str(code);
        self.key.push('|');
        self.key.push_str(bounce_cat);
        if let Some(found) = self.map.get(self.key.as_str()) {
            return *found;
        }
        self.classified += 1;
        let found = classify_row(diag, code, bounce_cat);
        if self.map.len() < MAX_ENTRIES {
            self.map.insert(self.key.clone(), found);
        }
        found
    }
}

fn classify_row(diag: &str, code: &str, bounce_cat: &str) -> RowDiag {
    let reply = diag.trim();
    let reply = reply
        .get(..5)
        .filter(|p| p.eq_ignore_ascii_case("smtp;"))
        .map_or(reply, |_| reply[5..].trim_start());
    let text = if code.is_empty() {
        reply.to_owned()
    } else {
        format!("{reply}\nStatus: {code}")
    };
    let d = crate::diagnose(&text);
    let category = match d.category {
        Category::Other => category_of_bounce_cat(bounce_cat).unwrap_or(Category::Other),
        c => c,
    };
    RowDiag {
        category,
        blocklist: d.blocklist,
        isp: d.isp,
    }
}

/// PowerMTA's `bounceCat` as one of our categories, where the meaning is clear.
pub(crate) fn category_of_bounce_cat(bounce_cat: &str) -> Option<Category> {
    Some(match bounce_cat.trim() {
        "bad-mailbox" | "inactive-mailbox" | "bad-domain" => Category::Recipient,
        "quota-issues" => Category::MailboxFull,
        "spam-related" | "policy-related" => Category::Reputation,
        "content-related" | "virus-related" => Category::Content,
        "relaying-issues" => Category::Relay,
        "no-answer-from-host" | "bad-connection" | "message-expired" => Category::Connection,
        "invalid-sender" => Category::Dns,
        _ => return None,
    })
}

/// Lowercases the text and replaces each long token holding a digit (queue ids, dates,
/// message ids; not SMTP codes or short provider codes like `S3150` or `TSS04`) by `#`.
/// An address keeps its domain (`<user46@gmx.de>:` -> `#@gmx.de`): the classifier may
/// name the ISP from it, so texts that differ in it must not share an answer.
fn normalise(diag: &str, out: &mut String) {
    out.clear();
    for token in diag.split_ascii_whitespace() {
        if out.len() >= MAX_KEY {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if let Some((_, domain)) = token.rsplit_once('@') {
            out.push_str("#@");
            let domain = domain.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
            out.extend(domain.chars().map(|c| c.to_ascii_lowercase()));
        } else if token.len() > 8 && token.bytes().any(|b| b.is_ascii_digit()) && !is_code(token) {
            out.push('#');
        } else {
            out.extend(token.chars().map(|c| c.to_ascii_lowercase()));
        }
    }
}

/// `smtp;550`, `5.7.1`, `4.7.650` and the like, with trailing punctuation.
fn is_code(token: &str) -> bool {
    let t = token.trim_matches(|c: char| !c.is_ascii_alphanumeric());
    let t = t.strip_prefix("smtp;").unwrap_or(t);
    let parts: Vec<&str> = t.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut out = String::new();
        normalise(s, &mut out);
        out
    }

    #[test]
    fn ids_vanish_codes_stay() {
        assert_eq!(
            norm("smtp;421 4.7.28 Our system has detected an unusual rate d2e1a72fcca58-7389e7c1e2fsi1234567b3a.512 - gsmtp"),
            "smtp;421 4.7.28 our system has detected an unusual rate # - gsmtp"
        );
        assert_eq!(norm("550 5.7.1 S3150 blocked"), "550 5.7.1 s3150 blocked");
        assert_eq!(norm("a  b\tc"), "a b c");
        assert_eq!(
            norm("550 5.1.1 <User46@GMX.de>: Recipient address rejected"),
            "550 5.1.1 #@gmx.de recipient address rejected"
        );
    }

    #[test]
    fn the_recipients_domain_is_part_of_the_key() {
        let mut cache = DiagCache::default();
        let text = |rcpt: &str| {
            format!("smtp;550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table")
        };
        let gmx = cache.get(&text("user5@gmx.de"), "5.1.1", "bad-mailbox");
        let company = cache.get(&text("user46@company2202.example"), "5.1.1", "bad-mailbox");
        let again = cache.get(&text("user9@company2202.example"), "5.1.1", "bad-mailbox");
        assert_ne!(gmx.isp, company.isp);
        assert_eq!(company, again);
        assert_eq!(cache.classified, 2);
    }

    #[test]
    fn same_text_with_other_ids_hits_the_cache() {
        let mut cache = DiagCache::default();
        let a = cache.get(
            "smtp;421 4.7.0 try later 2026-09-21T12:00:01.123Z",
            "4.7.0 (x)",
            "",
        );
        let b = cache.get(
            "smtp;421 4.7.0 try later 2026-09-21T12:09:59.999Z",
            "4.7.0 (x)",
            "",
        );
        assert_eq!(a, b);
        assert_eq!(cache.classified, 1);
        cache.get("smtp;421 4.7.0 try later", "4.7.0", "bad-mailbox");
        assert_eq!(cache.classified, 2);
    }

    #[test]
    fn bounce_cat_fills_in_when_the_text_says_nothing() {
        let mut cache = DiagCache::default();
        assert_eq!(
            cache.get("", "", "quota-issues").category,
            Category::MailboxFull
        );
        assert_eq!(cache.get("", "", "no-such-cat").category, Category::Other);
    }
}
