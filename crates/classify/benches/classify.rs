//! Throughput of the classifier, on demand: `cargo bench -p classify --bench classify`.
//!
//! - `diagnose/typical` and `classify/typical`: the real bounces of the corpus that are
//!   150-300 bytes long, one after another (elements per second; target >= 1,000,000/s).
//! - `lines/log`: the per-line work of `guide classify --lines` (diagnose, reuse of the
//!   JSON of an already seen diagnosis, JSON serialisation of a new one) over a log made
//!   of every corpus text flattened to one line, repeated to 16 MiB (bytes per second;
//!   target >= 200 MB/s). The I/O around it is measured end to end by the crate README's
//!   `guide classify --lines` recipe.

use std::collections::HashMap;
use std::hint::black_box;

use classify::{Classification, Context, Diagnosis};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use serde::Deserialize;

#[derive(Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
}

fn corpus() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/bounces.toml"
    );
    let raw = std::fs::read_to_string(path).expect("the corpus");
    let c: Corpus = toml::from_str(&raw).expect("a valid corpus");
    c.case.into_iter().map(|c| c.text).collect()
}

fn typical(all: &[String]) -> Vec<String> {
    all.iter()
        .filter(|t| (150..=300).contains(&t.len()))
        .cloned()
        .collect()
}

fn log(all: &[String], size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + 4096);
    while out.len() < size {
        for t in all {
            out.extend(
                t.bytes()
                    .map(|b| if b == b'\n' || b == b'\r' { b' ' } else { b }),
            );
            out.push(b'\n');
        }
    }
    out
}

/// The loop of `guide classify --lines` without the file handles.
fn lines(input: &[u8], ctx: &Context, out: &mut Vec<u8>) -> usize {
    let mut cache: HashMap<Diagnosis, Vec<u8>> = HashMap::new();
    let mut n = 0;
    for line in input.split(|&b| b == b'\n') {
        let d = classify::diagnose_bytes(line);
        if let Some(json) = cache.get(&d) {
            out.extend_from_slice(json);
        } else {
            let a = classify::assess(&d, ctx);
            let mut json = serde_json::to_vec(&Classification::new(d.clone(), a)).expect("JSON");
            json.push(b'\n');
            out.extend_from_slice(&json);
            cache.insert(d, json);
        }
        n += 1;
    }
    n
}

fn benches(c: &mut Criterion) {
    let all = corpus();
    let texts = typical(&all);
    let ctx = Context::default();
    let mean = texts.iter().map(String::len).sum::<usize>() / texts.len();
    eprintln!(
        "typical bounces: {} texts of 150-300 bytes, {mean} bytes on average",
        texts.len()
    );

    let mut g = c.benchmark_group("diagnose");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("typical", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(classify::diagnose(black_box(t)));
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("classify");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("typical", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(classify::classify(black_box(t), &ctx));
            }
        })
    });
    g.finish();

    let input = log(&all, 16 << 20);
    let mut out = Vec::with_capacity(input.len() * 4);
    let mut g = c.benchmark_group("lines");
    g.throughput(Throughput::Bytes(input.len() as u64));
    g.sample_size(10);
    g.bench_function("log", |b| {
        b.iter(|| {
            out.clear();
            black_box(lines(black_box(&input), &ctx, &mut out))
        })
    });
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
