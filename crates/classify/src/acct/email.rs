//! The report email of an accounting analysis: the same [`crate::report::build_email`] path
//! as a single bounce, fed with a [`Classification`] and [`ReportFields`] made from the
//! report (the severity and reasons of the rates, the computed rates, an example reply).

use super::report::{AcctReport, IspStats};
use crate::report::ReportFields;
use crate::{BounceKind, Classification, Context, Diagnosis, Scope, Volume};

/// ISPs listed in the email's "ISPs affected".
const MAX_ISPS: usize = 5;

impl AcctReport {
    /// The ISP the severity is about: [`AcctReport::focus_isp`], else the one with the most
    /// deferrals and bounces.
    pub fn focus(&self) -> Option<&IspStats> {
        self.focus_isp
            .and_then(|isp| self.isps.iter().find(|s| s.isp == isp))
            .or_else(|| self.isps.iter().max_by_key(|s| s.deferred + s.bounced))
    }

    /// What the report email needs: a classification (severity, title, reasons, next
    /// steps) and the report fields (rates, ISPs, time window, an example reply). The page
    /// adds what only the customer knows (domains, recent changes).
    pub fn email_inputs(&self) -> (Classification, ReportFields) {
        let focus = self.focus();
        let top = focus.and_then(|s| s.categories.0.first());
        let diagnosis = Diagnosis {
            category: top.map(|c| c.category).unwrap_or_default(),
            isp: focus.map(|s| s.isp),
            blocklist: focus
                .and_then(|s| s.blocklists.first())
                .map(|l| l.blocklist),
            bounce_kind: BounceKind::default(),
            temporary: top.is_some_and(|c| c.deferred >= c.bounced),
            rule: "acct".into(),
            ..Diagnosis::default()
        };
        let failing = self
            .isps
            .iter()
            .filter(|s| s.deferral_rate + s.bounce_rate >= 10.0)
            .count();
        let context = Context {
            rate: focus.map(|s| s.deferral_rate.max(s.bounce_rate)),
            scope: Some(match failing {
                0 | 1 => Scope::One,
                n if n == self.isps.len() => Scope::All,
                _ => Scope::Several,
            }),
            volume: Volume::Many,
            ..Context::default()
        };
        // The next steps of the main cause come from the classifier's policy; the severity
        // and reasons are those of the rates.
        let assessment = crate::assess(&diagnosis, &context);
        let title = self.reasons.first().map_or("", |r| short_title(r));
        let mut classification = Classification::new(diagnosis, assessment);
        classification.severity = self.severity;
        classification.title = format!("PowerMTA accounting: {title}");
        classification.reasons = self.reasons.iter().cloned().map(Into::into).collect();
        let fields = ReportFields {
            started: self
                .time_window
                .as_ref()
                .map(|w| format!("{} .. {} (accounting file)", w.first, w.last))
                .unwrap_or_default(),
            isps: self
                .isps
                .iter()
                .take(MAX_ISPS)
                .map(|s| {
                    format!(
                        "{} {:.1}% deferred, {:.1}% bounced of {} records",
                        s.isp.as_str(),
                        s.deferral_rate,
                        s.bounce_rate,
                        s.records
                    )
                })
                .collect::<Vec<_>>()
                .join("; "),
            rate: self.rate_text(focus),
            bounce: top.map(|c| c.example.clone()).unwrap_or_default(),
            ..ReportFields::default()
        };
        (classification, fields)
    }

    fn rate_text(&self, focus: Option<&IspStats>) -> String {
        let overall = format!(
            "all ISPs {:.1}% deferred and {:.1}% bounced of {} PowerMTA accounting records \
             (rate = t or b / (d + b + t))",
            self.deferral_rate, self.bounce_rate, self.records
        );
        match focus {
            Some(s) => format!(
                "{} {:.1}% deferred, {:.1}% bounced; {overall}",
                s.isp.as_str(),
                s.deferral_rate,
                s.bounce_rate
            ),
            None => overall,
        }
    }
}

/// `P3: gmail: deferral rate 22.0% (220 of 1000 records): deferral rate 10-30% at one ISP`
/// -> `gmail: deferral rate 22.0%`: the level and the details go, for a subject line.
fn short_title(reason: &str) -> &str {
    let text = reason.split_once(": ").map_or(reason, |(_, rest)| rest);
    let text = text.find(" (").map_or(text, |i| &text[..i]);
    match text.match_indices(": ").nth(1) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use crate::acct::analyse;
    use crate::{Category, Isp, Severity};

    fn file() -> String {
        let mut s = String::from("type,timeLogged,rcpt,dsnStatus,dsnDiag\n");
        for i in 0..100 {
            let kind = if i < 22 { "t" } else { "d" };
            let diag = if i < 22 {
                "smtp;421 4.7.28 Our system has detected an unusual rate of unsolicited mail, rate limited"
            } else {
                "smtp;250 ok"
            };
            s.push_str(&format!(
                "{kind},2026-09-21 1{}:00:00+0000,u{i}@gmail.com,4.7.28,\"{diag}\"\n",
                i % 3
            ));
        }
        for i in 0..100 {
            s.push_str(&format!(
                "d,2026-09-21 11:00:00+0000,u{i}@outlook.com,2.0.0,smtp;250 ok\n"
            ));
        }
        s
    }

    #[test]
    fn the_email_inputs_carry_the_rates_and_the_severity() {
        let report = analyse(file().as_bytes());
        assert_eq!(report.focus().map(|s| s.isp), Some(Isp::Gmail));
        let (c, f) = report.email_inputs();
        assert_eq!(c.severity, Severity::P3);
        assert_eq!(c.isp, Some(Isp::Gmail));
        assert_eq!(c.category, Category::RateLimit);
        assert_eq!(c.reasons, report.reasons);
        assert_eq!(c.title, "PowerMTA accounting: gmail: deferral rate 22.0%");
        assert_eq!(
            f.rate,
            "gmail 22.0% deferred, 0.0% bounced; all ISPs 11.0% deferred and 0.0% bounced of 200 \
             PowerMTA accounting records (rate = t or b / (d + b + t))"
        );
        assert_eq!(
            f.isps,
            "gmail 22.0% deferred, 0.0% bounced of 100 records; outlook 0.0% deferred, 0.0% bounced of 100 records"
        );
        assert_eq!(
            f.started,
            "2026-09-21 10:00:00+0000 .. 2026-09-21 12:00:00+0000 (accounting file)"
        );
        assert_eq!(
            f.bounce,
            "smtp;421 4.7.28 Our system has detected an unusual rate of unsolicited mail, rate limited"
        );
    }

    #[test]
    fn short_titles_for_subjects() {
        use super::short_title;
        assert_eq!(
            short_title("P2: other: blocklist spamhaus cited in 20 deferrals/bounces: active blacklisting at volume"),
            "other: blocklist spamhaus cited in 20 deferrals/bounces"
        );
        assert_eq!(
            short_title("P4: no ISP with 10% or more deferrals or bounces, no blocklist cited (2.0% of 9 records)"),
            "no ISP with 10% or more deferrals or bounces, no blocklist cited"
        );
    }

    #[test]
    fn an_empty_report_still_gives_inputs() {
        let (c, f) = analyse(b"").email_inputs();
        assert_eq!(c.severity, Severity::P4);
        assert_eq!(f.isps, "");
        assert!(f.rate.contains("of 0 PowerMTA accounting records"));
    }
}
