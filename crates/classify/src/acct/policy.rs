//! The guide's severity from the rates of an accounting file.
//!
//! | level | rule (all thresholds are [`Policy`] fields) |
//! | --- | --- |
//! | P2 | more than 30% of all records deferred or bounced ("major delivery degradation >30%") |
//! | P2 | more than 30% deferred or bounced at one ISP |
//! | P2 | a blocklist cited at volume at an ISP ("active blacklisting") |
//! | P2 | permanent (b) auth or reputation rejections at volume at Gmail, Outlook, Yahoo or Apple |
//! | P3 | deferral rate 10-30% at one ISP |
//! | P3 | bounce rate 10-30% at one ISP, not counting unknown recipients and full mailboxes |
//! | P3 | a blocklist cited, below volume |
//! | P4 | none of the above: minor issues |
//!
//! Rates count only ISPs with at least [`Policy::min_records`] records. "At volume" means at
//! least [`Policy::volume_count`] records and at least [`Policy::volume_share`] percent of
//! that ISP's records.

use super::report::{percent, AcctReport, IspStats};
use crate::{Category, Isp, Severity};

#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub min_records: u64,
    /// Lower bound of the guide's "10-30%" band.
    pub band_low: f64,
    /// "Major delivery degradation >30%".
    pub band_high: f64,
    pub volume_count: u64,
    pub volume_share: f64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            min_records: 20,
            band_low: 10.0,
            band_high: 30.0,
            volume_count: 10,
            volume_share: 1.0,
        }
    }
}

/// A rule that fired: its level, the ISP it is about (if one), the reason.
type Finding = (Severity, Option<Isp>, String);

/// What the policy concludes from a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub severity: Severity,
    /// Most severe first.
    pub reasons: Vec<String>,
    /// The ISP of the most severe ISP-specific finding.
    pub focus: Option<Isp>,
}

const MAJOR: [Isp; 4] = [Isp::Gmail, Isp::Outlook, Isp::Yahoo, Isp::Apple];

impl Policy {
    fn at_volume(&self, count: u64, records: u64) -> bool {
        count >= self.volume_count && percent(count, records) >= self.volume_share
    }

    /// The rules in words, with this policy's numbers (shown next to the result).
    pub fn rules(&self) -> Vec<String> {
        let (low, high) = (self.band_low, self.band_high);
        let volume = format!(
            "at least {} records and {}% of that ISP's records",
            self.volume_count, self.volume_share
        );
        vec![
            format!("P2: more than {high}% of all records deferred or bounced (major delivery degradation)"),
            format!("P2: more than {high}% of one ISP's records deferred or bounced"),
            format!("P2: a blocklist cited at volume at one ISP ({volume})"),
            format!("P2: permanent (5xx) authentication or reputation rejections at volume at Gmail, Outlook, Yahoo or Apple ({volume})"),
            format!("P3: deferral rate {low}-{high}% at one ISP"),
            format!("P3: bounce rate {low}-{high}% at one ISP, not counting unknown recipients and full mailboxes"),
            "P3: a blocklist cited, below volume".to_owned(),
            "P4: none of the above (minor issues)".to_owned(),
            format!("Rates count only for ISPs with at least {} records.", self.min_records),
        ]
    }

    /// The suggested severity and its reasons, most severe first.
    pub fn assess(&self, report: &AcctReport) -> Verdict {
        let mut found: Vec<Finding> = Vec::new();
        if report.records == 0 {
            return Verdict {
                severity: Severity::P4,
                reasons: vec!["P4: no delivery records (types d, b, t) were found".to_owned()],
                focus: None,
            };
        }
        let failed = report.deferred + report.bounced;
        let overall = percent(failed, report.records);
        if report.records >= self.min_records && overall > self.band_high {
            found.push((
                Severity::P2,
                None,
                format!(
                    "P2: {overall:.1}% of all {} records were deferred or bounced: major delivery \
                     degradation above {}%",
                    report.records, self.band_high
                ),
            ));
        }
        for isp in &report.isps {
            self.assess_isp(isp, &mut found);
        }
        if found.is_empty() {
            found.push((Severity::P4, None,
                format!(
                    "P4: no ISP with {}% or more deferrals or bounces, no blocklist cited, no \
                     permanent block at volume ({:.1}% of {} records deferred or bounced): minor issues",
                    self.band_low, overall, report.records
                ),
            ));
        }
        found.sort_by_key(|f| f.0);
        let severity = found[0].0;
        let focus = found.iter().find_map(|f| f.1);
        Verdict {
            severity,
            reasons: found.into_iter().map(|f| f.2).collect(),
            focus,
        }
    }

    fn assess_isp(&self, s: &IspStats, found: &mut Vec<Finding>) {
        let name = s.isp.label();
        if s.records >= self.min_records {
            let failed = percent(s.deferred + s.bounced, s.records);
            if failed > self.band_high {
                found.push((Severity::P2, Some(s.isp),
                    format!(
                        "P2: {name}: {failed:.1}% of its {} records deferred or bounced (deferral \
                         rate {:.1}%, bounce rate {:.1}%): delivery degradation above {}% at one ISP",
                        s.records, s.deferral_rate, s.bounce_rate, self.band_high
                    ),
                ));
            } else {
                if s.deferral_rate >= self.band_low {
                    found.push((
                        Severity::P3,
                        Some(s.isp),
                        format!(
                            "P3: {name}: deferral rate {:.1}% ({} of {} records): deferral rate \
                             {}-{}% at one ISP",
                            s.deferral_rate, s.deferred, s.records, self.band_low, self.band_high
                        ),
                    ));
                }
                let listless = s.bounced
                    - [Category::Recipient, Category::MailboxFull]
                        .iter()
                        .filter_map(|c| s.categories.get(*c))
                        .map(|c| c.bounced)
                        .sum::<u64>();
                let rate = percent(listless, s.records);
                if rate >= self.band_low {
                    found.push((
                        Severity::P3,
                        Some(s.isp),
                        format!(
                            "P3: {name}: bounce rate {rate:.1}% ({listless} of {} records, not \
                             counting unknown recipients and full mailboxes): {}-{}% at one ISP",
                            s.records, self.band_low, self.band_high
                        ),
                    ));
                }
            }
        }
        for list in &s.blocklists {
            let list_name = list.blocklist.label();
            if self.at_volume(list.count, s.records) {
                found.push((
                    Severity::P2,
                    Some(s.isp),
                    format!(
                        "P2: {name}: blocklist {list_name} cited in {} deferrals/bounces: active \
                         blacklisting at volume",
                        list.count
                    ),
                ));
            } else {
                found.push((
                    Severity::P3,
                    Some(s.isp),
                    format!(
                        "P3: {name}: blocklist {list_name} cited in {} deferrals/bounces (below \
                         volume: fewer than {} records or {}% of {}); check the listing",
                        list.count, self.volume_count, self.volume_share, s.records
                    ),
                ));
            }
        }
        if MAJOR.contains(&s.isp) {
            for category in [Category::Auth, Category::Reputation] {
                let Some(c) = s.categories.get(category) else {
                    continue;
                };
                if self.at_volume(c.bounced, s.records) {
                    found.push((
                        Severity::P2,
                        Some(s.isp),
                        format!(
                            "P2: {name}: {} permanent rejections (5xx bounces) for {}: \
                             permanent authentication or reputation block at a major ISP at \
                             volume",
                            c.bounced,
                            category.label()
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acct::report::{BlocklistSeen, Categories, CategoryStats};
    use crate::Blocklist;

    fn isp(isp: Isp, delivered: u64, deferred: u64, bounced: u64) -> IspStats {
        let records = delivered + deferred + bounced;
        IspStats {
            isp,
            records,
            delivered,
            deferred,
            bounced,
            deferral_rate: percent(deferred, records),
            bounce_rate: percent(bounced, records),
            categories: Categories::default(),
            blocklists: Vec::new(),
            bounce_cats: Default::default(),
            affected: false,
            started_at: None,
            peak: None,
            trend: None,
            latest_rate: None,
        }
    }

    fn report(isps: Vec<IspStats>) -> AcctReport {
        let sum = |f: fn(&IspStats) -> u64| isps.iter().map(f).sum::<u64>();
        let (delivered, deferred, bounced) = (
            sum(|s| s.delivered),
            sum(|s| s.deferred),
            sum(|s| s.bounced),
        );
        let records = delivered + deferred + bounced;
        AcctReport {
            severity: Severity::P4,
            reasons: Vec::new(),
            records,
            delivered,
            deferred,
            bounced,
            deferral_rate: percent(deferred, records),
            bounce_rate: percent(bounced, records),
            bad_rows: 0,
            bad_row_samples: Vec::new(),
            other_records: Default::default(),
            lines: records + 1,
            time_window: None,
            rate_definition: String::new(),
            rules: Vec::new(),
            focus_isp: None,
            isps,
            vmtas: Vec::new(),
            categories: Categories::default(),
            blocklists: Vec::new(),
            warnings: Vec::new(),
            timeline: None,
            truncated: false,
        }
    }

    fn cat(category: Category, deferred: u64, bounced: u64) -> CategoryStats {
        CategoryStats {
            category,
            count: deferred + bounced,
            deferred,
            bounced,
            example: String::new(),
        }
    }

    fn assess(isps: Vec<IspStats>) -> (Severity, Vec<String>) {
        let v = Policy::default().assess(&report(isps));
        (v.severity, v.reasons)
    }

    #[test]
    fn gmail_deferrals_of_22_percent_are_p3() {
        let (severity, reasons) = assess(vec![
            isp(Isp::Gmail, 770, 220, 10),
            isp(Isp::Outlook, 990, 10, 0),
        ]);
        assert_eq!(severity, Severity::P3);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].starts_with("P3: Gmail: deferral rate 22.0% (220 of 1000 records)"),
            "{reasons:?}"
        );
    }

    #[test]
    fn the_focus_is_the_isp_of_the_most_severe_finding() {
        let mut outlook = isp(Isp::Outlook, 960, 0, 40);
        outlook.categories = Categories(vec![cat(Category::Reputation, 0, 40)]);
        let v = Policy::default().assess(&report(vec![isp(Isp::Gmail, 770, 230, 0), outlook]));
        assert_eq!((v.severity, v.focus), (Severity::P2, Some(Isp::Outlook)));
        let v = Policy::default().assess(&report(vec![isp(Isp::Gmail, 990, 10, 0)]));
        assert_eq!((v.severity, v.focus), (Severity::P4, None));
    }

    #[test]
    fn below_the_band_is_p4_and_the_boundaries_hold() {
        assert_eq!(assess(vec![isp(Isp::Gmail, 901, 99, 0)]).0, Severity::P4);
        assert_eq!(assess(vec![isp(Isp::Gmail, 900, 100, 0)]).0, Severity::P3);
        assert_eq!(assess(vec![isp(Isp::Gmail, 700, 300, 0)]).0, Severity::P3);
        assert_eq!(assess(vec![isp(Isp::Gmail, 699, 301, 0)]).0, Severity::P2);
    }

    #[test]
    fn small_isps_do_not_count_for_rates() {
        let (severity, _) = assess(vec![isp(Isp::Gmail, 990, 10, 0), isp(Isp::Apple, 10, 9, 0)]);
        assert_eq!(severity, Severity::P4);
    }

    #[test]
    fn more_than_30_percent_overall_is_p2() {
        let (severity, reasons) = assess(vec![
            isp(Isp::Gmail, 75, 25, 0),
            isp(Isp::Outlook, 75, 20, 5),
            isp(Isp::Yahoo, 72, 28, 0),
            isp(Isp::Apple, 40, 20, 40),
        ]);
        assert_eq!(severity, Severity::P2);
        assert!(
            reasons[0].contains("34.5% of all 400 records"),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.starts_with("P2: Apple iCloud: 60.0%")),
            "{reasons:?}"
        );
        assert!(
            reasons
                .iter()
                .any(|r| r.starts_with("P3: Yahoo / AOL: deferral rate 28.0%")),
            "{reasons:?}"
        );
    }

    #[test]
    fn blocklist_at_volume_is_p2_a_few_citations_p3() {
        let mut gmail = isp(Isp::Other, 950, 0, 50);
        gmail.blocklists = vec![BlocklistSeen {
            blocklist: Blocklist::Spamhaus,
            count: 12,
            example: String::new(),
        }];
        let (severity, reasons) = assess(vec![gmail.clone()]);
        assert_eq!(severity, Severity::P2);
        assert!(
            reasons[0].contains("blocklist Spamhaus cited in 12"),
            "{reasons:?}"
        );
        gmail.blocklists[0].count = 3;
        let (severity, reasons) = assess(vec![gmail]);
        assert_eq!(severity, Severity::P3);
        assert!(reasons[0].contains("below volume"), "{reasons:?}");
    }

    #[test]
    fn permanent_reputation_blocks_at_a_major_isp_are_p2() {
        let mut outlook = isp(Isp::Outlook, 960, 0, 40);
        outlook.categories = Categories(vec![cat(Category::Reputation, 0, 40)]);
        let (severity, reasons) = assess(vec![outlook.clone()]);
        assert_eq!(severity, Severity::P2);
        assert!(
            reasons[0].contains(&format!(
                "40 permanent rejections (5xx bounces) for {}:",
                Category::Reputation.label()
            )),
            "{reasons:?}"
        );
        outlook.isp = Isp::Other;
        assert_eq!(assess(vec![outlook]).0, Severity::P4);
    }

    #[test]
    fn unknown_recipients_do_not_raise_the_bounce_rule() {
        let mut gmail = isp(Isp::Gmail, 850, 0, 150);
        gmail.categories = Categories(vec![
            cat(Category::Recipient, 0, 120),
            cat(Category::Auth, 0, 30),
        ]);
        let (severity, reasons) = assess(vec![gmail.clone()]);
        // 30 auth bounces are at volume at Gmail (P2); the bounce rate without unknown
        // recipients is 3%, below the band.
        assert_eq!(severity, Severity::P2);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        gmail.categories = Categories(vec![
            cat(Category::Recipient, 0, 40),
            cat(Category::Content, 0, 110),
        ]);
        let (severity, reasons) = assess(vec![gmail]);
        assert_eq!(severity, Severity::P3);
        assert!(
            reasons[0].contains("bounce rate 11.0% (110 of 1000"),
            "{reasons:?}"
        );
    }

    #[test]
    fn the_rules_in_words_carry_the_numbers() {
        let rules = Policy {
            band_low: 12.5,
            ..Policy::default()
        }
        .rules();
        assert!(
            rules.contains(&"P3: deferral rate 12.5-30% at one ISP".to_owned()),
            "{rules:?}"
        );
        assert!(rules
            .iter()
            .any(|r| r.contains("at least 10 records and 1% of that ISP's records")));
        assert_eq!(
            rules.last().unwrap(),
            "Rates count only for ISPs with at least 20 records."
        );
    }

    #[test]
    fn no_records_is_p4_with_a_reason() {
        let (severity, reasons) = assess(Vec::new());
        assert_eq!(severity, Severity::P4);
        assert!(reasons[0].contains("no delivery records"));
    }
}
