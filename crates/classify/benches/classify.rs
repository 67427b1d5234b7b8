//! Placeholder replaced by the throughput benchmarks.
fn main() {}
