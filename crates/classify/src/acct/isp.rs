//! Recipient domain and receiving MTA host -> mailbox provider ([`Isp`]).

use crate::Isp;

/// The ISP a recipient domain (lowercase ASCII) belongs to by its name alone, or `None`
/// when the name says nothing (a company domain may still be hosted by Google or
/// Microsoft: see [`isp_of_host`]).
pub fn isp_of_domain(domain: &str) -> Option<Isp> {
    let domain = domain.trim_end_matches('.');
    match domain {
        "gmail.com" | "googlemail.com" => return Some(Isp::Gmail),
        "ymail.com" | "rocketmail.com" | "aim.com" => return Some(Isp::Yahoo),
        "icloud.com" | "me.com" | "mac.com" => return Some(Isp::Apple),
        "web.de" => return Some(Isp::Gmx),
        "orange.fr" | "wanadoo.fr" => return Some(Isp::Orange),
        "comcast.net" => return Some(Isp::Comcast),
        // Yahoo! JAPAN is a different company with its own servers.
        "yahoo.co.jp" => return None,
        _ => {}
    }
    let (label, suffix) = domain.split_once('.')?;
    if !is_tld_variant(suffix) {
        return None;
    }
    match label {
        "hotmail" | "outlook" | "live" | "msn" | "windowslive" | "passport" => Some(Isp::Outlook),
        "yahoo" | "aol" => Some(Isp::Yahoo),
        "gmx" => Some(Isp::Gmx),
        _ => None,
    }
}

/// `com`, `fr`, `co.uk`, `com.br`...: a public suffix under which the big providers
/// register their country variants (not `example.com`).
fn is_tld_variant(suffix: &str) -> bool {
    let short = |s: &str| (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase());
    match suffix.split_once('.') {
        None => short(suffix),
        Some((second, tld)) => {
            matches!(second, "co" | "com" | "net" | "org" | "ne" | "or") && short(tld)
        }
    }
}

/// The ISP of a receiving MTA as PowerMTA logs it in `dsnMta`
/// (`gmail-smtp-in.l.google.com (142.250.27.26)`), or `None`.
pub fn isp_of_host(dsn_mta: &str) -> Option<Isp> {
    let host = dsn_mta
        .split(|c: char| c.is_whitespace() || c == '(' || c == '[')
        .find(|s| !s.is_empty())?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    const HOSTS: &[(&str, Isp)] = &[
        ("google.com", Isp::Gmail),
        ("googlemail.com", Isp::Gmail),
        ("gmail.com", Isp::Gmail),
        ("outlook.com", Isp::Outlook),
        ("hotmail.com", Isp::Outlook),
        ("msn.com", Isp::Outlook),
        ("live.com", Isp::Outlook),
        ("yahoodns.net", Isp::Yahoo),
        ("yahoo.com", Isp::Yahoo),
        ("aol.com", Isp::Yahoo),
        ("icloud.com", Isp::Apple),
        ("apple.com", Isp::Apple),
        ("me.com", Isp::Apple),
        ("gmx.net", Isp::Gmx),
        ("gmx.com", Isp::Gmx),
        ("gmx.de", Isp::Gmx),
        ("web.de", Isp::Gmx),
        ("orange.fr", Isp::Orange),
        ("wanadoo.fr", Isp::Orange),
        ("comcast.net", Isp::Comcast),
    ];
    HOSTS.iter().find_map(|(zone, isp)| {
        let under = host.strip_suffix(zone)?;
        (under.is_empty() || under.ends_with('.')).then_some(*isp)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_of_the_big_providers() {
        let cases = [
            ("gmail.com", Some(Isp::Gmail)),
            ("googlemail.com", Some(Isp::Gmail)),
            ("hotmail.co.uk", Some(Isp::Outlook)),
            ("outlook.fr", Some(Isp::Outlook)),
            ("live.com.au", Some(Isp::Outlook)),
            ("msn.com", Some(Isp::Outlook)),
            ("yahoo.fr", Some(Isp::Yahoo)),
            ("aol.com", Some(Isp::Yahoo)),
            ("ymail.com", Some(Isp::Yahoo)),
            ("rocketmail.com", Some(Isp::Yahoo)),
            ("me.com", Some(Isp::Apple)),
            ("gmx.de", Some(Isp::Gmx)),
            ("web.de", Some(Isp::Gmx)),
            ("wanadoo.fr", Some(Isp::Orange)),
            ("comcast.net", Some(Isp::Comcast)),
            ("example.com", None),
            ("outlook.example.com", None),
            ("yahoo.co.jp", None),
            ("livecom", None),
        ];
        for (domain, isp) in cases {
            assert_eq!(isp_of_domain(domain), isp, "{domain}");
        }
    }

    #[test]
    fn receiving_hosts() {
        assert_eq!(
            isp_of_host("gmail-smtp-in.l.google.com (142.250.27.26)"),
            Some(Isp::Gmail)
        );
        assert_eq!(
            isp_of_host("example-com.mail.protection.outlook.com (52.101.1.1)"),
            Some(Isp::Outlook)
        );
        assert_eq!(isp_of_host("mta7.am0.yahoodns.net"), Some(Isp::Yahoo));
        assert_eq!(isp_of_host("notgoogle.com (1.2.3.4)"), None);
        assert_eq!(isp_of_host("mx.example.org (1.2.3.4)"), None);
        assert_eq!(isp_of_host(""), None);
    }
}
