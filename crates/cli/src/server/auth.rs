//! Who may read and register motions: the registrar (a password, set by
//! the operator and kept only as an Argon2 hash; sessions in an HttpOnly,
//! SameSite=Strict cookie with a CSRF token) and portals (a bearer token).
//! Handing a motion in needs neither.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::http::header::{self, HeaderMap, HeaderValue};
use sha2::{Digest, Sha256};

/// The session cookie's name.
pub(crate) const COOKIE: &str = "motion_registrator";
/// A session lasts this long from login.
const SESSION_LIFETIME: Duration = Duration::from_secs(8 * 3600);
/// At most this many live sessions (the oldest go first).
const MAX_SESSIONS: usize = 1000;
/// After a failed login from an address, the next attempt from it waits
/// 0.5 s, then 1, 2, 4, 8 s, at most 10 s, until it has been quiet for
/// 15 minutes.
const FAILURE_MEMORY: Duration = Duration::from_secs(15 * 60);
const MIN_TOKEN_CHARS: usize = 32;
const MIN_PASSWORD_CHARS: usize = 10;

/// Who made a request to the read/registration API.
#[derive(Debug, Clone)]
pub(crate) enum Principal {
    /// A portal, with the bearer token.
    Token,
    /// The registrar, with the session cookie; state changes must carry
    /// this CSRF token.
    Session { csrf: String },
}

#[derive(Clone)]
struct Session {
    csrf: String,
    expires: Instant,
}

pub(crate) struct Auth {
    password_hash: Option<String>,
    token_digest: Option<[u8; 32]>,
    sessions: Mutex<HashMap<String, Session>>,
    failures: Mutex<HashMap<IpAddr, (u32, Instant)>>,
    /// Argon2 takes memory and time: at most two checks at once.
    verify_slots: tokio::sync::Semaphore,
}

/// Random bytes as hex, from the operating system's CSPRNG.
pub(crate) fn random_hex(bytes: usize) -> Result<String, String> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| format!("no random numbers from the system: {e}"))?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

/// An Argon2id hash of a password (PHC string, with a random salt).
pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| format!("no random numbers from the system: {e}"))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// Equal, in time that does not depend on where they differ.
pub(crate) fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Auth {
    /// `password`: the password, or its PHC hash (`$argon2…`); hashed here
    /// and the text dropped. `token`: the API's bearer token.
    pub(crate) fn new(password: Option<String>, token: Option<String>) -> Result<Auth, String> {
        let password_hash = match password {
            None => None,
            Some(p) if p.starts_with("$argon2") => {
                PasswordHash::new(&p)
                    .map_err(|e| format!("the registrar's password hash cannot be read: {e}"))?;
                Some(p)
            }
            Some(p) if p.chars().count() < MIN_PASSWORD_CHARS => {
                return Err(format!(
                    "the registrar's password is too short: use at least {MIN_PASSWORD_CHARS} characters"
                ))
            }
            Some(p) => Some(hash_password(&p)?),
        };
        let token_digest = match token {
            None => None,
            Some(t)
                if t.chars().count() < MIN_TOKEN_CHARS || t.chars().any(char::is_whitespace) =>
            {
                return Err(format!(
                    "the API token must be at least {MIN_TOKEN_CHARS} characters without spaces \
                     (for example: openssl rand -hex 32)"
                ))
            }
            Some(t) => Some(Sha256::digest(t.as_bytes()).into()),
        };
        Ok(Auth {
            password_hash,
            token_digest,
            sessions: Mutex::new(HashMap::new()),
            failures: Mutex::new(HashMap::new()),
            verify_slots: tokio::sync::Semaphore::new(2),
        })
    }

    /// Whether the registrar can log in (a password is set).
    pub(crate) fn inbox_enabled(&self) -> bool {
        self.password_hash.is_some()
    }

    /// Whether anyone at all can use the read/registration API.
    pub(crate) fn api_enabled(&self) -> bool {
        self.password_hash.is_some() || self.token_digest.is_some()
    }

    /// The bearer token's or the session cookie's owner, if either is valid.
    pub(crate) fn principal(&self, headers: &HeaderMap) -> Option<Principal> {
        if let Some(token) = bearer(headers) {
            let digest: [u8; 32] = Sha256::digest(token.as_bytes()).into();
            return match &self.token_digest {
                Some(want) if same(want, &digest) => Some(Principal::Token),
                _ => None,
            };
        }
        self.session(headers)
            .map(|(_, csrf)| Principal::Session { csrf })
    }

    /// The session id and CSRF token of the request's cookie, if it is live.
    pub(crate) fn session(&self, headers: &HeaderMap) -> Option<(String, String)> {
        if !self.inbox_enabled() {
            return None;
        }
        let id = cookie(headers, COOKIE)?;
        let mut sessions = self.sessions.lock().ok()?;
        match sessions.get(&id) {
            Some(s) if s.expires > Instant::now() => Some((id, s.csrf.clone())),
            Some(_) => {
                sessions.remove(&id);
                None
            }
            None => None,
        }
    }

    /// Checks the password (after the address's penalty wait, if it failed
    /// before) and opens a session: its id and CSRF token.
    pub(crate) async fn login(&self, ip: IpAddr, password: String) -> Result<String, LoginError> {
        let Some(hash) = self.password_hash.clone() else {
            return Err(LoginError::Disabled);
        };
        let wait = self.penalty(ip);
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        let ok = {
            let _slot = self
                .verify_slots
                .acquire()
                .await
                .map_err(|_| LoginError::Internal)?;
            tokio::task::spawn_blocking(move || {
                PasswordHash::new(&hash)
                    .map(|parsed| {
                        Argon2::default()
                            .verify_password(password.as_bytes(), &parsed)
                            .is_ok()
                    })
                    .unwrap_or(false)
            })
            .await
            .map_err(|_| LoginError::Internal)?
        };
        if !ok {
            if let Ok(mut failures) = self.failures.lock() {
                let now = Instant::now();
                failures.retain(|_, (_, at)| now.duration_since(*at) < FAILURE_MEMORY);
                let entry = failures.entry(ip).or_insert((0, now));
                *entry = (entry.0.saturating_add(1), now);
            }
            return Err(LoginError::WrongPassword);
        }
        if let Ok(mut failures) = self.failures.lock() {
            failures.remove(&ip);
        }
        let id = random_hex(32).map_err(|_| LoginError::Internal)?;
        let csrf = random_hex(32).map_err(|_| LoginError::Internal)?;
        let mut sessions = self.sessions.lock().map_err(|_| LoginError::Internal)?;
        let now = Instant::now();
        sessions.retain(|_, s| s.expires > now);
        if sessions.len() >= MAX_SESSIONS {
            if let Some(oldest) = sessions
                .iter()
                .min_by_key(|(_, s)| s.expires)
                .map(|(k, _)| k.clone())
            {
                sessions.remove(&oldest);
            }
        }
        sessions.insert(
            id.clone(),
            Session {
                csrf,
                expires: now + SESSION_LIFETIME,
            },
        );
        Ok(id)
    }

    /// How long a login from `ip` waits before its password is checked.
    fn penalty(&self, ip: IpAddr) -> Duration {
        let Ok(failures) = self.failures.lock() else {
            return Duration::from_secs(10);
        };
        match failures.get(&ip) {
            Some((n, at)) if at.elapsed() < FAILURE_MEMORY && *n > 0 => {
                let ms = 500u64.saturating_mul(1 << (n - 1).min(5));
                Duration::from_millis(ms.min(10_000))
            }
            _ => Duration::ZERO,
        }
    }

    pub(crate) fn logout(&self, id: &str) {
        if let Ok(mut sessions) = self.sessions.lock() {
            sessions.remove(id);
        }
    }
}

#[derive(Debug)]
pub(crate) enum LoginError {
    Disabled,
    WrongPassword,
    Internal,
}

/// `Authorization: Bearer …`, if given.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// A cookie's value.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// Whether the request reached us over HTTPS (through a reverse proxy
/// that says so): then cookies are `Secure`.
pub(crate) fn is_https(headers: &HeaderMap) -> bool {
    let forwarded_proto = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
    let forwarded = headers
        .get(header::FORWARDED)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("proto=https"));
    forwarded_proto || forwarded
}

/// The `Set-Cookie` that opens (`Some(id)`) or closes (`None`) a session.
pub(crate) fn session_cookie(id: Option<&str>, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let text = match id {
        Some(id) => format!(
            "{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
            SESSION_LIFETIME.as_secs()
        ),
        None => format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    };
    // Only hex and fixed text: always a valid header value.
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Whether the browser says the request came from another site (a
/// cross-site form post): such state changes are refused whatever the
/// cookie says.
pub(crate) fn cross_site(headers: &HeaderMap) -> bool {
    headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_kept_as_a_hash_and_checked() {
        let auth = Auth::new(Some("rätt-lösenord-123".into()), None).expect("auth");
        let hash = auth.password_hash.clone().expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains("rätt"));
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("rt");
        let ip: IpAddr = [127, 0, 0, 1].into();
        assert!(matches!(
            rt.block_on(auth.login(ip, "fel".into())),
            Err(LoginError::WrongPassword)
        ));
        assert_eq!(auth.penalty(ip), Duration::from_millis(500));
        let id = rt
            .block_on(auth.login(ip, "rätt-lösenord-123".into()))
            .expect("login");
        assert_eq!(auth.penalty(ip), Duration::ZERO);
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("other=1; {COOKIE}={id}")).expect("cookie"),
        );
        assert!(matches!(
            auth.principal(&headers),
            Some(Principal::Session { .. })
        ));
        auth.logout(&id);
        assert!(auth.principal(&headers).is_none());
        // A hash given by the operator is used as it is.
        let again = Auth::new(Some(hash.clone()), None).expect("from hash");
        assert_eq!(again.password_hash.as_deref(), Some(hash.as_str()));
        assert!(Auth::new(Some("kort".into()), None).is_err());
    }

    #[test]
    fn the_token_is_compared_whole() {
        let token = "a".repeat(40);
        let auth = Auth::new(None, Some(token.clone())).expect("auth");
        let mut headers = HeaderMap::new();
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {token}")).expect("value"),
        );
        assert!(matches!(auth.principal(&headers), Some(Principal::Token)));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&format!("Bearer {}", "a".repeat(39))).expect("value"),
        );
        assert!(auth.principal(&headers).is_none());
        assert!(Auth::new(None, Some("short".into())).is_err());
    }
}
