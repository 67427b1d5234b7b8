//! `guide serve` bounds what a client controls: a request line over 8 KiB is refused
//! (414), a head over 64 KiB too (431), a head that does not arrive in time (408), an
//! idle connection is closed, and the server goes on serving others throughout. Waits
//! are bounded by read time-outs; nothing asserts on timing.
use crate::common::server::*;
use crate::common::*;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

fn connect(port: u16) -> TcpStream {
    let s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s
}

/// Everything the server sends until it closes the connection (a reset after the
/// response counts as the close).
fn read_until_closed(s: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!("the server neither answered nor closed: {e}"),
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn status_of(response: &str) -> Option<u16> {
    response.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn an_overlong_request_line_or_head_is_refused_and_the_server_goes_on() {
    let dir = site("basic");
    let server = start(dir.path());
    // A 9 KiB URL (sent without its end: the server must not wait for it).
    let mut s = connect(server.1);
    let _ = write!(s, "GET /{} HTTP/1.1\r\n", "a".repeat(9 * 1024));
    assert_eq!(status_of(&read_until_closed(&mut s)), Some(414));
    // 70 KiB of headers.
    let mut s = connect(server.1);
    let mut head = String::from("GET / HTTP/1.1\r\nHost: x\r\n");
    for i in 0..70 {
        head.push_str(&format!("X-Filler-{i}: {}\r\n", "b".repeat(1000)));
    }
    // (The server may answer before all of it arrived.)
    let _ = s.write_all(head.as_bytes());
    assert_eq!(status_of(&read_until_closed(&mut s)), Some(431));
    // A 200 MB URL is not read into memory: refused after its first 8 KiB.
    let mut s = connect(server.1);
    let chunk = vec![b'c'; 1 << 20];
    let _ = s.write_all(b"GET /");
    for _ in 0..200 {
        if s.write_all(&chunk).is_err() {
            break;
        }
    }
    let (status, _, body) = get(server.1, "/about-us/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("We run mail servers."));
}

#[test]
fn other_methods_and_malformed_heads_are_refused() {
    let dir = site("basic");
    let server = start(dir.path());
    for (request, status) in [
        ("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", 405),
        ("GET / HTTP/1.1\r\nBad Header\r\n\r\n", 400),
        ("\u{1}\u{2}\r\n\r\n", 400),
    ] {
        let mut s = connect(server.1);
        s.write_all(request.as_bytes()).unwrap();
        assert_eq!(
            status_of(&read_until_closed(&mut s)),
            Some(status),
            "{request:?}"
        );
    }
}

#[test]
fn idle_and_slow_connections_are_closed() {
    let dir = site("basic");
    let server = start_with(dir.path(), &["--idle-timeout", "1"]);
    // Never sends a byte: closed without an answer.
    let mut idle = connect(server.1);
    assert_eq!(read_until_closed(&mut idle), "");
    // Starts a head and stops: 408.
    let mut slow = connect(server.1);
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    assert_eq!(status_of(&read_until_closed(&mut slow)), Some(408));
    // Keep-alive: two requests in one write get two answers, then the idle close.
    let mut s = connect(server.1);
    s.write_all(
        b"GET /about-us/ HTTP/1.1\r\nHost: x\r\n\r\nHEAD /about-us/ HTTP/1.1\r\nHost: x\r\n\r\n",
    )
    .unwrap();
    let both = read_until_closed(&mut s);
    assert_eq!(both.matches("HTTP/1.1 200 OK").count(), 2, "{both}");
    assert_eq!(both.matches("We run mail servers.").count(), 1, "{both}");
}

#[test]
fn connections_beyond_the_limit_are_answered_busy_and_the_server_recovers() {
    let dir = site("basic");
    let server = start(dir.path());
    let mut held: Vec<TcpStream> = (0..300).map(|_| connect(server.1)).collect();
    for s in &held {
        s.set_nonblocking(true).unwrap();
    }
    // The refused ones get their answer at once; the others wait for a request.
    let mut busy = vec![false; held.len()];
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while busy.iter().filter(|b| **b).count() < 300 - 256 {
        assert!(std::time::Instant::now() < deadline, "{busy:?}");
        for (s, b) in held.iter_mut().zip(busy.iter_mut()) {
            let mut buf = [0u8; 64];
            if let Ok(n) = s.read(&mut buf) {
                *b |= buf[..n].starts_with(b"HTTP/1.1 503");
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(held);
    wait_for(server.1, "/about-us/", "We run mail servers.");
}
