//! Server-sent events: each rebuild is pushed to every open page at once, instead of the page
//! asking again and again. tiny_http's streamed bodies are buffered 8 KiB at a time, so the
//! stream is written on the raw connection and flushed after each event.

use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

/// How often an idle stream carries a comment, so proxies and the browser keep it open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The open event streams.
#[derive(Default)]
pub(crate) struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
}

impl Hub {
    /// A new stream's feed.
    pub(crate) fn subscribe(&self) -> Receiver<String> {
        let (send, receive) = channel();
        self.clients.lock().expect("preview hub lock").push(send);
        receive
    }

    /// Sends one event to every stream; closed streams are dropped.
    pub(crate) fn publish(&self, event: &str) {
        self.clients.lock().expect("preview hub lock").retain(|client| client.send(event.to_string()).is_ok());
    }
}

/// One `build` event in the text/event-stream format (the data is one line of JSON).
pub(crate) fn event(data: &str) -> String {
    format!("event: build\ndata: {data}\n\n")
}

/// Streams `first`, then each event from `feed`, until the page goes away.
pub(crate) fn stream(request: tiny_http::Request, first: String, feed: Receiver<String>) {
    let mut out = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let mut next = Some(format!("{head}retry: 500\n\n{first}"));
    while let Some(text) = next.take() {
        if out.write_all(text.as_bytes()).and_then(|_| out.flush()).is_err() {
            return;
        }
        next = match feed.recv_timeout(KEEP_ALIVE) {
            Ok(event) => Some(event),
            Err(RecvTimeoutError::Timeout) => Some(": keep-alive\n\n".into()),
            Err(RecvTimeoutError::Disconnected) => None,
        };
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn closed_streams_are_dropped() {
        let hub = super::Hub::default();
        let open = hub.subscribe();
        drop(hub.subscribe());
        hub.publish("x");
        assert_eq!(open.try_recv().unwrap(), "x");
        assert_eq!(hub.clients.lock().unwrap().len(), 1);
    }

    #[test]
    fn an_event_is_one_block() {
        assert_eq!(super::event("{\"version\":3}"), "event: build\ndata: {\"version\":3}\n\n");
    }
}
