//! The report email of an accounting analysis: the same [`crate::report::build_email`] path
//! as a single bounce, fed with a [`Classification`] and [`ReportFields`] made from the
//! report (the severity and reasons of the rates, when it started and at which ISPs, the
//! trend, the computed rates, an example reply).

use super::report::{AcctReport, IspStats, Trend};
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
            started: self.started_text(),
            isps: self.isps_text(),
            rate: self.rate_text(focus),
            bounce: top.map(|c| c.example.clone()).unwrap_or_default(),
            ..ReportFields::default()
        };
        (classification, fields)
    }

    /// The earliest start among the ISPs (see [`IspStats::started_at`]), with its ISP.
    pub fn first_start(&self) -> Option<(&IspStats, &str)> {
        self.isps
            .iter()
            .filter_map(|s| Some((s, s.started_at.as_deref()?)))
            .min_by_key(|(_, t)| *t)
    }

    /// "When it started": the earliest start found in the timeline, else the file's window.
    fn started_text(&self) -> String {
        let window = self
            .time_window
            .as_ref()
            .map(|w| format!("{} .. {}", w.first, w.last));
        match (self.first_start(), window) {
            (Some((s, t)), window) => format!(
                "{} at {} (from the accounting file's timeline{})",
                utc_minute(t),
                s.isp.label(),
                window
                    .map(|w| format!("; the file covers {w}"))
                    .unwrap_or_default()
            ),
            (None, Some(w)) => format!("{w} (accounting file; no ISP rose to the boundary)"),
            (None, None) => String::new(),
        }
    }

    /// "ISPs affected": those at or above the boundary, else the busiest with their rates
    /// (the trend is in the rate field).
    fn isps_text(&self) -> String {
        let rates = |s: &IspStats| {
            format!(
                "{} {:.1}% deferred, {:.1}% bounced of {} records",
                s.isp.label(),
                s.deferral_rate,
                s.bounce_rate,
                s.records
            )
        };
        let affected: Vec<String> = self
            .isps
            .iter()
            .filter(|s| s.affected)
            .take(MAX_ISPS)
            .map(rates)
            .collect();
        if !affected.is_empty() {
            return affected.join("; ");
        }
        let all: Vec<String> = self.isps.iter().take(MAX_ISPS).map(rates).collect();
        if all.is_empty() {
            return String::new();
        }
        format!("none at the boundary ({})", all.join("; "))
    }

    fn rate_text(&self, focus: Option<&IspStats>) -> String {
        let overall = format!(
            "all ISPs {:.1}% deferred and {:.1}% bounced of {} PowerMTA accounting records \
             (rate = t or b / (d + b + t))",
            self.deferral_rate, self.bounce_rate, self.records
        );
        match focus {
            Some(s) => format!(
                "{}{} {:.1}% deferred, {:.1}% bounced; {overall}",
                s.trend_line().map(|t| t + "; ").unwrap_or_default(),
                s.isp.label(),
                s.deferral_rate,
                s.bounce_rate
            ),
            None => overall,
        }
    }
}

impl IspStats {
    /// Where this ISP's rate is heading, with its name: `Gmail: still rising since
    /// 2026-09-21 14:20 UTC (38.5% deferred or bounced at the end of the file)`; `None`
    /// without a trend.
    pub fn trend_line(&self) -> Option<String> {
        Some(format!("{}: {}", self.isp.label(), self.trend_words()?))
    }

    /// [`trend_line`](Self::trend_line) without the name.
    pub fn trend_words(&self) -> Option<String> {
        let latest = self.latest_rate?;
        let since = self.started_at.as_deref().map(utc_minute);
        let end = format!("{latest:.1}% deferred or bounced at the end of the file");
        Some(match (self.trend?, since) {
            (Trend::Rising, Some(since)) => format!("still rising since {since} ({end})"),
            (Trend::Rising, None) => format!("rising ({end})"),
            (Trend::Recovering, _) => match &self.peak {
                Some(p) => format!(
                    "recovering since its peak of {:.1}% at {} ({end})",
                    p.rate,
                    utc_minute(&p.t)
                ),
                None => format!("recovering ({end})"),
            },
            (Trend::Flat, Some(since)) => format!("steady since {since} ({end})"),
            (Trend::Flat, None) => format!("flat ({end})"),
        })
    }
}

/// `2026-09-21T14:20:00Z` -> `2026-09-21 14:20 UTC`: a timeline time for people.
pub fn utc_minute(t: &str) -> String {
    match (t.get(..10), t.get(11..16)) {
        (Some(day), Some(time)) => format!("{day} {time} UTC"),
        _ => t.to_owned(),
    }
}

/// `P3: Gmail: deferral rate 22.0% (220 of 1000 records): deferral rate 10-30% at one ISP`
/// -> `Gmail: deferral rate 22.0%`: the level and the details go, for a subject line.
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
        assert_eq!(c.title, "PowerMTA accounting: Gmail: deferral rate 22.0%");
        assert_eq!(
            f.rate,
            "Gmail 22.0% deferred, 0.0% bounced; all ISPs 11.0% deferred and 0.0% bounced of 200 \
             PowerMTA accounting records (rate = t or b / (d + b + t))"
        );
        // Only Gmail is at the boundary; its deferrals are there from the first record.
        assert_eq!(f.isps, "Gmail 22.0% deferred, 0.0% bounced of 100 records");
        assert_eq!(
            f.started,
            "2026-09-21 10:00 UTC at Gmail (from the accounting file's timeline; the file \
             covers 2026-09-21 10:00:00+0000 .. 2026-09-21 12:00:00+0000)"
        );
        assert_eq!(
            f.bounce,
            "smtp;421 4.7.28 Our system has detected an unusual rate of unsolicited mail, rate limited"
        );
    }

    #[test]
    fn the_trend_goes_into_the_rate_and_the_isps() {
        use crate::acct::{Peak, Trend};
        let mut report = analyse(file().as_bytes());
        let gmail = &mut report.isps[0];
        gmail.started_at = Some("2026-09-21T10:20:00Z".into());
        gmail.trend = Some(Trend::Rising);
        gmail.latest_rate = Some(38.46);
        let (_, f) = report.email_inputs();
        let line = "still rising since 2026-09-21 10:20 UTC (38.5% deferred or bounced at the \
                    end of the file)";
        assert!(
            f.rate.starts_with(&format!("Gmail: {line}; Gmail 22.0%")),
            "{}",
            f.rate
        );
        assert_eq!(f.isps, "Gmail 22.0% deferred, 0.0% bounced of 100 records");
        assert!(f.started.starts_with("2026-09-21 10:20 UTC at Gmail"));
        let gmail = &mut report.isps[0];
        gmail.trend = Some(Trend::Recovering);
        gmail.peak = Some(Peak {
            t: "2026-09-21T11:00:00Z".into(),
            rate: 51.0,
        });
        assert_eq!(
            gmail.trend_line().unwrap(),
            "Gmail: recovering since its peak of 51.0% at 2026-09-21 11:00 UTC (38.5% deferred \
             or bounced at the end of the file)"
        );
    }

    #[test]
    fn with_no_isp_at_the_boundary_the_busiest_are_listed() {
        let file = "type,timeLogged,rcpt\nd,2026-09-21 10:00:00+0000,a@gmail.com\n";
        let (_, f) = analyse(file.as_bytes()).email_inputs();
        assert_eq!(
            f.isps,
            "none at the boundary (Gmail 0.0% deferred, 0.0% bounced of 1 records)"
        );
        assert_eq!(
            f.started,
            "2026-09-21 10:00:00+0000 .. 2026-09-21 10:00:00+0000 (accounting file; no ISP rose \
             to the boundary)"
        );
    }

    #[test]
    fn short_titles_for_subjects() {
        use super::short_title;
        assert_eq!(
            short_title("P2: Other provider: blocklist Spamhaus cited in 20 deferrals/bounces: active blacklisting at volume"),
            "Other provider: blocklist Spamhaus cited in 20 deferrals/bounces"
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
