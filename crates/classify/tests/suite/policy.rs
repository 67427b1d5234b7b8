//! The severity policy table of `docs/contracts.md`, row by row, and its boundaries.

use classify::{
    assess, diagnose, Blocklist, Category, Context, Diagnosis, Isp, Scope, Severity, Snds, Volume,
};

fn diag(category: Category, isp: Option<Isp>, basic: u16) -> Diagnosis {
    Diagnosis {
        basic: Some(basic),
        enhanced: Some(format!("{}.7.1", basic / 100)),
        category,
        isp,
        temporary: basic < 500,
        rule: "test".into(),
        blocklist: (category == Category::Blocklist).then_some(Blocklist::Spamhaus),
        ..Diagnosis::default()
    }
}

fn level(d: &Diagnosis, ctx: &Context) -> Severity {
    let a = assess(d, ctx);
    assert!(!a.reasons.is_empty(), "every answer has reasons");
    assert!(!a.next_steps.is_empty(), "every answer has next steps");
    assert!(a.title.starts_with(&format!("{:?}", a.severity)));
    a.severity
}

fn none() -> Context {
    Context::default()
}

fn unknown_user() -> Diagnosis {
    diag(Category::Recipient, None, 550)
}

// --- P1: full outage; PowerMTA not delivering; MailWizz inaccessible

#[test]
fn p1_full_outage_powermta_mailwizz() {
    for ctx in [
        Context {
            full_outage: true,
            ..none()
        },
        Context {
            powermta_down: true,
            ..none()
        },
        Context {
            mailwizz_down: true,
            ..none()
        },
    ] {
        assert_eq!(level(&unknown_user(), &ctx), Severity::P1);
        assert_eq!(level(&Diagnosis::default(), &ctx), Severity::P1);
        // "Only a few messages" never lowers an outage.
        let few = Context {
            volume: Volume::Few,
            ..ctx
        };
        assert_eq!(level(&unknown_user(), &few), Severity::P1);
    }
}

#[test]
fn p1_connections_failing_at_every_isp() {
    let d = diagnose("421 4.4.2 connect to mx.example.net[192.0.2.9]:25: Connection timed out");
    assert_eq!(d.category, Category::Connection);
    assert_eq!(
        level(
            &d,
            &Context {
                scope: Some(Scope::All),
                ..none()
            }
        ),
        Severity::P1
    );
    assert_eq!(
        level(
            &d,
            &Context {
                scope: Some(Scope::One),
                ..none()
            }
        ),
        Severity::P3
    );
}

// --- P2 rows

#[test]
fn p2_degradation_above_30_percent() {
    for rate in [30.1, 50.0, 100.0] {
        let ctx = Context {
            rate: Some(rate),
            ..none()
        };
        assert_eq!(level(&unknown_user(), &ctx), Severity::P2, "rate {rate}");
    }
}

#[test]
fn p2_active_blacklisting() {
    let d = diagnose(
        "554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
    );
    assert_eq!(d.category, Category::Blocklist);
    assert_eq!(level(&d, &none()), Severity::P2);
    // A temporary (4xx) blocklist refusal is still active blacklisting.
    let d = diagnose("452 4.1.1 Too many invalid recipients or blocked. http://postmaster.comcast.net/smtp-error-codes.php#BL000010");
    assert_eq!(d.category, Category::Blocklist);
    assert_eq!(level(&d, &none()), Severity::P2);
}

#[test]
fn p2_gmail_5xx_block() {
    for cat in [
        Category::Auth,
        Category::Reputation,
        Category::RateLimit,
        Category::Dns,
        Category::Tls,
    ] {
        assert_eq!(
            level(&diag(cat, Some(Isp::Gmail), 550), &none()),
            Severity::P2,
            "{cat:?}"
        );
    }
    let d = diagnose(
        "550-5.7.28 unusual rate of unsolicited mail originating from your IP address. - gsmtp",
    );
    assert_eq!(d.isp, Some(Isp::Gmail));
    assert_eq!(level(&d, &none()), Severity::P2);
}

#[test]
fn p2_permanent_auth_or_reputation_block_at_a_major_isp() {
    for isp in [
        Isp::Outlook,
        Isp::Yahoo,
        Isp::Apple,
        Isp::Gmx,
        Isp::Orange,
        Isp::Comcast,
    ] {
        for cat in [Category::Auth, Category::Reputation] {
            assert_eq!(
                level(&diag(cat, Some(isp), 554), &none()),
                Severity::P2,
                "{cat:?} {isp:?}"
            );
            // Temporary, or at a receiver that is not a major ISP: P3.
            assert_eq!(level(&diag(cat, Some(isp), 451), &none()), Severity::P3);
        }
    }
    for isp in [None, Some(Isp::Other)] {
        assert_eq!(
            level(&diag(Category::Auth, isp, 550), &none()),
            Severity::P3
        );
    }
}

#[test]
fn p2_snds_red() {
    let ctx = Context {
        snds: Some(Snds::Red),
        ..none()
    };
    assert_eq!(level(&unknown_user(), &ctx), Severity::P2);
}

#[test]
fn p2_a_p3_problem_at_several_isps() {
    let d = diag(Category::RateLimit, Some(Isp::Yahoo), 421);
    for scope in [Scope::Several, Scope::All] {
        assert_eq!(
            level(
                &d,
                &Context {
                    scope: Some(scope),
                    ..none()
                }
            ),
            Severity::P2
        );
    }
    assert_eq!(
        level(
            &d,
            &Context {
                scope: Some(Scope::One),
                ..none()
            }
        ),
        Severity::P3
    );
    // Unknown users at every ISP are a list problem, not an incident.
    let ctx = Context {
        scope: Some(Scope::All),
        ..none()
    };
    assert_eq!(level(&unknown_user(), &ctx), Severity::P4);
}

// --- P3 rows

#[test]
fn p3_deferral_rate_10_to_30_inclusive() {
    for rate in [10.0, 10.5, 20.0, 29.99, 30.0] {
        let ctx = Context {
            rate: Some(rate),
            ..none()
        };
        assert_eq!(level(&unknown_user(), &ctx), Severity::P3, "rate {rate}");
    }
}

#[test]
fn below_10_percent_the_rate_alone_is_no_incident() {
    for rate in [0.0, 5.0, 9.9, 9.999] {
        let ctx = Context {
            rate: Some(rate),
            ..none()
        };
        assert_eq!(level(&unknown_user(), &ctx), Severity::P4, "rate {rate}");
        // ...and it does not lower what the text says.
        let d = diag(Category::Blocklist, None, 550);
        assert_eq!(level(&d, &ctx), Severity::P2);
    }
}

#[test]
fn p3_snds_yellow_and_complaint_spike() {
    let ctx = Context {
        snds: Some(Snds::Yellow),
        ..none()
    };
    assert_eq!(level(&unknown_user(), &ctx), Severity::P3);
    let ctx = Context {
        complaint_spike: true,
        ..none()
    };
    assert_eq!(level(&unknown_user(), &ctx), Severity::P3);
    // Green changes nothing.
    let ctx = Context {
        snds: Some(Snds::Green),
        ..none()
    };
    assert_eq!(level(&unknown_user(), &ctx), Severity::P4);
}

#[test]
fn p3_throttling_and_deferrals() {
    let d = diagnose("421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to user complaints - 4.16.55.1");
    assert_eq!(d.category, Category::RateLimit);
    assert_eq!(level(&d, &none()), Severity::P3);
    let d = diagnose("451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation. (S775)");
    assert_eq!(level(&d, &none()), Severity::P3);
}

#[test]
fn p3_content_dns_tls_connection() {
    for cat in [
        Category::Content,
        Category::Dns,
        Category::Tls,
        Category::Connection,
    ] {
        assert_eq!(
            level(&diag(cat, None, 550), &none()),
            Severity::P3,
            "{cat:?}"
        );
        assert_eq!(
            level(&diag(cat, Some(Isp::Outlook), 451), &none()),
            Severity::P3,
            "{cat:?}"
        );
    }
}

#[test]
fn p3_receiver_misconfigurations_citing_lists() {
    let d = diagnose("554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; Error: open resolver; https://www.spamhaus.org/returnc/pub/192.0.2.53");
    assert_eq!(d.blocklist, Some(Blocklist::Spamhaus));
    assert!(d.hint.is_some());
    assert_eq!(level(&d, &none()), Severity::P3);
    let d = diagnose("554 5.7.1 Client host [192.0.2.1] blocked using dnsbl.sorbs.net");
    assert_eq!(d.blocklist, Some(Blocklist::Sorbs));
    assert_eq!(level(&d, &none()), Severity::P3);
}

// --- P4 rows

#[test]
fn p4_minor_issues() {
    for cat in [
        Category::Recipient,
        Category::MailboxFull,
        Category::Greylist,
        Category::Relay,
        Category::Other,
    ] {
        assert_eq!(
            level(&diag(cat, Some(Isp::Gmail), 550), &none()),
            Severity::P4,
            "{cat:?}"
        );
    }
    assert_eq!(level(&Diagnosis::default(), &none()), Severity::P4);
}

#[test]
fn a_few_messages_lower_by_one_level() {
    let few = Context {
        volume: Volume::Few,
        ..none()
    };
    assert_eq!(
        level(&diag(Category::Blocklist, None, 550), &few),
        Severity::P3
    );
    assert_eq!(
        level(&diag(Category::RateLimit, None, 421), &few),
        Severity::P4
    );
    assert_eq!(level(&unknown_user(), &few), Severity::P4);
    // The context still raises it.
    let few_red = Context {
        snds: Some(Snds::Red),
        ..few
    };
    assert_eq!(
        level(&diag(Category::RateLimit, None, 421), &few_red),
        Severity::P2
    );
}

#[test]
fn every_change_of_level_says_why() {
    let ctx = Context {
        rate: Some(35.0),
        snds: Some(Snds::Yellow),
        complaint_spike: true,
        ..none()
    };
    let a = assess(&unknown_user(), &ctx);
    assert_eq!(a.severity, Severity::P2);
    let all = a.reasons.join(" ");
    assert!(all.contains("35%"), "{all}");
    assert!(all.contains("SNDS"), "{all}");
    assert!(all.contains("complaints"), "{all}");
    assert!(a.next_steps.iter().any(|s| s.contains("SNDS screenshot")));
}

#[test]
fn next_steps_follow_the_guides_incident_types() {
    let a = assess(&diag(Category::Blocklist, None, 550), &none());
    assert!(a
        .next_steps
        .iter()
        .any(|s| s.contains("blacklist reference")));
    assert!(a.next_steps.iter().any(|s| s.contains("24–48 hours")));
    let a = assess(&diag(Category::Auth, Some(Isp::Gmail), 550), &none());
    assert!(a.next_steps.iter().any(|s| s.contains("within 2 hours")));
    let a = assess(
        &unknown_user(),
        &Context {
            powermta_down: true,
            ..none()
        },
    );
    assert!(a.next_steps[0].contains("URGENT"));
}
