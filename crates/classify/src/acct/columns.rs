//! The header row: which column holds which PowerMTA field. Columns may come in any
//! order; only `type` is required, the others are used when present.

use super::csv::{self, Span};

/// PowerMTA's default `record-fields` order, assumed when a file starts without a header.
pub(crate) const DEFAULT_HEADER: &str = "type,timeLogged,timeQueued,orig,rcpt,orcpt,dsnAction,\
dsnStatus,dsnDiag,dsnMta,bounceCat,srcType,srcMta,dlvType,dlvSourceIp,dlvDestinationIp,\
dlvEsmtpAvailable,dlvSize,vmta,jobId,envId,queue,vmtaPool";

/// Field names (case-insensitive) other than `type` that make a line a header row.
const KNOWN: &[&str] = &[
    "timelogged",
    "timequeued",
    "orig",
    "rcpt",
    "orcpt",
    "dsnaction",
    "dsnstatus",
    "dsndiag",
    "dsnmta",
    "bouncecat",
    "vmta",
    "jobid",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Columns {
    /// Number of fields every record must have; `None` when assumed (no header row).
    pub count: Option<usize>,
    pub kind: usize,
    pub rcpt: Option<usize>,
    pub time_logged: Option<usize>,
    pub dsn_status: Option<usize>,
    pub dsn_diag: Option<usize>,
    pub dsn_mta: Option<usize>,
    pub bounce_cat: Option<usize>,
    pub vmta: Option<usize>,
    /// Highest index of a used column: a record needs at least this many fields + 1.
    pub needed: usize,
}

impl Columns {
    /// Reads a header row; `None` when the line is not one (no `type` field next to at
    /// least one other known PowerMTA field name).
    pub(crate) fn from_header(line: &[u8], spans: &[Span]) -> Option<Columns> {
        // Cheap test first: this runs on every line.
        if !spans.iter().any(|s| {
            csv::raw(line, *s)
                .trim_ascii()
                .eq_ignore_ascii_case(b"type")
        }) {
            return None;
        }
        let names: Vec<String> = spans
            .iter()
            .map(|s| {
                String::from_utf8_lossy(csv::raw(line, *s))
                    .trim()
                    .to_ascii_lowercase()
            })
            .collect();
        let find = |name: &str| names.iter().position(|n| n == name);
        let kind = find("type")?;
        if !names.iter().any(|n| KNOWN.contains(&n.as_str())) {
            return None;
        }
        let mut columns = Columns {
            count: Some(names.len()),
            kind,
            rcpt: find("rcpt"),
            time_logged: find("timelogged"),
            dsn_status: find("dsnstatus"),
            dsn_diag: find("dsndiag"),
            dsn_mta: find("dsnmta"),
            bounce_cat: find("bouncecat"),
            vmta: find("vmta"),
            needed: 0,
        };
        columns.needed = [
            Some(columns.kind),
            columns.rcpt,
            columns.time_logged,
            columns.dsn_status,
            columns.dsn_diag,
            columns.dsn_mta,
            columns.bounce_cat,
            columns.vmta,
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
        Some(columns)
    }

    /// PowerMTA's default layout, for a file whose first line is already a record.
    pub(crate) fn assumed() -> Columns {
        let mut spans = Vec::new();
        let header = DEFAULT_HEADER.as_bytes();
        // The constant is a plain CSV line: splitting cannot fail.
        let _ = csv::split(header, &mut spans);
        let mut columns = Columns::from_header(header, &spans).unwrap_or(Columns {
            count: None,
            kind: 0,
            rcpt: None,
            time_logged: None,
            dsn_status: None,
            dsn_diag: None,
            dsn_mta: None,
            bounce_cat: None,
            vmta: None,
            needed: 0,
        });
        columns.count = None;
        columns
    }

    /// The missing optional columns the report should mention.
    pub(crate) fn missing(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        for (name, col) in [
            ("rcpt", self.rcpt),
            ("timeLogged", self.time_logged),
            ("dsnStatus", self.dsn_status),
            ("dsnDiag", self.dsn_diag),
            ("dsnMta", self.dsn_mta),
            ("bounceCat", self.bounce_cat),
        ] {
            if col.is_none() {
                missing.push(name);
            }
        }
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(line: &str) -> Option<Columns> {
        let mut spans = Vec::new();
        csv::split(line.as_bytes(), &mut spans).ok()?;
        Columns::from_header(line.as_bytes(), &spans)
    }

    #[test]
    fn any_order_and_case() {
        let c = header("rcpt,dsnDiag,TYPE,timeLogged").unwrap();
        assert_eq!(
            (c.kind, c.rcpt, c.dsn_diag, c.time_logged),
            (2, Some(0), Some(1), Some(3))
        );
        assert_eq!((c.count, c.needed, c.dsn_mta), (Some(4), 3, None));
        assert_eq!(c.missing(), ["dsnStatus", "dsnMta", "bounceCat"]);
    }

    #[test]
    fn records_are_not_headers() {
        assert_eq!(header("d,2026-01-01 00:00:00+0000,a@b.c"), None);
        assert_eq!(header("type,something,else"), None);
    }

    #[test]
    fn assumed_layout_is_powermtas_default() {
        let c = Columns::assumed();
        assert_eq!(
            (c.kind, c.rcpt, c.dsn_status, c.dsn_diag, c.dsn_mta),
            (0, Some(4), Some(7), Some(8), Some(9))
        );
        assert_eq!(c.count, None);
    }
}
