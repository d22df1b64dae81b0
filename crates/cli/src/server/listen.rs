//! The accept loop: one HTTP/1.1 connection per accepted socket, with
//! what `axum::serve` does not give:
//!
//! - `TCP_NODELAY` on every socket, so a keep-alive response is not held
//!   back by Nagle's algorithm waiting for the client's delayed ACK (about
//!   40 ms per static file before);
//! - a header-read timeout that is also the idle timeout: a connection
//!   must deliver a whole request head within `--header-timeout` seconds
//!   of opening, or of its previous response, or it is closed (slowloris,
//!   idle keep-alive connections);
//! - a cap on open connections (`--max-connections`): past it a new
//!   connection gets a 503 and is closed at once, and the server says so
//!   on stderr, at most once a second;
//! - a lingering close: when the server ends a connection whose request
//!   body it did not read (a 413 on the declared length), it sends FIN and
//!   reads and discards what the client is still sending (at most
//!   [`LINGER_BYTES`] or [`LINGER_TIME`]) before closing, so the client's
//!   kernel is not sent a reset that would throw the 413 away unread;
//! - graceful shutdown: no new connections, idle ones closed, open
//!   requests get up to [`SHUTDOWN_GRACE`].

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tower::Service;

use super::{CONTENT_SECURITY_POLICY, SHUTDOWN_GRACE};

/// How connections are held to account.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Time to send a request head, on a new connection or between
    /// requests on a kept-alive one.
    pub header_timeout: Duration,
    /// Open connections at most; more are refused.
    pub max_connections: usize,
}

/// After the server ends a connection: how much more of what the client
/// sends is read and dropped, and for how long, before the socket closes.
const LINGER_BYTES: usize = 8 << 20;
const LINGER_TIME: Duration = Duration::from_secs(2);

/// The file descriptors a process needs besides its connections: the
/// listener, the database, static files being sent, stdio.
#[cfg(unix)]
const SPARE_FDS: u64 = 64;

/// `max` or, when the open-file limit would run out first, what fits under
/// it (with a warning): the cap must bite before accept(2) fails.
pub(crate) fn fit_to_fd_limit(max: usize) -> usize {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit only writes the struct it is given.
        let ok = unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0;
        if ok && limit.rlim_cur != libc::RLIM_INFINITY {
            // rlim_t is u64 on Linux, not everywhere.
            #[allow(clippy::useless_conversion)]
            let soft = u64::try_from(limit.rlim_cur).unwrap_or(u64::MAX);
            let room = usize::try_from(soft.saturating_sub(SPARE_FDS).max(1)).unwrap_or(max);
            if room < max {
                eprintln!(
                    "motion-validator: warning: the open-file limit is {soft} (ulimit -n), so at most \
                     {room} connections are served at once instead of {max} (--max-connections)"
                );
                return room;
            }
        }
    }
    max
}

/// Says on stderr that connections are being shed: the first at once,
/// then at most one line a second with how many since the last line.
struct ShedLog {
    last: Option<Instant>,
    since: u64,
}

impl ShedLog {
    fn note(&mut self, what: impl FnOnce(u64) -> String) {
        self.since += 1;
        let now = Instant::now();
        let due = match self.last {
            None => true,
            Some(t) => now.duration_since(t) >= Duration::from_secs(1),
        };
        if due {
            let line = what(self.since);
            log_line(&line);
            self.last = Some(now);
            self.since = 0;
        }
    }
}

/// A line on stderr; nothing happens if stderr is gone.
pub(crate) fn log_line(line: &str) {
    use std::io::Write;
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// A connection over the cap: a 503 written if the socket takes it at
/// once (never waited for), then closed.
fn refuse(stream: TcpStream) {
    const BODY: &str = "{\"error\":\"overloaded\",\"message\":\"Servern har för många anslutningar; försök igen om en stund.\"}";
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Retry-After: 1\r\nConnection: close\r\nCache-Control: no-store\r\n\
         Content-Security-Policy: {CONTENT_SECURITY_POLICY}\r\nX-Content-Type-Options: nosniff\r\n\
         Referrer-Policy: no-referrer\r\nX-Frame-Options: DENY\r\n\r\n{BODY}",
        BODY.len()
    );
    let _ = stream.try_write(head.as_bytes());
    drop(stream);
}

/// accept(2) errors that concern one connection only.
fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// Serves `app` on `listener` until `shutdown` completes, then lets open
/// requests finish for at most [`SHUTDOWN_GRACE`].
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    let mut shed = ShedLog {
        last: None,
        since: 0,
    };
    let mut accept_errors = ShedLog {
        last: None,
        since: 0,
    };
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) if is_connection_error(&e) => continue,
                Err(e) => {
                    // Out of file descriptors, most likely: say so, and do
                    // not spin; open connections end and free some.
                    accept_errors.note(|n| {
                        format!("motion-validator: shedding load: cannot accept connections ({e}); {n} failed accept(s)")
                    });
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            let max = limits.max_connections;
            shed.note(|n| {
                format!(
                    "motion-validator: shedding load: {n} connection(s) refused with 503, \
                     {max} open already (--max-connections)"
                )
            });
            refuse(stream);
            continue;
        };
        // Without it, each keep-alive response waits ~40 ms for a delayed ACK.
        let _ = stream.set_nodelay(true);
        let router = app.clone();
        let service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let mut req = req.map(Body::new);
            req.extensions_mut().insert(ConnectInfo(peer));
            let mut router = router.clone();
            Box::pin(async move {
                let response: Result<_, Infallible> = router.call(req).await;
                response
            })
        });
        let mut conn = http.serve_connection(TokioIo::new(stream), service);
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let mut stopping = false;
            let ended = loop {
                tokio::select! {
                    ended = std::future::poll_fn(|cx| conn.poll_without_shutdown(cx)) => break ended,
                    _ = stop.wait_for(|stop| *stop), if !stopping => {
                        // Idle: closed now; busy: after this response.
                        std::pin::Pin::new(&mut conn).graceful_shutdown();
                        stopping = true;
                    }
                }
            };
            // An error is the client's (gone, too slow, malformed): hyper
            // has answered what can be answered, and it gets no lingering.
            if ended.is_ok() && !stopping {
                linger(conn.into_parts().io.into_inner()).await;
            }
            drop(slot);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    // Every connection holds a slot: all of them back means all closed.
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    tokio::select! {
        _ = slots.acquire_many(all) => Ok(()),
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {
            log_line(&format!("motion-validator: requests still open after {SHUTDOWN_GRACE:?}; stopping anyway"));
            Ok(())
        }
    }
}

/// Ends a connection the server is done with: FIN after the response,
/// then what the client still sends is read and dropped until it closes
/// (or [`LINGER_BYTES`], [`LINGER_TIME`]), so no reset overtakes the
/// response. A client that closed first costs one read.
async fn linger(mut stream: TcpStream) {
    if stream.shutdown().await.is_err() {
        return;
    }
    let mut buf = vec![0u8; 64 * 1024];
    let mut left = LINGER_BYTES;
    let drain = async {
        while left > 0 {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => left = left.saturating_sub(n),
            }
        }
    };
    let _ = tokio::time::timeout(LINGER_TIME, drain).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_fits_under_the_file_limit() {
        let n = fit_to_fd_limit(usize::MAX / 2);
        assert!(n >= 1);
        assert_eq!(fit_to_fd_limit(1), 1);
    }
}
