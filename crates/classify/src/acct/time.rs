//! PowerMTA's `timeLogged` (`2026-09-21 12:00:00+0000`, also `T`, `Z`, `+02:00`) to Unix
//! seconds, so the time window is right across offsets, and Unix seconds back to RFC 3339
//! UTC text for the timeline.

/// Seconds since 1970-01-01 UTC, or `None` when the text is not such a timestamp.
pub(crate) fn parse(text: &[u8]) -> Option<i64> {
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(part.iter().fold(0i64, |n, &d| n * 10 + i64::from(d - b'0')))
    };
    if text.len() < 19
        || text[4] != b'-'
        || text[7] != b'-'
        || !matches!(text[10], b' ' | b'T')
        || text[13] != b':'
        || text[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let offset = parse_offset(text[19..].trim_ascii())?;
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset)
}

fn parse_offset(rest: &[u8]) -> Option<i64> {
    let rest = match rest
        .iter()
        .position(|&b| b == b'+' || b == b'-' || b == b'Z')
    {
        // fractional seconds before the offset are ignored
        Some(i) if rest[..i].iter().all(|b| *b == b'.' || b.is_ascii_digit()) => &rest[i..],
        Some(_) => return None,
        None if rest.iter().all(|b| *b == b'.' || b.is_ascii_digit()) => return Some(0),
        None => return None,
    };
    if rest == b"Z" {
        return Some(0);
    }
    let sign = if rest[0] == b'-' { -1 } else { 1 };
    // `hhmm` or `hh:mm` (any colons are skipped), read without allocating: this runs for
    // every record.
    let mut digits = [0i64; 4];
    let mut n = 0;
    for &b in rest[1..].iter().filter(|b| **b != b':') {
        if n == 4 || !b.is_ascii_digit() {
            return None;
        }
        digits[n] = i64::from(b - b'0');
        n += 1;
    }
    if n != 4 {
        return None;
    }
    let [h1, h2, m1, m2] = digits;
    Some(sign * ((h1 * 10 + h2) * 3600 + (m1 * 10 + m2) * 60))
}

/// `2026-09-21T12:00:00Z`: Unix seconds as RFC 3339 UTC text.
pub(crate) fn rfc3339(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// The date of a day number (days since 1970-01-01), the inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::{parse, rfc3339};

    #[test]
    fn powermta_timestamps() {
        assert_eq!(parse(b"1970-01-01 00:00:00+0000"), Some(0));
        assert_eq!(parse(b"2026-09-21 12:00:00+0000"), Some(1_789_992_000));
        assert_eq!(parse(b"2026-09-21 14:00:00+0200"), Some(1_789_992_000));
        assert_eq!(parse(b"2026-09-21T07:00:00-05:00"), Some(1_789_992_000));
        assert_eq!(parse(b"2026-09-21 12:00:00Z"), Some(1_789_992_000));
        assert_eq!(parse(b"2026-09-21 12:00:00"), Some(1_789_992_000));
        assert_eq!(parse(b"2026-09-21 12:00:00.250+0000"), Some(1_789_992_000));
        assert_eq!(parse(b"2024-02-29 00:00:00+0000"), Some(1_709_164_800));
    }

    #[test]
    fn rfc3339_is_the_inverse_of_parse() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
        for text in [
            "2026-09-21T12:00:00Z",
            "2024-02-29T23:59:59Z",
            "2000-03-01T00:00:00Z",
            "1999-12-31T00:00:01Z",
            "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
        ] {
            let t = parse(text.as_bytes()).unwrap();
            assert_eq!(rfc3339(t), text);
        }
    }

    #[test]
    fn garbage_is_none() {
        for t in [
            &b""[..],
            b"yesterday",
            b"2026-13-01 00:00:00",
            b"2026-09-21 12:00:00 PST",
            b"2026-09-21 12:00:00+02",
            b"2026-09-21 12:00:00+02000",
            b"2026-09-21 12:00:00+0a00",
            b"2026-09-21 12:00:00-",
        ] {
            assert_eq!(parse(t), None, "{}", String::from_utf8_lossy(t));
        }
    }
}
