//! Counts per PowerMTA VirtualMTA (the `vmta` column: a sending IP or pool), so a
//! deferral problem can be tied to the IP that has it.

use std::collections::HashMap;

use super::report::{percent, VmtaStats};
use super::tally::Kind;

/// Distinct VirtualMTAs counted by name; the rest are summed as `(others)`.
const MAX_TRACKED: usize = 1000;
/// VirtualMTAs listed in the report.
pub const MAX_LISTED: usize = 50;

#[derive(Debug, Default)]
pub(crate) struct VmtaTally {
    index: HashMap<String, usize>,
    /// name, delivered, deferred, bounced; in order of first appearance.
    rows: Vec<(String, [u64; 3])>,
    others: [u64; 3],
}

impl VmtaTally {
    pub(crate) fn count(&mut self, name: &[u8], kind: Kind) {
        if name.is_empty() {
            return;
        }
        let slot = match kind {
            Kind::Delivered => 0,
            Kind::Deferred => 1,
            Kind::Bounced => 2,
        };
        let name = String::from_utf8_lossy(name);
        let row = match self.index.get(name.as_ref()) {
            Some(&i) => Some(i),
            None if self.rows.len() < MAX_TRACKED => {
                let owned = name.into_owned();
                self.index.insert(owned.clone(), self.rows.len());
                self.rows.push((owned, [0; 3]));
                Some(self.rows.len() - 1)
            }
            None => None,
        };
        let counts = match row {
            Some(i) => &mut self.rows[i].1,
            None => &mut self.others,
        };
        counts[slot] += 1;
    }

    pub(crate) fn report(&self) -> Vec<VmtaStats> {
        let stats = |name: &str, c: &[u64; 3]| {
            let records = c.iter().sum();
            VmtaStats {
                vmta: name.to_owned(),
                records,
                delivered: c[0],
                deferred: c[1],
                bounced: c[2],
                deferral_rate: percent(c[1], records),
                bounce_rate: percent(c[2], records),
            }
        };
        let mut list: Vec<VmtaStats> = self.rows.iter().map(|(n, c)| stats(n, c)).collect();
        list.sort_by_key(|v| std::cmp::Reverse(v.records));
        list.truncate(MAX_LISTED);
        if self.others.iter().sum::<u64>() > 0 {
            list.push(stats("(others)", &self.others));
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_vmta_most_records_first() {
        let mut t = VmtaTally::default();
        for (name, kind) in [
            ("vmta-a", Kind::Delivered),
            ("vmta-b", Kind::Deferred),
            ("vmta-b", Kind::Delivered),
            ("vmta-b", Kind::Bounced),
            ("", Kind::Delivered),
            ("vmta-b", Kind::Deferred),
        ] {
            t.count(name.as_bytes(), kind);
        }
        let r = t.report();
        assert_eq!(r.len(), 2);
        assert_eq!(
            (
                r[0].vmta.as_str(),
                r[0].records,
                r[0].delivered,
                r[0].deferred,
                r[0].bounced
            ),
            ("vmta-b", 4, 1, 2, 1)
        );
        assert_eq!((r[0].deferral_rate, r[0].bounce_rate), (50.0, 25.0));
        assert_eq!((r[1].vmta.as_str(), r[1].records), ("vmta-a", 1));
    }

    #[test]
    fn past_the_tracked_number_the_rest_are_summed() {
        let mut t = VmtaTally::default();
        for i in 0..MAX_TRACKED + 5 {
            t.count(format!("v{i}").as_bytes(), Kind::Delivered);
        }
        let r = t.report();
        assert_eq!(r.len(), MAX_LISTED + 1);
        let last = r.last().unwrap();
        assert_eq!((last.vmta.as_str(), last.records), ("(others)", 5));
    }
}
