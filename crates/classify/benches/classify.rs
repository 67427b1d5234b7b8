//! Throughput of the classifier, on demand: `cargo bench -p classify --bench classify`.
//!
//! - `diagnose/typical` and `classify/typical`: the real bounces of the corpus that are
//!   150-300 bytes long, one after another (elements per second; target >= 1,000,000/s).
//!
//! `guide classify --lines` (target >= 200 MB/s) has its own bench, over the real pipeline:
//! `cargo bench -p guide --bench lines`.

use std::hint::black_box;

use classify::Context;
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
}

criterion_group!(group, benches);
criterion_main!(group);
