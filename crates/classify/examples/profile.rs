//! Runs the classifier over the corpus texts many times, for profilers
//! (`valgrind --tool=callgrind target/release/examples/profile 2000`).

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/corpus/bounces.toml"
    );
    let raw = std::fs::read_to_string(path).expect("the corpus");
    let texts: Vec<String> = raw
        .split("text = '''")
        .skip(1)
        .filter_map(|t| t.split("'''").next())
        .filter(|t| (150..=300).contains(&t.len()))
        .map(str::to_owned)
        .collect();
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let ctx = classify::Context::default();
    let assess = std::env::args().nth(2).is_some();
    let start = std::time::Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for t in &texts {
            if assess {
                std::hint::black_box(classify::classify(std::hint::black_box(t), &ctx));
            } else {
                std::hint::black_box(classify::diagnose(std::hint::black_box(t)));
            }
            n += 1;
        }
    }
    let s = start.elapsed().as_secs_f64();
    eprintln!(
        "{n} texts ({} distinct) in {s:.3} s: {:.0}/s",
        texts.len(),
        n as f64 / s
    );
}
