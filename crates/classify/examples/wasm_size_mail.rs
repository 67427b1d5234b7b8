//! The classifier with the whole-message reader, as a WebAssembly module, to measure what
//! reading an `.eml` adds (see the crate README): the widget loads this reader only when
//! a message is dropped or pasted. Every output byte feeds the result.

use classify::{classify_message, Context};

fn mix(acc: u32, s: &str) -> u32 {
    s.bytes().fold(acc, |a, b| a.rotate_left(5) ^ u32::from(b))
}

/// Reads `len` bytes derived from `seed` as a whole message; a checksum of the answers.
#[no_mangle]
pub extern "C" fn probe(seed: u32, len: usize) -> u32 {
    let text: Vec<u8> = (0..len).map(|i| (seed as usize + i * 31) as u8).collect();
    let mut acc = 0;
    for a in classify_message(&text, &Context::default()) {
        let c = &a.classification;
        acc = mix(acc, a.recipient.as_deref().unwrap_or_default());
        acc = mix(acc, a.not_a_bounce.map_or("", |k| k.as_str()));
        for s in c.reasons.iter().chain(&c.next_steps) {
            acc = mix(acc, s);
        }
        acc = mix(acc, &c.title);
        acc = mix(acc, &c.rule);
        acc ^= c.severity as u32 ^ u32::from(c.basic.unwrap_or(0));
    }
    acc
}
