//! Counters of one group of records (an ISP, or one not-yet-attributed domain).

use crate::{Blocklist, Category};

/// Example texts are cut to this many characters.
const EXAMPLE_CHARS: usize = 300;
/// At most this many distinct PowerMTA `bounceCat` values are kept per group.
const MAX_BOUNCE_CATS: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Delivered,
    Deferred,
    Bounced,
}

/// What one deferral/bounce text says, as far as the report needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RowDiag {
    pub category: Category,
    pub blocklist: Option<Blocklist>,
    pub isp: Option<crate::Isp>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CatTally {
    pub category: Category,
    pub deferred: u64,
    pub bounced: u64,
    pub example: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListTally {
    pub blocklist: Blocklist,
    pub count: u64,
    pub example: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tally {
    pub delivered: u64,
    pub deferred: u64,
    pub bounced: u64,
    /// In order of first appearance.
    pub categories: Vec<CatTally>,
    pub blocklists: Vec<ListTally>,
    pub bounce_cats: Vec<(String, u64)>,
}

impl Tally {
    pub(crate) fn records(&self) -> u64 {
        self.delivered + self.deferred + self.bounced
    }

    pub(crate) fn add_delivered(&mut self) {
        self.delivered += 1;
    }

    /// Counts a deferral or bounce; `example` is only read when this group has no example
    /// of that category (or blocklist) yet.
    pub(crate) fn add_failure(
        &mut self,
        kind: Kind,
        diag: RowDiag,
        bounce_cat: &str,
        example: &dyn Fn() -> String,
    ) {
        let (deferred, bounced) = match kind {
            Kind::Deferred => (1, 0),
            Kind::Bounced => (0, 1),
            Kind::Delivered => (0, 0),
        };
        self.deferred += deferred;
        self.bounced += bounced;
        self.add_category(diag.category, deferred, bounced, example);
        if let Some(list) = diag.blocklist {
            self.add_blocklist(list, 1, example);
        }
        if !bounce_cat.is_empty() {
            self.add_bounce_cat(bounce_cat, 1);
        }
    }

    fn add_category(
        &mut self,
        category: Category,
        deferred: u64,
        bounced: u64,
        example: &dyn Fn() -> String,
    ) {
        match self.categories.iter_mut().find(|c| c.category == category) {
            Some(c) => {
                c.deferred += deferred;
                c.bounced += bounced;
                if c.example.is_empty() {
                    c.example = shorten(example());
                }
            }
            None => self.categories.push(CatTally {
                category,
                deferred,
                bounced,
                example: shorten(example()),
            }),
        }
    }

    fn add_blocklist(&mut self, blocklist: Blocklist, count: u64, example: &dyn Fn() -> String) {
        match self
            .blocklists
            .iter_mut()
            .find(|l| l.blocklist == blocklist)
        {
            Some(l) => {
                l.count += count;
                if l.example.is_empty() {
                    l.example = shorten(example());
                }
            }
            None => self.blocklists.push(ListTally {
                blocklist,
                count,
                example: shorten(example()),
            }),
        }
    }

    fn add_bounce_cat(&mut self, name: &str, count: u64) {
        if let Some(entry) = self.bounce_cats.iter_mut().find(|(n, _)| n == name) {
            entry.1 += count;
        } else if self.bounce_cats.len() < MAX_BOUNCE_CATS {
            self.bounce_cats.push((name.to_owned(), count));
        }
    }

    /// Adds another group's counts; this group's examples are kept where it has one.
    pub(crate) fn merge(&mut self, other: &Tally) {
        self.delivered += other.delivered;
        self.deferred += other.deferred;
        self.bounced += other.bounced;
        for c in &other.categories {
            self.add_category(c.category, c.deferred, c.bounced, &|| c.example.clone());
        }
        for l in &other.blocklists {
            self.add_blocklist(l.blocklist, l.count, &|| l.example.clone());
        }
        for (name, count) in &other.bounce_cats {
            self.add_bounce_cat(name, *count);
        }
    }
}

fn shorten(mut text: String) -> String {
    if let Some((i, _)) = text.char_indices().nth(EXAMPLE_CHARS) {
        text.truncate(i);
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(category: Category, blocklist: Option<Blocklist>) -> RowDiag {
        RowDiag {
            category,
            blocklist,
            isp: None,
        }
    }

    #[test]
    fn counts_and_first_examples() {
        let mut t = Tally::default();
        t.add_delivered();
        t.add_failure(Kind::Deferred, diag(Category::RateLimit, None), "", &|| {
            "first".into()
        });
        t.add_failure(
            Kind::Bounced,
            diag(Category::RateLimit, None),
            "policy-related",
            &|| "second".into(),
        );
        t.add_failure(
            Kind::Bounced,
            diag(Category::Blocklist, Some(Blocklist::Spamhaus)),
            "spam-related",
            &|| "sh".into(),
        );
        assert_eq!(
            (t.delivered, t.deferred, t.bounced, t.records()),
            (1, 1, 2, 4)
        );
        assert_eq!(
            t.categories[0],
            CatTally {
                category: Category::RateLimit,
                deferred: 1,
                bounced: 1,
                example: "first".into()
            }
        );
        assert_eq!(
            t.blocklists,
            [ListTally {
                blocklist: Blocklist::Spamhaus,
                count: 1,
                example: "sh".into()
            }]
        );
        let mut m = Tally::default();
        m.merge(&t);
        m.merge(&t);
        assert_eq!(
            (m.records(), m.categories[0].deferred, m.blocklists[0].count),
            (8, 2, 2)
        );
        assert_eq!(
            m.bounce_cats,
            [
                ("policy-related".to_owned(), 2),
                ("spam-related".to_owned(), 2)
            ]
        );
    }

    #[test]
    fn a_missing_example_is_filled_by_a_later_one() {
        let mut t = Tally::default();
        t.add_failure(
            Kind::Deferred,
            diag(Category::Greylist, None),
            "",
            &String::new,
        );
        t.add_failure(Kind::Deferred, diag(Category::Greylist, None), "", &|| {
            "later".into()
        });
        t.add_failure(Kind::Deferred, diag(Category::Greylist, None), "", &|| {
            "last".into()
        });
        assert_eq!(t.categories[0].example, "later");
    }

    #[test]
    fn long_examples_are_cut_on_a_char_boundary() {
        let s = shorten("é".repeat(400));
        assert_eq!(s.chars().count(), EXAMPLE_CHARS + 1);
        assert!(s.ends_with('…'));
    }
}
