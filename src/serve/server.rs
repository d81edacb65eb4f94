//! The HTTP/1.1 server under `serve`: a thread for each connection, keep-alive, GET and HEAD.
//!
//! Written on `std::net` with `httparse` for the request head rather than on a server crate:
//! tiny_http 0.12 (the one before) lost a connection now and then when a browser opened several
//! at once (its thread pool's wake-up race), so that a page's script or style sheet hung until
//! the browser gave up the connection. A preview server for one editor needs no more than this.

use std::io::{self, BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// How long an idle kept-alive connection stays open.
const IDLE: Duration = Duration::from_secs(60);

/// The longest request head read; a browser's is far shorter.
const MAX_HEAD: usize = 64 * 1024;

/// A response: status, content type and body.
pub struct Reply {
    /// HTTP status code.
    pub status: u16,
    /// The `Content-Type` header's value.
    pub content_type: &'static str,
    /// The `Content-Range` header's value, for a part of a file.
    pub content_range: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

/// What answers each request: given the request target (path and query), the response.
pub type Handler = Arc<dyn Fn(&str) -> Reply + Send + Sync>;

/// Serves every connection of `listener` on its own thread, forever.
pub fn run(listener: TcpListener, handler: Handler) {
    for stream in listener.incoming().flatten() {
        let handler = handler.clone();
        std::thread::spawn(move || {
            // A connection the browser drops is nothing to report.
            let _ = serve_connection(stream, &handler);
        });
    }
}

/// Answers the requests of one connection until the browser closes it, asks to close it, or
/// leaves it idle for [`IDLE`].
fn serve_connection(stream: TcpStream, handler: &Handler) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let Some(head) = read_head(&mut reader)? else { return Ok(()) };
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut request = httparse::Request::new(&mut headers);
        let parsed = request.parse(&head);
        let (method, target) = match (parsed, request.method, request.path) {
            (Ok(httparse::Status::Complete(_)), Some(method), Some(target)) => (method, target),
            _ => return write_reply(&mut writer, &plain(400, "Forkert forespørgsel"), false, true),
        };
        let keep_alive = wants_keep_alive(request.version, request.headers);
        let has_body = request.headers.iter().any(|h| {
            (h.name.eq_ignore_ascii_case("content-length") && h.value != b"0")
                || h.name.eq_ignore_ascii_case("transfer-encoding")
        });
        if !matches!(method, "GET" | "HEAD") || has_body {
            // Nothing here takes a body; closing spares reading one.
            return write_reply(&mut writer, &plain(405, "Kun GET og HEAD"), false, true);
        }
        let mut reply = handler(target);
        let range = request.headers.iter().find(|h| h.name.eq_ignore_ascii_case("range"));
        if let (200, Some(range)) = (reply.status, range) {
            reply = ranged(reply, range.value);
        }
        write_reply(&mut writer, &reply, method == "GET", !keep_alive)?;
        if !keep_alive {
            return Ok(());
        }
    }
}

/// Reads one request head, up to and with the blank line; `None` when the browser closed the
/// connection (or left it idle) between requests.
fn read_head(reader: &mut BufReader<TcpStream>) -> io::Result<Option<Vec<u8>>> {
    let mut head = Vec::new();
    loop {
        let before = head.len();
        match reader.read_until(b'\n', &mut head) {
            Ok(0) => return Ok(None),
            Ok(_) => {}
            Err(e) if head.is_empty() && matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                return Ok(None);
            }
            Err(e) => return Err(e),
        }
        let line = &head[before..];
        if line == b"\r\n" || line == b"\n" {
            if before == 0 {
                // A stray blank line between requests is allowed before a request line.
                head.clear();
                continue;
            }
            return Ok(Some(head));
        }
        if head.len() > MAX_HEAD {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "request head too long"));
        }
    }
}

/// Whether the browser keeps the connection: HTTP/1.1 unless it says `close`, HTTP/1.0 only
/// when it says `keep-alive`.
fn wants_keep_alive(version: Option<u8>, headers: &[httparse::Header<'_>]) -> bool {
    let connection = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("connection"))
        .map(|h| String::from_utf8_lossy(h.value).to_ascii_lowercase());
    match (version, connection) {
        (_, Some(c)) if c.contains("close") => false,
        (Some(1), _) => true,
        (_, Some(c)) => c.contains("keep-alive"),
        _ => false,
    }
}

/// The part of a whole reply a `Range` header asks for (`bytes=a-b`, `bytes=a-`, `bytes=-n`),
/// as every web server answers it: 206 with that part, 416 when it starts past the end, and the
/// whole reply for a header it does not read (several ranges, another unit), as HTTP allows.
/// The search reads its packed index files by range.
fn ranged(reply: Reply, header: &[u8]) -> Reply {
    let len = reply.body.len();
    let Some((first, last)) = std::str::from_utf8(header)
        .ok()
        .and_then(|h| h.trim().strip_prefix("bytes="))
        .and_then(|spec| spec.split_once('-'))
        .filter(|(_, last)| !last.contains(','))
    else {
        return reply;
    };
    let (start, end) = match (first.trim().parse::<usize>(), last.trim().parse::<usize>()) {
        (Ok(start), Ok(end)) if start <= end => (start, end.min(len.saturating_sub(1))),
        (Ok(start), Err(_)) if last.trim().is_empty() => (start, len.saturating_sub(1)),
        (Err(_), Ok(suffix)) if first.trim().is_empty() && suffix > 0 => {
            (len.saturating_sub(suffix), len.saturating_sub(1))
        }
        _ => return reply,
    };
    if start >= len {
        return Reply { status: 416, content_range: Some(format!("bytes */{len}")), ..plain(416, "") };
    }
    Reply {
        status: 206,
        content_type: reply.content_type,
        content_range: Some(format!("bytes {start}-{end}/{len}")),
        body: reply.body[start..=end].to_vec(),
    }
}

fn plain(status: u16, text: &str) -> Reply {
    Reply { status, content_type: "text/plain; charset=utf-8", content_range: None, body: text.as_bytes().to_vec() }
}

fn write_reply(writer: &mut TcpStream, reply: &Reply, with_body: bool, close: bool) -> io::Result<()> {
    let range = reply.content_range.as_ref().map_or(String::new(), |r| format!("Content-Range: {r}\r\n"));
    let head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\n{range}Accept-Ranges: bytes\r\nCache-Control: no-store\r\nConnection: {}\r\n\r\n",
        reply.status,
        reason(reply.status),
        reply.content_type,
        reply.body.len(),
        if close { "close" } else { "keep-alive" },
    );
    writer.write_all(head.as_bytes())?;
    if with_body {
        writer.write_all(&reply.body)?;
    }
    writer.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        416 => "Range Not Satisfiable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn start() -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let handler: Handler = Arc::new(|target| Reply {
            status: 200,
            content_type: "text/plain",
            content_range: None,
            body: target.as_bytes().to_vec(),
        });
        std::thread::spawn(move || run(listener, handler));
        port
    }

    fn read_reply(stream: &mut BufReader<TcpStream>) -> (String, String) {
        let mut head = String::new();
        loop {
            let mut line = String::new();
            stream.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            head.push_str(&line);
        }
        let length: usize =
            head.lines().find_map(|l| l.strip_prefix("Content-Length: ")).map(|v| v.trim().parse().unwrap()).unwrap();
        let mut body = vec![0; length];
        stream.read_exact(&mut body).unwrap();
        (head, String::from_utf8(body).unwrap())
    }

    #[test]
    fn one_connection_answers_request_after_request() {
        let port = start();
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut writer = stream;
        for path in ["/a/", "/b.css?v=1", "/c.js"] {
            write!(writer, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            let (head, body) = read_reply(&mut reader);
            assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
            assert!(head.contains("Connection: keep-alive"), "{head}");
            assert_eq!(body, path);
        }
    }

    #[test]
    fn many_connections_at_once_are_all_answered() {
        let port = start();
        // Opened together and kept open, as a browser does with a page's files.
        let streams: Vec<TcpStream> = (0..12).map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap()).collect();
        for (i, stream) in streams.iter().enumerate() {
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            write!(&*stream, "GET /{i} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        }
        for (i, stream) in streams.into_iter().enumerate() {
            let (_, body) = read_reply(&mut BufReader::new(stream));
            assert_eq!(body, format!("/{i}"));
        }
    }

    #[test]
    fn head_has_no_body_and_other_methods_are_refused() {
        let port = start();
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(stream, "HEAD /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK") && text.ends_with("\r\n\r\n"), "{text}");

        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(stream, "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc").unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        assert!(text.starts_with("HTTP/1.1 405"), "{text}");

        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(stream, "nonsense\r\n\r\n").unwrap();
        let mut text = String::new();
        stream.read_to_string(&mut text).unwrap();
        assert!(text.starts_with("HTTP/1.1 400"), "{text}");
    }

    #[test]
    fn a_range_is_answered_with_that_part_and_one_past_the_end_with_416() {
        let whole =
            || Reply { status: 200, content_type: "text/plain", content_range: None, body: b"0123456789".to_vec() };
        let part = ranged(whole(), b"bytes=2-5");
        assert_eq!((part.status, part.body.as_slice()), (206, &b"2345"[..]));
        assert_eq!(part.content_range.as_deref(), Some("bytes 2-5/10"));
        assert_eq!(ranged(whole(), b"bytes=7-").body, b"789");
        assert_eq!(ranged(whole(), b"bytes=8-99").body, b"89");
        assert_eq!(ranged(whole(), b"bytes=-3").body, b"789");
        assert_eq!(ranged(whole(), b"bytes=10-12").status, 416);
        // What it does not read is answered whole, as HTTP allows.
        for header in [&b"bytes=1-2,4-5"[..], b"items=1-2", b"bytes=5-2", b"bytes=x-"] {
            let reply = ranged(whole(), header);
            assert_eq!((reply.status, reply.body.len()), (200, 10), "{}", String::from_utf8_lossy(header));
        }
    }
}
