//! Throughput of the accounting reader on a synthetic, realistic file held in memory
//! (run on demand: `cargo bench -p classify --bench acct`). The end-to-end figure with
//! file reading and peak memory comes from `tests/acct/bench.sh`.

use classify::acct::AcctReader;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const HEADER: &str = "type,timeLogged,timeQueued,orig,rcpt,orcpt,dsnAction,dsnStatus,dsnDiag,dsnMta,\
bounceCat,srcType,srcMta,dlvType,dlvSourceIp,dlvDestinationIp,dlvEsmtpAvailable,dlvSize,vmta,jobId,envId,queue,vmtaPool\n";

/// About `bytes` of records: 40% Gmail with 22% deferrals, the rest spread over Outlook,
/// Yahoo and company domains; unique ids in every reply text, as in real logs.
fn synthetic(bytes: usize) -> Vec<u8> {
    let mut out = String::with_capacity(bytes + 1024);
    out.push_str(HEADER);
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut n = 0u64;
    while out.len() < bytes {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let (domain, mta) = match n % 10 {
            0..=3 => (
                "gmail.com".to_owned(),
                "gmail-smtp-in.l.google.com (142.250.27.26)",
            ),
            4 | 5 => (
                "hotmail.com".to_owned(),
                "hotmail-com.olc.protection.outlook.com (52.101.42.0)",
            ),
            6 => (
                "yahoo.com".to_owned(),
                "mta6.am0.yahoodns.net (67.195.204.72)",
            ),
            _ => (
                format!("company{}.example", seed % 5000),
                "mx.company.example (198.51.100.7)",
            ),
        };
        let id = format!("{:x}si{}b3a.{}", seed >> 20, seed % 10_000_000, seed % 999);
        let (kind, status, diag) = if n % 10 <= 3 && seed % 100 < 22 {
            (
                "t",
                "\"4.7.28 (delivery not authorized, message refused)\"",
                format!("\"smtp;421-4.7.28 [203.0.113.10] Our system has detected an unusual rate of unsolicited mail, temporarily rate limited. https://support.google.com/mail/?p=UnsolicitedRateLimitError {id} - gsmtp\""),
            )
        } else if seed % 100 < 2 {
            (
                "b",
                "5.1.1",
                format!(
                    "smtp;550 5.1.1 The email account that you tried to reach does not exist {id}"
                ),
            )
        } else {
            (
                "d",
                "2.0.0 (success)",
                format!("smtp;250 2.0.0 OK {id} - gsmtp"),
            )
        };
        out.push_str(&format!(
            "{kind},2026-09-21 12:{:02}:{:02}+0000,2026-09-21 11:59:00+0000,bounces@news.example.net,user{n}@{domain},,relayed,{status},{diag},{mta},,smtp,mw1.example.net (10.0.0.5),smtp,203.0.113.10,142.250.27.26,\"PIPELINING,SIZE,STARTTLS,ENHANCEDSTATUSCODES,8BITMIME\",{},vmta-news-{},campaign-42,,{domain}/vmta-news-1,pool-news\n",
            n / 60 % 60,
            n % 60,
            20_000 + n % 30_000,
            n % 4
        ));
        n += 1;
    }
    out.into_bytes()
}

fn bench(c: &mut Criterion) {
    let data = synthetic(32 << 20);
    let mut group = c.benchmark_group("acct");
    group.throughput(Throughput::Bytes(data.len() as u64));
    group.sample_size(10);
    group.bench_function("32 MB in 1 MB chunks", |b| {
        b.iter(|| {
            let mut reader = AcctReader::new();
            for chunk in data.chunks(1 << 20) {
                reader.push(chunk);
            }
            reader.finish()
        })
    });
    group.bench_function("32 MB in 64 KB chunks", |b| {
        b.iter(|| {
            let mut reader = AcctReader::new();
            for chunk in data.chunks(64 << 10) {
                reader.push(chunk);
            }
            reader.finish()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
