//! Throughput of `guide classify --lines`, on demand: `cargo bench -p guide --bench lines`.
//!
//! The real pipeline ([`guide::cli::classify::classify_lines`]: blocks of lines read while
//! the previous ones are classified on every core, cached answers, JSON Lines out) over a
//! log of 128 MiB in memory, written to a sink. The log is every text of the real-bounce
//! corpus flattened to one line (as a log has them), repeated; bytes per second (target:
//! 200 MB/s or more). The end-to-end figure with the binary and real files is in
//! `crates/classify/README.md`.

use std::hint::black_box;

use classify::Context;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// The corpus texts, each flattened to one line (line breaks become spaces).
fn corpus_lines() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/bounces.toml"
    );
    let raw = std::fs::read_to_string(path).expect("the corpus");
    let corpus: toml::Table = toml::from_str(&raw).expect("a valid corpus");
    corpus["case"]
        .as_array()
        .expect("[[case]] entries")
        .iter()
        .filter_map(|c| c.get("text")?.as_str())
        .map(|t| t.replace(['\r', '\n'], " "))
        .collect()
}

fn log(lines: &[String], size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size + 4096);
    while out.len() < size {
        for l in lines {
            out.extend_from_slice(l.as_bytes());
            out.push(b'\n');
        }
    }
    out
}

fn benches(c: &mut Criterion) {
    let lines = corpus_lines();
    let input = log(&lines, 128 << 20);
    let ctx = Context::default();
    eprintln!(
        "log: {} MiB, {} corpus texts as lines, {} threads",
        input.len() >> 20,
        lines.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let mut g = c.benchmark_group("lines");
    g.throughput(Throughput::Bytes(input.len() as u64));
    g.sample_size(10);
    g.bench_function("log", |b| {
        b.iter(|| {
            guide::cli::classify::classify_lines(black_box(&input[..]), std::io::sink(), &ctx)
                .expect("classified")
        })
    });
    g.finish();
}

criterion_group!(group, benches);
criterion_main!(group);
