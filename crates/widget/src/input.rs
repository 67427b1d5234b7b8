//! The facade's JSON inputs as the classifier's structs, from [`json`](crate::json)
//! values, by serde's rules for their derives: unknown members are ignored, a member
//! named twice is an error, a missing `Option` is `None` and `null` is `None`, a missing
//! member of a struct with `#[serde(default)]` takes its default, any other missing
//! member is an error. (Serde also reads a struct from an array of its fields in order;
//! no caller writes that, and it is refused here.) Enum spellings come from the classifier's own tables (`as_str`,
//! the JSON contract); the tests compare every struct with serde_json's reading.

use std::borrow::Cow;

use classify::report::{Contact, Contacts, Level, ReportFields, ReportItem};
use classify::{
    Blocklist, BounceKind, Category, Classification, Context, Isp, Scope, Severity, Snds, Volume,
};

use crate::json::{self, Value};
use crate::output::join;

type Members<'v, 'a> = &'v [(Cow<'a, str>, Value<'a>)];

/// The members of an object, looked up by name.
pub(crate) struct Object<'v, 'a>(Members<'v, 'a>);

impl<'v, 'a> Object<'v, 'a> {
    fn of(v: &'v Value<'a>) -> Result<Self, String> {
        match v {
            Value::Object(m) => Ok(Object(m)),
            other => Err(expected("an object", other)),
        }
    }

    /// The member `name`, if present (an error if it is there twice).
    fn get(&self, name: &str) -> Result<Option<&'v Value<'a>>, String> {
        let mut found = self.0.iter().filter(|(k, _)| k == name).map(|(_, v)| v);
        let first = found.next();
        if found.next().is_some() {
            return Err(join(&["duplicate field `", name, "`"]));
        }
        Ok(first)
    }

    /// A member that must be present.
    fn need<T>(
        &self,
        name: &str,
        read: impl FnOnce(&'v Value<'a>) -> Result<T, String>,
    ) -> Result<T, String> {
        match self.get(name)? {
            Some(v) => read(v).map_err(|e| in_member(name, e)),
            None => Err(join(&["missing field `", name, "`"])),
        }
    }

    /// A member with a default when missing.
    fn or<T>(
        &self,
        name: &str,
        default: T,
        read: impl FnOnce(&'v Value<'a>) -> Result<T, String>,
    ) -> Result<T, String> {
        match self.get(name)? {
            Some(v) => read(v).map_err(|e| in_member(name, e)),
            None => Ok(default),
        }
    }

    /// An `Option` member: missing or `null` is `None`.
    fn opt<T>(
        &self,
        name: &str,
        read: impl FnOnce(&'v Value<'a>) -> Result<T, String>,
    ) -> Result<Option<T>, String> {
        match self.get(name)? {
            None | Some(Value::Null) => Ok(None),
            Some(v) => read(v).map(Some).map_err(|e| in_member(name, e)),
        }
    }
}

/// An error of member `name`'s value, prefixed with its name.
fn in_member(name: &str, e: String) -> String {
    join(&[name, ": ", &e])
}

fn expected(what: &str, v: &Value) -> String {
    join(&["expected ", what, ", found ", v.kind()])
}

fn string(v: &Value) -> Result<String, String> {
    match v {
        Value::String(s) => Ok(s.as_ref().to_owned()),
        other => Err(expected("a string", other)),
    }
}

fn boolean(v: &Value) -> Result<bool, String> {
    match v {
        Value::Bool(b) => Ok(*b),
        other => Err(expected("a boolean", other)),
    }
}

fn strings(v: &Value) -> Result<Vec<String>, String> {
    list(v, string)
}

fn list<'v, 'a, T>(
    v: &'v Value<'a>,
    read: impl Fn(&'v Value<'a>) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    match v {
        Value::Array(items) => items.iter().map(read).collect(),
        other => Err(expected("an array", other)),
    }
}

fn number(v: &Value) -> Result<f64, String> {
    match v {
        // serde_json refuses a number out of range (`1e400`) too.
        Value::Number(n) => Some(decimal(n))
            .filter(|x| x.is_finite())
            .ok_or_else(|| join(&["number out of range: ", n])),
        other => Err(expected("a number", other)),
    }
}

/// Significant digits of a number that are read exactly (10^15 < 2^53).
const DIGITS: u32 = 15;

/// A JSON number (its grammar already checked) as the nearest `f64` when it has at most
/// 15 significant digits and a decimal exponent within ±22, as a rate typed by a person
/// has: one multiplication or division of two exact values, rounded once. Longer numbers
/// are first rounded to 15 digits, and numbers beyond 10^±22 are scaled in steps (not
/// always the nearest). Core's `str::parse::<f64>`, exact for every number, brings tables
/// of powers of five (about 10 KB) into the widget's WebAssembly module. Read byte by
/// byte in one pass: `str`'s searchers (`find`, `split_once`) and `parse::<i32>` for the
/// exponent were as large again as the arithmetic.
pub(crate) fn decimal(text: &str) -> f64 {
    let (mut mantissa, mut kept, mut exp10) = (0u64, 0u32, 0i64);
    let mut first_dropped = None;
    let (mut negative, mut fraction) = (false, false);
    // The exponent written after `e`, as `parse::<i32>` reads it: beyond its range, its
    // least or greatest value.
    let (mut exponent, mut in_exponent, mut exponent_negative) = (0i64, false, false);
    const LIMIT: i64 = 1 << 31;
    for b in text.bytes() {
        let d = u64::from(b.wrapping_sub(b'0'));
        match b {
            b'-' if in_exponent => exponent_negative = true,
            b'-' => negative = true,
            b'+' => {}
            b'.' => fraction = true,
            b'e' | b'E' => in_exponent = true,
            _ if in_exponent => exponent = (exponent * 10 + d as i64).min(LIMIT),
            _ if kept < DIGITS => {
                mantissa = mantissa * 10 + d;
                kept += u32::from(mantissa > 0);
                exp10 -= i64::from(fraction);
            }
            _ => {
                first_dropped.get_or_insert(d);
                exp10 += i64::from(!fraction);
            }
        }
    }
    mantissa += u64::from(first_dropped.is_some_and(|d| d >= 5));
    let exponent = if exponent_negative {
        -exponent
    } else {
        exponent.min(LIMIT - 1)
    };
    let value = scaled(mantissa as f64, exp10 + exponent);
    if negative {
        -value
    } else {
        value
    }
}

/// `m * 10^e`: exact powers within ±22, steps of 10^22 beyond (until 0 or infinity).
fn scaled(m: f64, e: i64) -> f64 {
    // 10^0..10^22 are exact in an `f64`, and so is each product on the way to them
    // (a table of them was 184 bytes of the wasm's data).
    let exact = |e: i64| (0..e.unsigned_abs().min(22)).fold(1.0, |p, _| p * 10.0);
    if m == 0.0 || e == 0 {
        return m;
    }
    let (mut v, mut e) = (m, e);
    while e > 22 && v.is_finite() {
        v *= 1e22;
        e -= 22;
    }
    while e < -22 && v != 0.0 {
        v /= 1e22;
        e += 22;
    }
    if e >= 0 {
        v * exact(e)
    } else {
        v / exact(e)
    }
}

/// An integer reply code (`550`; `550.0` is not one, as for serde).
fn reply_code(v: &Value) -> Result<u16, String> {
    match v {
        Value::Number(n) => n
            .parse()
            .map_err(|_| join(&[n, " is not an integer from 0 to 65535"])),
        other => Err(expected("a number", other)),
    }
}

/// One of an enum's JSON spellings.
fn one_of<T: Copy>(v: &Value, all: &[T], spell: impl Fn(T) -> &'static str) -> Result<T, String> {
    let Value::String(s) = v else {
        return Err(expected("a string", v));
    };
    all.iter()
        .copied()
        .find(|&t| spell(t) == s.as_ref())
        .ok_or_else(|| join(&["unknown variant `", s, "`"]))
}

/// The spellings of the enums the classifier's tables do not list.
pub(crate) mod spelling {
    use super::*;

    pub(super) const SCOPES: [Scope; 3] = [Scope::One, Scope::Several, Scope::All];
    pub(crate) fn scope(s: Scope) -> &'static str {
        match s {
            Scope::One => "one",
            Scope::Several => "several",
            Scope::All => "all",
        }
    }
    pub(super) const VOLUMES: [Volume; 2] = [Volume::Many, Volume::Few];
    pub(crate) fn volume(v: Volume) -> &'static str {
        match v {
            Volume::Many => "many",
            Volume::Few => "few",
        }
    }
    pub(super) const SNDS: [Snds; 3] = [Snds::Green, Snds::Yellow, Snds::Red];
    pub(crate) fn snds(s: Snds) -> &'static str {
        match s {
            Snds::Green => "green",
            Snds::Yellow => "yellow",
            Snds::Red => "red",
        }
    }
    pub(super) const KINDS: [BounceKind; 3] =
        [BounceKind::Hard, BounceKind::Soft, BounceKind::Internal];
    pub(crate) fn kind(k: BounceKind) -> &'static str {
        match k {
            BounceKind::Hard => "hard",
            BounceKind::Soft => "soft",
            BounceKind::Internal => "internal",
        }
    }
    pub(super) const SEVERITIES: [Severity; 4] =
        [Severity::P1, Severity::P2, Severity::P3, Severity::P4];
    pub(crate) fn severity(s: Severity) -> &'static str {
        match s {
            Severity::P1 => "P1",
            Severity::P2 => "P2",
            Severity::P3 => "P3",
            Severity::P4 => "P4",
        }
    }
}

/// Reads `text` as JSON and builds a `T` from it.
pub(crate) fn read<T>(
    text: &str,
    build: impl FnOnce(&Object) -> Result<T, String>,
) -> Result<T, String> {
    let value = json::parse(text)?;
    build(&Object::of(&value)?)
}

/// The context's members in the order of its fields (its errors come in that order).
const CONTEXT: [&str; 8] = [
    "rate",
    "scope",
    "volume",
    "powermta_down",
    "mailwizz_down",
    "full_outage",
    "snds",
    "complaint_spike",
];

/// The context, member after member into its default, with one reading of each member
/// rather than an `opt`/`or` instance per field: the message module reads no other
/// JSON, and those instances were most of its JSON code.
pub(crate) fn context(o: &Object) -> Result<Context, String> {
    let mut c = Context::default();
    for (i, name) in CONTEXT.into_iter().enumerate() {
        // Missing: the default; `null`: `None` for the `Option` fields (their default).
        let v = match o.get(name)? {
            None => continue,
            Some(Value::Null) if matches!(i, 0 | 1 | 6) => continue,
            Some(v) => v,
        };
        match i {
            0 => number(v).map(|x| c.rate = Some(x)),
            1 => one_of(v, &spelling::SCOPES, spelling::scope).map(|s| c.scope = Some(s)),
            2 => one_of(v, &spelling::VOLUMES, spelling::volume).map(|s| c.volume = s),
            6 => one_of(v, &spelling::SNDS, spelling::snds).map(|s| c.snds = Some(s)),
            _ => boolean(v).map(|b| {
                *match i {
                    3 => &mut c.powermta_down,
                    4 => &mut c.mailwizz_down,
                    5 => &mut c.full_outage,
                    _ => &mut c.complaint_spike,
                } = b;
            }),
        }
        .map_err(|e| in_member(name, e))?;
    }
    Ok(c)
}

pub(crate) fn report_fields(o: &Object) -> Result<ReportFields, String> {
    let text = |name| o.or(name, String::new(), string);
    Ok(ReportFields {
        domains: text("domains")?,
        started: text("started")?,
        changes: text("changes")?,
        isps: text("isps")?,
        rate: text("rate")?,
        bounce: text("bounce")?,
    })
}

pub(crate) fn contacts(o: &Object) -> Result<Contacts, String> {
    Ok(Contacts {
        contact: o.need("contact", |v| {
            let c = Object::of(v)?;
            Ok(Contact {
                email: c.need("email", string)?,
                phone: c.need("phone", string)?,
                phone_tel: c.need("phone_tel", string)?,
            })
        })?,
        levels: o.need("levels", |v| list(v, level))?,
        report_items: o.or("report_items", Vec::new(), |v| {
            list(v, |item| {
                let i = Object::of(item)?;
                Ok(ReportItem {
                    text: i.or("text", String::new(), string)?,
                    field: i.or("field", String::new(), string)?,
                })
            })
        })?,
    })
}

fn level(v: &Value) -> Result<Level, String> {
    let l = Object::of(v)?;
    let text = |name| l.or(name, String::new(), string);
    Ok(Level {
        id: text("id")?,
        name: text("name")?,
        definition: l.or("definition", Vec::new(), strings)?,
        contact_method: text("contact_method")?,
        subject_tag: text("subject_tag")?,
        call: l.or("call", false, boolean)?,
        coverage: text("coverage")?,
    })
}

pub(crate) fn classification(o: &Object) -> Result<Classification, String> {
    let owned = |v: &Value| string(v).map(Cow::Owned);
    let texts = |v: &Value| strings(v).map(|t| t.into_iter().map(Cow::Owned).collect());
    Ok(Classification {
        basic: o.opt("basic", reply_code)?,
        enhanced: o.opt("enhanced", string)?,
        category: o.need("category", |v| one_of(v, Category::ALL, Category::as_str))?,
        isp: o.opt("isp", |v| one_of(v, Isp::ALL, Isp::as_str))?,
        blocklist: o.opt("blocklist", |v| {
            one_of(v, Blocklist::ALL, Blocklist::as_str)
        })?,
        bounce_kind: o.need("bounce_kind", |v| {
            one_of(v, &spelling::KINDS, spelling::kind)
        })?,
        meaning: o.opt("meaning", owned)?,
        hint: o.opt("hint", owned)?,
        rule: o.need("rule", owned)?,
        severity: o.need("severity", |v| {
            one_of(v, &spelling::SEVERITIES, spelling::severity)
        })?,
        title: o.need("title", string)?,
        reasons: o.need("reasons", texts)?,
        next_steps: o.need("next_steps", texts)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::DeserializeOwned;

    /// Ours and serde_json's reading of `text` agree: the same struct, or both an error.
    fn same<T: DeserializeOwned + PartialEq + std::fmt::Debug>(
        text: &str,
        build: impl FnOnce(&Object) -> Result<T, String>,
    ) {
        let ours = read(text, build);
        match serde_json::from_str::<T>(text) {
            Ok(want) => assert_eq!(ours, Ok(want), "{text}"),
            Err(e) => assert!(ours.is_err(), "{text}: serde_json says {e}, ours {ours:?}"),
        }
    }

    #[test]
    fn numbers_a_person_types_are_read_exactly() {
        let mut texts: Vec<String> = [
            "0",
            "-0",
            "-0.0",
            "42.5",
            "0.1",
            "0.3",
            "99.99",
            "100",
            "1e2",
            "1E+2",
            "12.5e-1",
            "0.000123",
            "123456789012345",
            "1.23456789012345",
            "900719925474099e-15",
            "1e22",
            "1e-22",
        ]
        .map(String::from)
        .to_vec();
        // Every hundredth to 100, and a walk over 15-digit mantissas and exponents.
        texts.extend((0..=10_000).map(|i| format!("{}.{:02}", i / 100, i % 100)));
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let m = x % 1_000_000_000_000_000;
            let e = (x >> 50) as i64 % 23 - ((x >> 60) as i64 % 2) * 22;
            texts.push(format!("{m}e{e}"));
            texts.push(format!("0.{m:015}"));
        }
        for t in &texts {
            assert_eq!(
                decimal(t).to_bits(),
                t.parse::<f64>().unwrap().to_bits(),
                "{t}"
            );
        }
        // Beyond: 15 digits, then scaled; still finite or infinite, never a panic.
        assert!((decimal("12.3456789012345678") - 12.345_678_901_234_6).abs() < 1e-13);
        assert_eq!(decimal("1e400"), f64::INFINITY);
        assert_eq!(decimal("1e-400"), 0.0);
        assert_eq!(decimal("1e99999999999"), f64::INFINITY);
        assert_eq!(decimal("-1e-99999999999"), 0.0);
        assert!((decimal("1e300") / 1e300 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn every_enum_spelling_is_serdes() {
        for s in spelling::SCOPES {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", spelling::scope(s))
            );
        }
        for v in spelling::VOLUMES {
            assert_eq!(
                serde_json::to_string(&v).unwrap(),
                format!("\"{}\"", spelling::volume(v))
            );
        }
        for s in spelling::SNDS {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", spelling::snds(s))
            );
        }
        for k in spelling::KINDS {
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", spelling::kind(k))
            );
        }
        for s in spelling::SEVERITIES {
            assert_eq!(
                serde_json::to_string(&s).unwrap(),
                format!("\"{}\"", spelling::severity(s))
            );
        }
    }

    #[test]
    fn contexts_read_as_serde_reads_them() {
        for text in [
            "{}",
            r#"{"powermta_down": true, "volume": "few", "snds": "red", "rate": 42.5, "scope": "all"}"#,
            r#"{"rate": null, "scope": null, "snds": null, "mailwizz_down": true, "full_outage": false, "complaint_spike": true}"#,
            r#"{"rate": 7, "scope": "several", "snds": "yellow", "volume": "many", "x": [1, {"y": null}]}"#,
            r#"{"rate": 1e2, "scope": "one", "snds": "green"}"#,
            r#"{"rate": "7"}"#,
            r#"{"volume": null}"#,
            r#"{"volume": "some"}"#,
            r#"{"powermta_down": 1}"#,
            r#"{"rate": 1, "rate": 2}"#,
            "null",
            r#"{"rate": 1} x"#,
            r#"{"rate": 1e400}"#,
        ] {
            same(text, context);
        }
    }

    #[test]
    fn report_fields_and_contacts_read_as_serde_reads_them() {
        for text in [
            "{}",
            r#"{"domains": "a.example", "started": "2024-01-01T10:00", "changes": "new IP", "isps": "Gmail", "rate": "12%", "bounce": "550 5.1.1 \u00e9"}"#,
            r#"{"bounce": 1}"#,
            r#"{"bounce": null}"#,
        ] {
            same(text, report_fields);
        }
        for text in [
            r#"{"contact": {"company": "X", "email": "help@example.net", "phone": "+1 555-0100", "phone_tel": "+15550100"},
                "levels": [{"id": "P1", "name": "Critical", "contact_method": "call", "subject_tag": "URGENT", "call": true, "coverage": "24/7", "definition": ["a", "b"]}, {}],
                "report_items": [{"text": "Domains", "field": "domains"}, {}]}"#,
            r#"{"contact": {"email": "e", "phone": "p", "phone_tel": "t"}, "levels": []}"#,
            r#"{"contact": {}, "levels": []}"#,
            r#"{"contact": {"email": "e", "phone": "p", "phone_tel": "t"}}"#,
            r#"{"contact": {"email": "e", "phone": "p", "phone_tel": "t"}, "levels": [{"call": "yes"}]}"#,
            r#"{"contact": {"email": "e", "phone": "p", "phone_tel": "t"}, "levels": {}}"#,
        ] {
            same(text, contacts);
        }
    }

    #[test]
    fn classifications_read_back_as_serde_reads_them() {
        let ctx = Context {
            rate: Some(12.0),
            ..Context::default()
        };
        for text in [
            "550 5.7.1 blocked using zen.spamhaus.org",
            "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred - gsmtp",
            "550 5.1.1 <a@gmail.com>: user unknown",
            "",
        ] {
            let json = serde_json::to_string(&classify::classify(text, &ctx)).unwrap();
            same(&json, classification);
            assert!(read(&json, classification).is_ok(), "{json}");
        }
        for text in [
            r#"{"category": "auth", "bounce_kind": "internal", "rule": "r", "severity": "P2", "title": "t", "reasons": [], "next_steps": ["x"], "basic": 550, "isp": "gmail", "blocklist": "spamhaus", "recipient": "a@b.c", "text": "550"}"#,
            r#"{"category": "auth", "bounce_kind": "internal", "rule": "r", "severity": "P2", "title": "t", "reasons": [], "next_steps": []}"#,
            r#"{"category": "auth", "bounce_kind": "internal", "rule": "r", "severity": "P2", "title": "t", "reasons": []}"#,
            r#"{"category": "nope", "bounce_kind": "internal", "rule": "r", "severity": "P2", "title": "t", "reasons": [], "next_steps": []}"#,
            r#"{"category": "auth", "bounce_kind": "internal", "rule": "r", "severity": "P2", "title": "t", "reasons": [], "next_steps": [], "basic": 550.0}"#,
            r#"{"category": "auth", "bounce_kind": "internal", "rule": "r", "severity": "P2", "title": "t", "reasons": [], "next_steps": [], "basic": 70000}"#,
            r#"{"category": "auth", "bounce_kind": "internal", "rule": "r", "severity": null, "title": "t", "reasons": [], "next_steps": []}"#,
        ] {
            same(text, classification);
        }
    }
}
