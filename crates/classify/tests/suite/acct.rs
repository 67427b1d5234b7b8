//! PowerMTA accounting files: exact counts, rates, bad rows, column layouts, quoting,
//! chunking. The files are built here, so each expected number follows from the input.

use classify::acct::{analyse, AcctReader, AcctReport, Policy};
use classify::{Category, Isp, Severity};

const HEADER: &str = "type,timeLogged,timeQueued,orig,rcpt,orcpt,dsnAction,dsnStatus,dsnDiag,dsnMta,\
bounceCat,srcType,srcMta,dlvType,dlvSourceIp,dlvDestinationIp,dlvEsmtpAvailable,dlvSize,vmta,jobId,envId,queue,vmtaPool";

const GMAIL_MTA: &str = "gmail-smtp-in.l.google.com (142.250.27.26)";
const GMAIL_421: &str = "smtp;421-4.7.28 [203.0.113.10] Our system has detected an unusual rate of \
unsolicited mail originating from your IP address. To protect our users from spam, mail sent from \
your IP address has been temporarily rate limited. https://support.google.com/mail/?p=UnsolicitedRateLimitError";
const NO_SUCH_USER: &str =
    "smtp;550-5.1.1 The email account that you tried to reach does not exist. \
https://support.google.com/mail/?p=NoSuchUser";

/// One record in PowerMTA's default layout; `diag` is quoted as CSV.
fn row(
    kind: &str,
    minute: u32,
    rcpt: &str,
    status: &str,
    diag: &str,
    mta: &str,
    cat: &str,
) -> String {
    format!(
        "{kind},2026-09-21 12:{minute:02}:00+0000,2026-09-21 11:59:00+0000,bounces@news.example.net,{rcpt},,\
         {action},{status},{diag},{mta},{cat},smtp,mw1.example.net (10.0.0.5),smtp,203.0.113.10,\
         142.250.27.26,\"PIPELINING,SIZE,STARTTLS\",24567,vmta-news-1,campaign-42,,q,pool-news",
        action = match kind {
            "d" => "relayed",
            "b" => "failed",
            _ => "delayed",
        },
        diag = quote(diag),
    )
}

fn quote(field: &str) -> String {
    if field.contains([',', '"']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

fn delivered(rcpt: &str, mta: &str) -> String {
    row(
        "d",
        0,
        rcpt,
        "2.0.0 (success)",
        "smtp;250 2.0.0 OK",
        mta,
        "",
    )
}

/// 1000 Gmail records (220 deferred, 15 bounced), 500 Outlook (10 deferred), 300 Yahoo
/// (3 bounced), 200 at other domains (20 deferred), in an interleaved order.
fn mixed_file() -> String {
    let mut rows = vec![HEADER.to_owned()];
    for i in 0..1000u32 {
        let rcpt = format!(
            "user{i}@{}",
            if i % 4 == 0 {
                "googlemail.com"
            } else {
                "gmail.com"
            }
        );
        rows.push(match i % 100 {
            0..=21 => row(
                "t",
                i % 60,
                &rcpt,
                "4.7.28 (delivery not authorized)",
                GMAIL_421,
                GMAIL_MTA,
                "policy-related",
            ),
            22 if i < 500 => row(
                "b",
                i % 60,
                &rcpt,
                "5.1.1 (bad destination mailbox address)",
                NO_SUCH_USER,
                GMAIL_MTA,
                "bad-mailbox",
            ),
            23 => row(
                "b",
                i % 60,
                &rcpt,
                "5.1.1 (bad destination mailbox address)",
                NO_SUCH_USER,
                GMAIL_MTA,
                "bad-mailbox",
            ),
            _ => delivered(&rcpt, GMAIL_MTA),
        });
        if i % 2 == 0 {
            let j = i / 2;
            let rcpt = format!(
                "u{j}@{}",
                ["hotmail.com", "outlook.fr", "live.co.uk", "msn.com"][j as usize % 4]
            );
            let mta = "hotmail-com.olc.protection.outlook.com (52.101.1.1)";
            rows.push(if j % 50 == 7 {
                row("t", 30, &rcpt, "4.7.650", "smtp;451 4.7.650 The mail server [203.0.113.10] has been temporarily rate limited due to IP reputation.", mta, "")
            } else {
                delivered(&rcpt, mta)
            });
        }
        if i % 10 < 3 {
            let j = i / 10 * 3 + i % 10;
            let rcpt = format!(
                "y{j}@{}",
                ["yahoo.com", "aol.com", "ymail.com"][j as usize % 3]
            );
            let mta = "mta6.am0.yahoodns.net (67.195.204.72)";
            rows.push(if j % 100 == 50 {
                row(
                    "b",
                    45,
                    &rcpt,
                    "5.0.0",
                    "smtp;552 1 Requested mail action aborted, mailbox not found",
                    mta,
                    "bad-mailbox",
                )
            } else {
                delivered(&rcpt, mta)
            });
        }
        if i % 5 == 0 {
            let j = i / 5;
            let rcpt = format!("c{j}@company{}.example", j % 7);
            rows.push(if j % 10 == 3 {
                row(
                    "t",
                    59,
                    &rcpt,
                    "4.4.1 (no answer from host)",
                    "smtp;421 4.4.1 Connection timed out",
                    "",
                    "no-answer-from-host",
                )
            } else {
                delivered(&rcpt, "mx.company.example (198.51.100.7)")
            });
        }
    }
    rows.join("\n") + "\n"
}

fn isp(report: &AcctReport, isp: Isp) -> &classify::acct::IspStats {
    report
        .isps
        .iter()
        .find(|s| s.isp == isp)
        .unwrap_or_else(|| panic!("no {isp:?} in {:?}", report.isps))
}

fn counts(report: &AcctReport, which: Isp) -> (u64, u64, u64, u64) {
    let s = isp(report, which);
    (s.records, s.delivered, s.deferred, s.bounced)
}

#[test]
fn known_rates_per_isp_and_overall() {
    let report = analyse(mixed_file().as_bytes());
    assert_eq!(report.bad_rows, 0, "{:?}", report.bad_row_samples);
    assert_eq!(counts(&report, Isp::Gmail), (1000, 765, 220, 15));
    assert_eq!(counts(&report, Isp::Outlook), (500, 490, 10, 0));
    assert_eq!(counts(&report, Isp::Yahoo), (300, 297, 0, 3));
    assert_eq!(counts(&report, Isp::Other), (200, 180, 20, 0));
    assert_eq!(
        report.isps.iter().map(|s| s.isp).collect::<Vec<_>>(),
        [Isp::Gmail, Isp::Outlook, Isp::Yahoo, Isp::Other]
    );
    assert_eq!(
        (
            report.records,
            report.delivered,
            report.deferred,
            report.bounced
        ),
        (2000, 1732, 250, 18)
    );
    assert_eq!(report.lines, 2001);
    assert_eq!(report.vmtas.len(), 1);
    let vmta = &report.vmtas[0];
    assert_eq!(
        (
            vmta.vmta.as_str(),
            vmta.records,
            vmta.deferred,
            vmta.bounced,
            vmta.deferral_rate
        ),
        ("vmta-news-1", 2000, 250, 18, 12.5)
    );
    let gmail = isp(&report, Isp::Gmail);
    assert_eq!((gmail.deferral_rate, gmail.bounce_rate), (22.0, 1.5));
    assert_eq!((report.deferral_rate, report.bounce_rate), (12.5, 0.9));
    assert_eq!(isp(&report, Isp::Other).deferral_rate, 10.0);
    // The unknown-recipient bounces are recipient either from the text or PowerMTA's bounceCat.
    let recipient = gmail
        .categories
        .get(Category::Recipient)
        .expect("recipient bounces");
    assert_eq!((recipient.deferred, recipient.bounced), (0, 15));
    assert_eq!(recipient.example, NO_SUCH_USER);
    let connection = isp(&report, Isp::Other)
        .categories
        .get(Category::Connection)
        .expect("connection deferrals");
    assert_eq!(connection.count, 20);
    assert_eq!(gmail.bounce_cats.get("policy-related"), Some(&220));
    assert_eq!(gmail.bounce_cats.get("bad-mailbox"), Some(&15));
    let window = report.time_window.as_ref().expect("time window");
    assert_eq!(
        (window.first.as_str(), window.last.as_str(), window.seconds),
        ("2026-09-21 12:00:00+0000", "2026-09-21 12:59:00+0000", 3540)
    );
}

#[test]
fn a_22_percent_gmail_deferral_rate_is_p3() {
    let report = analyse(mixed_file().as_bytes());
    assert_eq!(report.severity, Severity::P3);
    assert!(
        report.reasons[0].starts_with("P3: Gmail: deferral rate 22.0% (220 of 1000 records)"),
        "{:?}",
        report.reasons
    );
    assert!(
        report
            .reasons
            .iter()
            .any(|r| r.starts_with("P3: Other provider: deferral rate 10.0%")),
        "{:?}",
        report.reasons
    );
    assert_eq!(report.reasons.len(), 2, "{:?}", report.reasons);
}

#[test]
fn more_than_30_percent_deferred_overall_is_p2() {
    let mut rows = vec![HEADER.to_owned()];
    for i in 0..100 {
        rows.push(if i < 35 {
            row(
                "t",
                1,
                &format!("a{i}@orange.fr"),
                "4.2.1",
                "smtp;421 4.2.1 Service refused, please try later",
                "",
                "",
            )
        } else {
            delivered(&format!("a{i}@wanadoo.fr"), "")
        });
    }
    let report = analyse(rows.join("\r\n").as_bytes());
    assert_eq!(counts(&report, Isp::Orange), (100, 65, 35, 0));
    assert_eq!(report.severity, Severity::P2);
    assert!(
        report.reasons[0].starts_with("P2: 35.0% of all 100 records"),
        "{:?}",
        report.reasons
    );
}

#[test]
fn chunk_boundaries_anywhere_give_identical_results() {
    let file = mixed_file().replace('\n', "\r\n");
    let whole = analyse(file.as_bytes());
    for size in [1, 2, 3, 7, 64, 4093, 65536] {
        let mut reader = AcctReader::new();
        for chunk in file.as_bytes().chunks(size) {
            reader.push(chunk);
        }
        assert_eq!(reader.bytes(), file.len() as u64);
        assert_eq!(reader.finish(), whole, "chunks of {size} bytes");
    }
    assert_eq!(whole.records, 2000);
}

#[test]
fn malformed_rows_are_counted_with_line_numbers_and_the_rest_still_counts() {
    let mut rows = vec![HEADER.to_owned()];
    for i in 0..50 {
        rows.push(delivered(&format!("u{i}@gmail.com"), GMAIL_MTA));
    }
    let good = delivered("x@gmail.com", GMAIL_MTA);
    rows.insert(3, good.rsplit_once(',').unwrap().0.to_owned()); // line 4: a field short
    rows.insert(10, format!("{good},\"unterminated, quote")); // line 11
    rows.insert(20, good.replacen('d', "", 1)); // line 21: empty type
    rows.insert(30, good.replace("x@gmail.com", "nobody")); // line 31: no domain
    rows.insert(40, format!("d,{}", "x".repeat(70_000))); // line 41: too long
    rows.insert(45, good.replacen('d', "zz9", 1)); // line 46: not a record type
    rows.insert(47, String::new()); // line 48: blank, not an error
    let report = analyse(rows.join("\n").as_bytes());
    assert_eq!(report.records, 50);
    assert_eq!(counts(&report, Isp::Gmail), (50, 50, 0, 0));
    assert_eq!(report.bad_rows, 6);
    let lines: Vec<u64> = report.bad_row_samples.iter().map(|b| b.line).collect();
    assert_eq!(lines, [4, 11, 21, 31, 41, 46]);
    let reasons: Vec<&str> = report
        .bad_row_samples
        .iter()
        .map(|b| b.reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        [
            "22 fields where the header has 23",
            "unterminated quoted field",
            "empty record type",
            "recipient (rcpt) without a domain",
            "line longer than 65536 bytes",
            "unknown record type",
        ]
    );
    assert_eq!(report.lines, 58);
}

#[test]
fn only_the_first_bad_rows_keep_their_line_numbers() {
    let mut file = String::from("type,rcpt\n");
    for _ in 0..100 {
        file.push_str("d,a@gmail.com,extra\n");
    }
    let report = analyse(file.as_bytes());
    assert_eq!((report.bad_rows, report.records), (100, 0));
    assert_eq!(
        report.bad_row_samples.len(),
        classify::acct::MAX_BAD_SAMPLES
    );
    assert_eq!(report.bad_row_samples.last().unwrap().line, 21);
}

#[test]
fn columns_in_any_order_and_missing_optional_columns() {
    let file = "RCPT,bounceCat,Type\n\
                a@gmail.com,,d\n\
                b@gmail.com,bad-mailbox,b\n\
                c@yahoo.co.uk,,t\n\
                d@example.com,quota-issues,b\n";
    let report = analyse(file.as_bytes());
    assert_eq!(report.bad_rows, 0);
    assert_eq!(counts(&report, Isp::Gmail), (2, 1, 0, 1));
    assert_eq!(counts(&report, Isp::Yahoo), (1, 0, 1, 0));
    assert_eq!(counts(&report, Isp::Other), (1, 0, 0, 1));
    assert_eq!(
        isp(&report, Isp::Other)
            .categories
            .get(Category::MailboxFull)
            .map(|c| c.bounced),
        Some(1)
    );
    assert_eq!(report.time_window, None);
    assert_eq!(
        report.warnings,
        ["header row at line 1 has no timeLogged, dsnStatus, dsnDiag, dsnMta columns"]
    );
}

#[test]
fn without_rcpt_the_receiving_host_names_the_isp() {
    let file = format!(
        "type,dsnMta\nd,{GMAIL_MTA}\nd,mx.example.org (192.0.2.1)\nt,mta5.am0.yahoodns.net\nd,\n"
    );
    let report = analyse(file.as_bytes());
    assert_eq!(counts(&report, Isp::Gmail), (1, 1, 0, 0));
    assert_eq!(counts(&report, Isp::Yahoo), (1, 0, 1, 0));
    assert_eq!(counts(&report, Isp::Other), (2, 2, 0, 0));
}

#[test]
fn a_company_domain_hosted_at_google_counts_as_gmail_from_its_first_record() {
    let rows = [
        HEADER.to_owned(),
        // Deferred before any host is logged for the domain: connection failures name none.
        row(
            "t",
            1,
            "a@corp.example",
            "4.4.1",
            "smtp;421 4.4.1 Connection timed out",
            "",
            "",
        ),
        delivered("b@corp.example", GMAIL_MTA),
        delivered("c@corp.example", ""),
        delivered("d@other.example", "mx.other.example (192.0.2.1)"),
    ];
    let report = analyse(rows.join("\n").as_bytes());
    assert_eq!(counts(&report, Isp::Gmail), (3, 2, 1, 0));
    assert_eq!(counts(&report, Isp::Other), (1, 1, 0, 0));
}

#[test]
fn quoted_fields_with_commas_quotes_and_crlf() {
    let diag = "smtp;550 5.7.1 Rejected: \"bad\" content, see https://example.org/why?a=1,b=2";
    let file = format!(
        "{HEADER}\r\n{}\r\n{}\r\n",
        row(
            "b",
            5,
            "x@gmx.de",
            "5.7.1",
            diag,
            "mx00.emig.gmx.net (212.227.15.9)",
            "content-related"
        ),
        delivered("y@web.de", "mx00.emig.gmx.net (212.227.15.9)"),
    );
    assert!(file.contains("\"\"bad\"\" content,"));
    let report = analyse(file.as_bytes());
    assert_eq!(report.bad_rows, 0, "{:?}", report.bad_row_samples);
    assert_eq!(counts(&report, Isp::Gmx), (2, 1, 0, 1));
    let examples: Vec<&str> = isp(&report, Isp::Gmx)
        .categories
        .0
        .iter()
        .map(|c| c.example.as_str())
        .collect();
    assert_eq!(examples, [diag]);
}

#[test]
fn a_file_without_header_is_read_in_powermtas_default_order() {
    let rows = [
        delivered("a@icloud.com", ""),
        delivered("b@me.com", ""),
        "garbage".to_owned(),
    ];
    let report = analyse(rows.join("\n").as_bytes());
    assert_eq!(counts(&report, Isp::Apple), (2, 2, 0, 0));
    assert_eq!(report.warnings.len(), 1);
    assert!(report.warnings[0].starts_with("no header row: line 1"));
    assert_eq!(report.bad_rows, 1);
    assert_eq!(report.bad_row_samples[0].line, 3);
}

#[test]
fn garbage_before_any_header_is_bad_rows() {
    let report = analyse(b"hello world\nthis is not csv\n");
    assert_eq!((report.records, report.bad_rows), (0, 2));
    assert_eq!(report.severity, Severity::P4);
}

#[test]
fn concatenated_files_with_a_second_header_in_another_order() {
    let file =
        "type,rcpt\nd,a@gmail.com\nt,b@gmail.com\nrcpt,type\nc@comcast.net,d\nd@comcast.net,b\n";
    let report = analyse(file.as_bytes());
    assert_eq!(report.bad_rows, 0);
    assert_eq!(counts(&report, Isp::Gmail), (2, 1, 1, 0));
    assert_eq!(counts(&report, Isp::Comcast), (2, 1, 0, 1));
}

#[test]
fn other_record_types_are_counted_apart() {
    let file = "type,rcpt\nd,a@gmail.com\nrb,a@gmail.com\nf,b@gmail.com\nrb,c@gmail.com\n";
    let report = analyse(file.as_bytes());
    assert_eq!(report.records, 1);
    assert_eq!(report.other_records.get("rb"), Some(&2));
    assert_eq!(report.other_records.get("f"), Some(&1));
}

#[test]
fn the_time_window_spans_offsets_and_skips_unreadable_times() {
    let file = "type,timeLogged,rcpt\n\
                d,2026-09-21 14:00:00+0200,a@gmail.com\n\
                d,2026-09-21 11:30:00+0000,a@gmail.com\n\
                d,2026-09-21 08:00:00-0500,a@gmail.com\n\
                d,soon,a@gmail.com\n";
    let report = analyse(file.as_bytes());
    let window = report.time_window.expect("window");
    assert_eq!(
        (window.first.as_str(), window.last.as_str(), window.seconds),
        ("2026-09-21 11:30:00+0000", "2026-09-21 08:00:00-0500", 5400)
    );
    assert_eq!(
        report.warnings,
        [
            "header row at line 1 has no dsnStatus, dsnDiag, dsnMta, bounceCat columns",
            "1 records with an unreadable timeLogged (not in the time window or the timeline)",
            "1 records are logged earlier than a record before them in the file (up to 30 min \
             earlier); each is counted in the interval of its own time"
        ]
    );
}

#[test]
fn the_json_has_the_documented_shape() {
    let report = analyse(mixed_file().as_bytes());
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["severity"], "P3");
    assert_eq!(json["records"], 2000);
    assert_eq!(json["bad_rows"], 0);
    assert!(json["reasons"].as_array().is_some_and(|r| r.len() == 2));
    let gmail = &json["isps"][0];
    assert_eq!(gmail["isp"], "gmail");
    assert_eq!(
        (
            gmail["delivered"].as_u64(),
            gmail["deferred"].as_u64(),
            gmail["bounced"].as_u64()
        ),
        (Some(765), Some(220), Some(15))
    );
    assert_eq!(
        (
            gmail["deferral_rate"].as_f64(),
            gmail["bounce_rate"].as_f64()
        ),
        (Some(22.0), Some(1.5))
    );
    assert_eq!(gmail["categories"]["recipient"]["bounced"], 15);
    assert!(gmail["blocklists"].is_array());
    assert!(json["rate_definition"]
        .as_str()
        .unwrap()
        .contains("t / (d + b + t)"));
}

#[test]
fn a_stricter_policy_changes_the_severity() {
    let policy = Policy {
        band_low: 25.0,
        ..Policy::default()
    };
    let mut reader = AcctReader::new();
    reader.push(mixed_file().as_bytes());
    assert_eq!(reader.finish_with(&policy).severity, Severity::P4);
}

#[test]
fn arbitrary_bytes_never_panic() {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut bytes = Vec::new();
    for _ in 0..200_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let alphabet = b"d,t\"\n\r@x.,gmail.com type rcpt";
        bytes.push(alphabet[(seed % alphabet.len() as u64) as usize]);
    }
    let mut reader = AcctReader::new();
    for chunk in bytes.chunks(977) {
        reader.push(chunk);
    }
    let report = reader.finish();
    assert!(report.lines > 0);
}

#[test]
fn the_classifier_names_the_causes_of_deferrals() {
    let report = analyse(mixed_file().as_bytes());
    let gmail = isp(&report, Isp::Gmail);
    let top = &gmail.categories.0[0];
    assert_eq!(
        (top.category, top.deferred, top.bounced),
        (Category::RateLimit, 220, 0)
    );
    assert_eq!(top.example, GMAIL_421);
    assert_eq!(report.categories.0[0].category, Category::RateLimit);
    assert_eq!(report.categories.0[0].count, 230);
}

#[test]
fn a_blocklist_cited_at_volume_is_p2() {
    let spamhaus = "smtp;554 5.7.1 Service unavailable; Client host [203.0.113.10] blocked using \
                    zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.10";
    let mut rows = vec![HEADER.to_owned()];
    for i in 0..200 {
        let rcpt = format!("u{i}@firm{}.example", i % 9);
        let mta = "mx.firm.example (192.0.2.25)";
        rows.push(if i % 10 == 4 {
            row("b", 2, &rcpt, "5.7.1", spamhaus, mta, "spam-related")
        } else {
            delivered(&rcpt, mta)
        });
    }
    let report = analyse(rows.join("\n").as_bytes());
    let other = isp(&report, Isp::Other);
    assert_eq!((other.delivered, other.bounced), (180, 20));
    assert_eq!(other.blocklists.len(), 1);
    assert_eq!(
        (other.blocklists[0].blocklist, other.blocklists[0].count),
        (classify::Blocklist::Spamhaus, 20)
    );
    assert_eq!(other.blocklists[0].example, spamhaus);
    assert_eq!(report.severity, Severity::P2);
    assert!(
        report.reasons[0].starts_with("P2: Other provider: blocklist Spamhaus cited in 20"),
        "{:?}",
        report.reasons
    );
}

#[test]
fn past_the_domain_table_records_are_attributed_one_by_one() {
    let mut file = String::from("type,rcpt,dsnMta\n");
    for i in 0..classify::acct::MAX_DOMAINS {
        file.push_str(&format!("d,a@firm{i}.example,mx.firm.example\n"));
    }
    // A Google-hosted domain seen only after the table is full: its record without a host
    // cannot wait for a later one and counts as other.
    file.push_str("t,a@late.example,\nd,b@late.example,aspmx.l.google.com (1.2.3.4)\n");
    let report = analyse(file.as_bytes());
    assert_eq!(counts(&report, Isp::Gmail), (1, 1, 0, 0));
    assert_eq!(
        counts(&report, Isp::Other),
        (
            classify::acct::MAX_DOMAINS as u64 + 1,
            classify::acct::MAX_DOMAINS as u64,
            1,
            0
        )
    );
}

/// Whole words of `text` that are a value's JSON spelling where its display name differs
/// (`outlook` for "Outlook / Microsoft 365", `rate_limit` for "Rate limiting"), except
/// spellings that are also plain English words ("blocklist", "other", "content", ...).
fn raw_ids(text: &str) -> Vec<&str> {
    let english = [
        "blocklist",
        "other",
        "content",
        "recipient",
        "reputation",
        "connection",
        "relay",
        "greylist",
        "orange",
        "apple",
    ];
    let spellings: Vec<&str> = Isp::ALL
        .iter()
        .map(|v| (v.as_str(), v.label()))
        .chain(Category::ALL.iter().map(|v| (v.as_str(), v.label())))
        .chain(
            classify::Blocklist::ALL
                .iter()
                .map(|v| (v.as_str(), v.label())),
        )
        .filter(|(s, l)| s != l && !english.contains(s))
        .map(|(s, _)| s)
        .collect();
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| spellings.contains(w))
        .collect()
}

#[test]
fn the_reasons_and_the_headline_use_display_names_not_raw_ids() {
    let spamhaus = "smtp;554 5.7.1 Service unavailable; Client host [203.0.113.10] blocked using \
                    zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.10";
    let unauthenticated = "smtp;550-5.7.26 This mail is unauthenticated, which poses a security \
                           risk to the sender and Gmail users, and has been blocked. The sender \
                           must authenticate with at least one of SPF or DKIM.";
    let reputation = "smtp;550 5.7.1 Unfortunately, messages from [203.0.113.10] weren't sent \
                      because of the sender's poor reputation";
    let outlook_mta = "hotmail-com.olc.protection.outlook.com (52.101.1.1)";
    let mut rows = vec![HEADER.to_owned()];
    for i in 0..400 {
        let (gmail, outlook) = (format!("g{i}@gmail.com"), format!("o{i}@hotmail.com"));
        rows.push(match i % 10 {
            0 => row(
                "b",
                1,
                &gmail,
                "5.7.26",
                unauthenticated,
                GMAIL_MTA,
                "policy-related",
            ),
            1 => row(
                "t",
                1,
                &gmail,
                "4.7.28",
                GMAIL_421,
                GMAIL_MTA,
                "policy-related",
            ),
            _ => delivered(&gmail, GMAIL_MTA),
        });
        rows.push(match i % 10 {
            0 => row(
                "b",
                2,
                &outlook,
                "5.7.1",
                spamhaus,
                outlook_mta,
                "spam-related",
            ),
            1 => row(
                "b",
                2,
                &outlook,
                "5.7.1",
                reputation,
                outlook_mta,
                "policy-related",
            ),
            _ => delivered(&outlook, outlook_mta),
        });
    }
    let report = analyse(rows.join("\n").as_bytes());
    let all = report.reasons.join("\n");
    for (named, what) in [
        (Isp::Gmail.label(), "Gmail"),
        (Isp::Outlook.label(), "Outlook"),
        (classify::Blocklist::Spamhaus.label(), "Spamhaus"),
        (Category::Auth.label(), "the authentication cause"),
    ] {
        assert!(all.contains(named), "{what} by its name: {all}");
    }
    assert_eq!(raw_ids(&all), Vec::<&str>::new(), "{all}");
    let title = report.email_inputs().0.title;
    assert_eq!(raw_ids(&title), Vec::<&str>::new(), "{title}");
    assert!(
        title.contains(report.reasons[0].split(':').nth(1).unwrap().trim()),
        "{title}"
    );
}
