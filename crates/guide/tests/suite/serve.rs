//! `guide serve`: serves pages and `.wasm` with the right MIME type, rebuilds on change,
//! shows build errors in the page. Waits are bounded; nothing asserts on timing.
use crate::common::server::*;
use crate::common::*;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

#[test]
fn serves_pages_wasm_and_rebuilds_on_change() {
    let dir = site("basic");
    let server = start(dir.path());
    let (status, ctype, body) = get(server.1, "/about-us/");
    assert_eq!(status, 200);
    assert_eq!(ctype, "text/html; charset=utf-8");
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("We run mail servers."));
    assert!(html.contains("<script src=\"/__guide/reload.js\" defer></script></body>"));

    let (status, ctype, body) = get(server.1, "/files/app.wasm");
    assert_eq!((status, ctype.as_str()), (200, "application/wasm"));
    assert_eq!(body, b"\0asm\x01\0\0\0");

    let (status, _, _) = get(server.1, "/no/such/page/");
    assert_eq!(status, 404);

    let page = dir.path().join("content/about.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replace("We run mail servers.", "We run many mail servers."),
    )
    .unwrap();
    wait_for(server.1, "/about-us/", "We run many mail servers.");
}

#[test]
fn a_build_error_is_shown_in_the_page_and_recovers() {
    let dir = site("basic");
    let server = start(dir.path());
    let page = dir.path().join("content/about.md");
    let good = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, "+++\ntitle = \"About\"\nweight = oops\n+++\n").unwrap();
    let body = wait_for(server.1, "/", "Build failed");
    assert!(
        body.contains("content/about.md:3:10: invalid front matter"),
        "{body}"
    );
    std::fs::write(&page, good).unwrap();
    wait_for(server.1, "/about-us/", "We run mail servers.");
}

#[test]
fn the_reload_script_is_a_file_and_events_stream() {
    let dir = site("basic");
    let server = start(dir.path());
    let (status, ctype, body) = get(server.1, "/__guide/reload.js");
    assert_eq!(
        (status, ctype.as_str()),
        (200, "text/javascript; charset=utf-8")
    );
    assert!(String::from_utf8(body)
        .unwrap()
        .contains("EventSource('/__guide/events')"));
}

#[test]
fn an_edit_sends_a_reload_event() {
    let dir = site("basic");
    let server = start(dir.path());
    let mut s = TcpStream::connect(("127.0.0.1", server.1)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(s, "GET /__guide/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut reader = BufReader::new(s);
    let mut head = String::new();
    while !head.contains(": connected") {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "stream closed: {head}"
        );
        head.push_str(&line);
    }
    assert!(head.contains("Content-Type: text/event-stream"), "{head}");
    let page = dir.path().join("content/about.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("We run", "We now run")).unwrap();
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
        if line == "data: reload\n" {
            break;
        }
    }
}

#[test]
fn a_front_matter_edit_reaches_a_templated_body() {
    let dir = site("basic");
    let server = start(dir.path());
    wait_for(
        server.1,
        "/data-page/",
        "<p>This page is Data in bodies.</p>",
    );
    let page = dir.path().join("content/data-page.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replace("title = \"Data in bodies\"", "title = \"Renamed\""),
    )
    .unwrap();
    wait_for(server.1, "/data-page/", "<p>This page is Renamed.</p>");
}

#[test]
fn a_problem_in_an_unchanged_page_stays_reported_after_other_edits() {
    let dir = site("basic");
    let bounces = dir.path().join("content/bounces.md");
    let text = std::fs::read_to_string(&bounces).unwrap();
    std::fs::write(&bounces, text.replace("expect=\"P2 ", "expect=\"P4 ")).unwrap();
    let server = start(dir.path());
    wait_for(server.1, "/", "content/bounces.md:8: bounce example");
    // Another page breaks too: the rebuild must still report the first page.
    let about = dir.path().join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(&about, format!("{text}\n[gone](@/gone.md)\n")).unwrap();
    let body = wait_for(server.1, "/", "broken link `@/gone.md`");
    assert!(
        body.contains("content/bounces.md:8: bounce example"),
        "{body}"
    );
}

#[test]
fn hashed_assets_of_unchanged_pages_stay_served_after_a_rebuild() {
    let dir = site("basic");
    // Only this page links the wasm file through asset().
    std::fs::write(
        dir.path().join("themes/fixture/templates/wasm.html"),
        "<a href=\"{{ asset(path='files/app.wasm') }}\">wasm</a>\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/wasm.md"),
        "+++\ntitle = \"Wasm\"\ntemplate = \"wasm.html\"\n+++\n",
    )
    .unwrap();
    // A page whose template calls no asset(), edited without changing its word count:
    // it is the only page rendered again.
    let plain = dir.path().join("content/plain.md");
    let front = "+++\ntitle = \"Plain\"\ntemplate = \"plain.html\"\n+++\n";
    std::fs::write(&plain, format!("{front}\nOne two.\n")).unwrap();
    let server = start(dir.path());
    std::fs::write(&plain, format!("{front}\nThree four.\n")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    // Wait for the rebuild: the reload stream is the only sign of it for this page.
    let mut s = TcpStream::connect(("127.0.0.1", server.1)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(s, "GET /__guide/events HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut reader = BufReader::new(s);
    std::fs::write(&plain, format!("{front}\nFive six.\n")).unwrap();
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "stream closed");
        assert!(Instant::now() < deadline, "no rebuild");
        if line == "data: reload\n" {
            break;
        }
    }
    let page = String::from_utf8(get(server.1, "/wasm/").2).unwrap();
    let wasm = attr_values(&page, "href")[0].clone();
    assert!(
        wasm.starts_with("/files/app.") && wasm.ends_with(".wasm"),
        "{wasm}"
    );
    let (status, ctype, _) = get(server.1, &wasm);
    assert_eq!(
        (status, ctype.as_str()),
        (200, "application/wasm"),
        "{wasm}"
    );
}
