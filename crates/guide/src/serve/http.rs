//! The HTTP/1.1 side of `guide serve`: one thread per connection, keep-alive, GET and
//! HEAD only, and bounds on everything a client controls: the request line (8 KiB),
//! the whole head (64 KiB), the time a head may take to arrive, the time a connection
//! may stay idle, the time a stalled reader may block a write, and the number of
//! connections at once. The head is parsed by `httparse` (hyper's parser).
use std::io::{self, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a client may send and for how long.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Longest request line (method, target, version).
    pub line: usize,
    /// Longest head (request line and headers).
    pub head: usize,
    /// A connection with no request in progress is closed after this long.
    pub idle: Duration,
    /// A head must arrive whole within this long after its first byte.
    pub head_time: Duration,
    /// A write blocked this long by a client that does not read ends the connection.
    pub write: Duration,
    /// Connections served at once; more are answered 503 and closed.
    pub connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            line: 8 * 1024,
            head: 64 * 1024,
            idle: Duration::from_secs(30),
            head_time: Duration::from_secs(10),
            write: Duration::from_secs(30),
            connections: 256,
        }
    }
}

/// One request: GET or HEAD of `target` (path and query as sent).
#[derive(Debug, Clone)]
pub struct Request {
    pub target: String,
    pub head_only: bool,
}

/// A response: status, content type, body.
pub struct Response {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// What a handler does with a request.
pub enum Reply {
    /// A whole response; the connection may serve more requests.
    Full(Response),
    /// The connection is handed over (a server-sent events stream): the handler writes
    /// a head and then what it likes, until the client leaves.
    Stream(Box<dyn FnOnce(&mut TcpStream) + Send>),
}

/// Accepts connections forever, each on its own thread, and answers each request with
/// `handle`.
pub fn serve<H>(listener: TcpListener, limits: Limits, handle: H)
where
    H: Fn(Request) -> Reply + Send + Sync + 'static,
{
    let handle = Arc::new(handle);
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        if open.fetch_add(1, Ordering::SeqCst) >= limits.connections {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = stream.set_write_timeout(Some(limits.write));
            let _ = write_response(&mut stream, &busy(), false, false);
            continue;
        }
        let (handle, open) = (handle.clone(), open.clone());
        let spawned = std::thread::Builder::new()
            .name("serve-connection".into())
            .spawn(move || {
                connection(stream, limits, &*handle);
                open.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            // (The closure and its stream are dropped: the connection closes.)
            continue;
        }
    }
}

fn busy() -> Response {
    Response {
        status: 503,
        content_type: "text/plain; charset=utf-8".into(),
        body: b"too many connections\n".to_vec(),
    }
}

/// Serves the requests of one connection until it closes, errs, idles or misbehaves.
fn connection(mut stream: TcpStream, limits: Limits, handle: &dyn Fn(Request) -> Reply) {
    if stream.set_write_timeout(Some(limits.write)).is_err() {
        return;
    }
    let mut buf = Vec::new();
    loop {
        let head = match read_head(&mut stream, &mut buf, &limits) {
            Ok(Head::Complete(len)) => buf.drain(..len).collect::<Vec<u8>>(),
            Ok(Head::Closed) | Err(_) => return,
            Ok(Head::Refused(status, why)) => return refuse(stream, status, why),
        };
        let parsed = match parse(&head) {
            Ok(p) => p,
            Err((status, why)) => return refuse(stream, status, why),
        };
        match handle(parsed.request.clone()) {
            Reply::Full(response) => {
                let keep = parsed.keep_alive;
                let head_only = parsed.request.head_only;
                if write_response(&mut stream, &response, head_only, keep).is_err() || !keep {
                    return;
                }
            }
            Reply::Stream(run) => return run(&mut stream),
        }
    }
}

/// Answers an error and closes the connection so that the client can read the answer:
/// what it is still sending is read and dropped for a moment first (a close with unread
/// data would reset the connection, and the answer with it).
fn refuse(mut stream: TcpStream, status: u16, why: &str) {
    if write_response(&mut stream, &plain(status, why), false, false).is_err() {
        return;
    }
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 16384];
    let mut left: usize = 1 << 20;
    while left > 0 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => left = left.saturating_sub(n),
        }
    }
}

fn plain(status: u16, why: &str) -> Response {
    Response {
        status,
        content_type: "text/plain; charset=utf-8".into(),
        body: format!("{why}\n").into_bytes(),
    }
}

enum Head {
    /// The head is the first `n` bytes of the buffer.
    Complete(usize),
    /// The client closed (or idled out) between requests.
    Closed,
    /// Refused with this status before it was complete.
    Refused(u16, &'static str),
}

/// Reads until the buffer holds a whole head, within the limits.
fn read_head(stream: &mut TcpStream, buf: &mut Vec<u8>, limits: &Limits) -> io::Result<Head> {
    let mut started: Option<Instant> = (!buf.is_empty()).then(Instant::now);
    let mut chunk = [0u8; 4096];
    loop {
        match line_end(buf) {
            Some(l) if l > limits.line => return Ok(Head::Refused(414, "request line too long")),
            None if buf.len() > limits.line => {
                return Ok(Head::Refused(414, "request line too long"))
            }
            _ => {}
        }
        match head_end(buf) {
            Some(end) if end > limits.head => {
                return Ok(Head::Refused(431, "request head too large"))
            }
            Some(end) => return Ok(Head::Complete(end)),
            None if buf.len() > limits.head => {
                return Ok(Head::Refused(431, "request head too large"))
            }
            None => {}
        }
        let wait = match started {
            None => limits.idle,
            Some(t) => match limits.head_time.checked_sub(t.elapsed()) {
                Some(left) if !left.is_zero() => left,
                _ => return Ok(Head::Refused(408, "request head took too long")),
            },
        };
        stream.set_read_timeout(Some(wait))?;
        let n = match stream.read(&mut chunk) {
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                if started.is_none() {
                    return Ok(Head::Closed);
                }
                continue;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(Head::Closed);
        }
        started.get_or_insert_with(Instant::now);
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Length of the head (through the blank line) when the buffer holds all of it.
fn head_end(buf: &[u8]) -> Option<usize> {
    let i = memchr::memmem::find(buf, b"\r\n\r\n")?;
    Some(i + 4)
}

fn line_end(buf: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', buf)
}

struct Parsed {
    request: Request,
    keep_alive: bool,
}

/// Parses a whole head: GET and HEAD only; a request with a body is answered and the
/// connection closed (the body is never read).
fn parse(head: &[u8]) -> Result<Parsed, (u16, &'static str)> {
    let mut headers = [httparse::EMPTY_HEADER; 100];
    let mut req = httparse::Request::new(&mut headers);
    match req.parse(head) {
        Ok(httparse::Status::Complete(_)) => {}
        Ok(httparse::Status::Partial) => return Err((400, "incomplete request")),
        Err(httparse::Error::TooManyHeaders) => return Err((431, "too many headers")),
        Err(_) => return Err((400, "malformed request")),
    }
    let head_only = match req.method {
        Some("GET") => false,
        Some("HEAD") => true,
        _ => return Err((405, "only GET and HEAD")),
    };
    let target = req.path.unwrap_or("/").to_string();
    let header = |name: &str| {
        req.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase())
    };
    let has_body = header("transfer-encoding").is_some()
        || header("content-length").is_some_and(|v| v.trim() != "0");
    let connection = header("connection").unwrap_or_default();
    let keep_alive = !has_body
        && match req.version {
            Some(1) => !connection.contains("close"),
            _ => connection.contains("keep-alive"),
        };
    Ok(Parsed {
        request: Request { target, head_only },
        keep_alive,
    })
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Writes a whole response (headers only for HEAD).
pub fn write_response(
    stream: &mut TcpStream,
    response: &Response,
    head_only: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         Connection: {}\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len(),
        if keep_alive { "keep-alive" } else { "close" }
    );
    if response.status == 405 {
        head.push_str("Allow: GET, HEAD\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&response.body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_parsed_and_bodies_close_the_connection() {
        let p = parse(b"GET /a/?q=1 HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert_eq!(p.request.target, "/a/?q=1");
        assert!(p.keep_alive && !p.request.head_only);
        let p = parse(b"HEAD / HTTP/1.0\r\n\r\n").unwrap();
        assert!(!p.keep_alive && p.request.head_only);
        let p = parse(b"GET / HTTP/1.1\r\nContent-Length: 5\r\n\r\n").unwrap();
        assert!(!p.keep_alive);
        assert_eq!(parse(b"POST / HTTP/1.1\r\n\r\n").err().unwrap().0, 405);
        assert_eq!(parse(b"GET\x01 / HTTP/1.1\r\n\r\n").err().unwrap().0, 400);
    }
}
