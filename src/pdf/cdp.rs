//! The Chrome DevTools Protocol over one WebSocket: commands sent with an id (to the browser or
//! to one tab's session) and the replies read back as they come, in any order. Only what
//! printing needs; no events are waited on.

use std::net::TcpStream;
use std::time::Duration;

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// How long one read may wait before the caller looks at its deadlines again.
const READ_SLICE: Duration = Duration::from_millis(200);
/// How long the WebSocket handshake may take.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(30);

/// A reply to a command: its id, and its result or the error Chromium gave.
pub struct Reply {
    /// The id the command was sent with.
    pub id: u64,
    /// The result, or Chromium's error message.
    pub result: Result<Value, String>,
}

/// A DevTools connection to the browser.
pub struct Connection {
    socket: WebSocket<TcpStream>,
    next_id: u64,
}

impl Connection {
    /// Connects to the browser's endpoint (`ws://127.0.0.1:<port>/devtools/browser/<id>`).
    pub fn open(endpoint: &str) -> Result<Connection, String> {
        let address = endpoint
            .strip_prefix("ws://")
            .and_then(|rest| rest.split('/').next())
            .ok_or_else(|| format!("uventet adresse fra Chromium: {endpoint}"))?;
        let stream = TcpStream::connect(address).map_err(|e| format!("kan ikke forbinde til Chromium: {e}"))?;
        // The handshake may take a while on a busy machine; after it, reads wait a moment at most.
        stream.set_read_timeout(Some(HANDSHAKE_TIMEOUT)).map_err(|e| e.to_string())?;
        let (socket, _) =
            tungstenite::client(endpoint, stream).map_err(|e| format!("kan ikke forbinde til Chromium: {e}"))?;
        socket.get_ref().set_read_timeout(Some(READ_SLICE)).map_err(|e| e.to_string())?;
        Ok(Connection { socket, next_id: 1 })
    }

    /// Sends `method` with `params`, to the tab of `session` or to the browser; returns its id.
    pub fn send(&mut self, method: &str, params: Value, session: Option<&str>) -> Result<u64, String> {
        let id = self.next_id;
        self.next_id += 1;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket.send(Message::text(message.to_string())).map_err(|e| format!("Chromium svarer ikke: {e}"))?;
        Ok(id)
    }

    /// The next reply, or `None` when none came within a moment (events are skipped).
    pub fn next_reply(&mut self) -> Result<Option<Reply>, String> {
        loop {
            let message = match self.socket.read() {
                Ok(message) => message,
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
                {
                    return Ok(None);
                }
                Err(e) => return Err(format!("forbindelsen til Chromium blev afbrudt: {e}")),
            };
            let Message::Text(text) = message else { continue };
            let value: Value = serde_json::from_str(text.as_str()).map_err(|e| e.to_string())?;
            let Some(id) = value.get("id").and_then(Value::as_u64) else { continue };
            let result = match value.get("error") {
                Some(error) => Err(error.get("message").and_then(Value::as_str).unwrap_or("ukendt fejl").to_string()),
                None => Ok(value.get("result").cloned().unwrap_or(Value::Null)),
            };
            return Ok(Some(Reply { id, result }));
        }
    }

    /// Sends a command and waits (at most `timeout`) for its reply; replies to other commands
    /// that come meanwhile are dropped, so use it only while nothing else is in flight.
    pub fn call(
        &mut self,
        method: &str,
        params: Value,
        session: Option<&str>,
        timeout: Duration,
    ) -> Result<Value, String> {
        let id = self.send(method, params, session)?;
        let deadline = std::time::Instant::now() + timeout;
        while std::time::Instant::now() < deadline {
            if let Some(reply) = self.next_reply()?
                && reply.id == id
            {
                return reply.result;
            }
        }
        Err(format!("Chromium svarede ikke på {method} inden for {} sekunder", timeout.as_secs()))
    }
}
