//! The classifier alone as a WebAssembly module, to measure its size (see the crate
//! README): every public step runs on input only known at run time, and every output
//! byte feeds the result, so nothing can be optimised away.

use classify::report::{build_email, Contacts, ReportFields};
use classify::{classify_bytes, Context, Scope};

fn mix(acc: u32, s: &str) -> u32 {
    s.bytes().fold(acc, |a, b| a.rotate_left(5) ^ u32::from(b))
}

/// Classifies `len` bytes derived from `seed` and returns a checksum of everything.
#[no_mangle]
pub extern "C" fn probe(seed: u32, len: usize, rate: f64) -> u32 {
    let text: Vec<u8> = (0..len).map(|i| (seed as usize + i * 31) as u8).collect();
    let ctx = Context {
        rate: Some(rate),
        scope: Some(Scope::One),
        ..Context::default()
    };
    let c = classify_bytes(&text, &ctx);
    let fields = ReportFields {
        bounce: String::from_utf8_lossy(&text).into_owned(),
        ..ReportFields::default()
    };
    let e = build_email(&c, &fields, &Contacts::default());
    let mut acc = u32::from(c.basic.unwrap_or(0)) ^ c.severity as u32;
    for s in c
        .reasons
        .iter()
        .chain(&c.next_steps)
        .map(|s| &**s)
        .chain([&*c.title, &c.rule, &e.mailto, &e.subject, &e.body])
    {
        acc = mix(acc, s);
    }
    for s in [
        c.meaning.as_deref(),
        c.hint.as_deref(),
        c.enhanced.as_deref(),
        e.tel.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        acc = mix(acc, s);
    }
    mix(acc, c.category.as_str())
}
