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

use super::names::{blocklist_name, category_name, isp_name};
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

const MAJOR: [Isp; 4] = [Isp::Gmail, Isp::Outlook, Isp::Yahoo, Isp::Apple];

impl Policy {
    fn at_volume(&self, count: u64, records: u64) -> bool {
        count >= self.volume_count && percent(count, records) >= self.volume_share
    }

    /// The suggested severity and its reasons, most severe first.
    pub fn assess(&self, report: &AcctReport) -> (Severity, Vec<String>) {
        let mut found: Vec<(Severity, String)> = Vec::new();
        if report.records == 0 {
            return (
                Severity::P4,
                vec!["P4: no delivery records (types d, b, t) were found".to_owned()],
            );
        }
        let failed = report.deferred + report.bounced;
        let overall = percent(failed, report.records);
        if report.records >= self.min_records && overall > self.band_high {
            found.push((
                Severity::P2,
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
            found.push((
                Severity::P4,
                format!(
                    "P4: no ISP with {}% or more deferrals or bounces, no blocklist cited, no \
                     permanent block at volume ({:.1}% of {} records deferred or bounced): minor issues",
                    self.band_low, overall, report.records
                ),
            ));
        }
        found.sort_by_key(|(severity, _)| *severity);
        let severity = found[0].0;
        (
            severity,
            found.into_iter().map(|(_, reason)| reason).collect(),
        )
    }

    fn assess_isp(&self, s: &IspStats, found: &mut Vec<(Severity, String)>) {
        let name = isp_name(s.isp);
        if s.records >= self.min_records {
            let failed = percent(s.deferred + s.bounced, s.records);
            if failed > self.band_high {
                found.push((
                    Severity::P2,
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
            let list_name = blocklist_name(list.blocklist);
            if self.at_volume(list.count, s.records) {
                found.push((
                    Severity::P2,
                    format!(
                        "P2: {name}: blocklist {list_name} cited in {} deferrals/bounces: active \
                         blacklisting at volume",
                        list.count
                    ),
                ));
            } else {
                found.push((
                    Severity::P3,
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
                        format!(
                            "P2: {name}: {} permanent {} rejections (5xx bounces): permanent \
                             auth/reputation block at a major ISP at volume",
                            c.bounced,
                            category_name(category)
                        ),
                    ));
                }
            }
        }
    }
}
