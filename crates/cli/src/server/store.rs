//! The motions handed in, in SQLite: one file, `motions.sqlite3`, under
//! `--data DIR`. Everything the server stores goes through this module, so
//! another engine can be put behind the same functions later.
//!
//! - Created with its schema on first start; the schema is versioned
//!   (`PRAGMA user_version`) and migrated forward in order, each step in
//!   its own transaction.
//! - WAL with `synchronous = FULL`: a commit has reached the disk when
//!   `submit` returns, so a `201` is never sent for a motion a crash could
//!   lose.
//! - References `M-YYYY-NNNN` come from a per-year counter updated in the
//!   same transaction as the insert: a number is never handed out twice,
//!   even if a row were deleted.
//!
//! The connection is one `rusqlite::Connection` behind a mutex; callers
//! run these functions on a blocking thread (`spawn_blocking`). SQLite
//! serializes writers anyway, and a motion service writes a few rows a day.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

/// The database file's name inside the data directory.
pub const FILE_NAME: &str = "motions.sqlite3";

/// The schema, one entry per version (`PRAGMA user_version` = how many
/// have been applied). Never edit an entry that has shipped: add one.
const MIGRATIONS: &[&str] = &[
    // 1: motions and the reference counter.
    "CREATE TABLE motions (
        id                       INTEGER PRIMARY KEY,
        reference                TEXT NOT NULL UNIQUE,
        profile                  TEXT NOT NULL,
        lang                     TEXT NOT NULL,
        status                   TEXT NOT NULL CHECK (status IN ('inkommen', 'registrerad')),
        received_at              TEXT NOT NULL,
        submitted_on             TEXT NOT NULL,
        title                    TEXT NOT NULL,
        motion_json              TEXT NOT NULL,
        report_json              TEXT NOT NULL,
        idempotency_key          TEXT UNIQUE,
        request_digest           TEXT,
        diary_number             TEXT,
        registered_at            TEXT,
        registration_report_json TEXT,
        UNIQUE (profile, diary_number)
    );
    CREATE INDEX motions_by_status ON motions (status, received_at);
    CREATE TABLE reference_counters (
        year INTEGER PRIMARY KEY,
        last INTEGER NOT NULL
    );",
];

/// Status of a motion in the registrar's inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Handed in, not yet registered.
    Inkommen,
    /// Given a diary number by the registrar.
    Registrerad,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Inkommen => "inkommen",
            Status::Registrerad => "registrerad",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "inkommen" => Some(Status::Inkommen),
            "registrerad" => Some(Status::Registrerad),
            _ => None,
        }
    }
}

/// A stored motion.
#[derive(Debug, Clone)]
pub struct Record {
    pub reference: String,
    pub profile: String,
    pub lang: String,
    pub status: Status,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub received_at: String,
    /// The väckt date, `YYYY-MM-DD`.
    pub submitted_on: String,
    pub title: String,
    /// The normalized motion as JSON.
    pub motion_json: String,
    /// The server's report at submission, as JSON.
    pub report_json: String,
    pub diary_number: Option<String>,
    pub registered_at: Option<String>,
    pub registration_report_json: Option<String>,
}

/// What to store for a motion handed in.
pub struct NewMotion<'a> {
    pub profile: &'a str,
    pub lang: &'a str,
    pub received_at: &'a str,
    /// The year of the reference (the year in Sweden when it came in).
    pub year: i32,
    pub submitted_on: &'a str,
    pub title: &'a str,
    pub motion_json: &'a str,
    pub report_json: &'a str,
    /// The client's Idempotency-Key and a digest of its request.
    pub idempotency: Option<(&'a str, &'a str)>,
}

/// The outcome of [`Store::submit`].
pub enum Submitted {
    /// Stored now (committed).
    New(Record),
    /// The Idempotency-Key was seen before with the same request: the
    /// motion stored then.
    Replayed(Record),
    /// The Idempotency-Key was seen before with another request.
    KeyReused,
}

/// The outcome of [`Store::register`].
pub enum RegisterResult {
    Done(Record),
    NotFound,
    AlreadyRegistered(Record),
    /// The diary number is already used in the profile, by this reference.
    NumberTaken(String),
}

#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError(format!("database: {e}"))
    }
}

type Result<T> = std::result::Result<T, StoreError>;

pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
}

const COLUMNS: &str = "reference, profile, lang, status, received_at, submitted_on, title, \
     motion_json, report_json, diary_number, registered_at, registration_report_json";

fn record(row: &rusqlite::Row<'_>) -> rusqlite::Result<Record> {
    let status: String = row.get(3)?;
    Ok(Record {
        reference: row.get(0)?,
        profile: row.get(1)?,
        lang: row.get(2)?,
        // The CHECK constraint allows only the two.
        status: Status::parse(&status).unwrap_or(Status::Inkommen),
        received_at: row.get(4)?,
        submitted_on: row.get(5)?,
        title: row.get(6)?,
        motion_json: row.get(7)?,
        report_json: row.get(8)?,
        diary_number: row.get(9)?,
        registered_at: row.get(10)?,
        registration_report_json: row.get(11)?,
    })
}

/// Whether an error is the UNIQUE constraint on `column`.
fn is_unique_violation(e: &rusqlite::Error, column: &str) -> bool {
    match e {
        rusqlite::Error::SqliteFailure(f, Some(msg)) => {
            f.code == rusqlite::ErrorCode::ConstraintViolation
                && msg.contains("UNIQUE")
                && msg.contains(column)
        }
        _ => false,
    }
}

impl Store {
    /// Opens (creating the directory, the file and the schema when they are
    /// not there) the database under `dir`.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError(format!("cannot create {}: {e}", dir.display())))?;
        let path = dir.join(FILE_NAME);
        let conn = Connection::open(&path)
            .map_err(|e| StoreError(format!("cannot open {}: {e}", path.display())))?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError(format!(
                "{}: the database could not be put in WAL mode (it is {mode})",
                path.display()
            )));
        }
        // FULL: the WAL is synced at every commit, so a commit survives a
        // crash or a power cut, not only a killed process.
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
        migrate(&conn).map_err(|e| StoreError(format!("{}: {}", path.display(), e.0)))?;
        Ok(Store {
            conn: Mutex::new(conn),
            path,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> Result<MutexGuard<'_, Connection>> {
        self.conn
            .lock()
            .map_err(|_| StoreError("the database lock was poisoned".into()))
    }

    /// The motion stored under an Idempotency-Key, with the digest of the
    /// request that stored it.
    pub fn by_idempotency_key(&self, key: &str) -> Result<Option<(String, Record)>> {
        let conn = self.lock()?;
        let sql =
            format!("SELECT {COLUMNS}, request_digest FROM motions WHERE idempotency_key = ?1");
        Ok(conn
            .query_row(&sql, [key], |row| {
                Ok((
                    row.get::<_, Option<String>>(12)?.unwrap_or_default(),
                    record(row)?,
                ))
            })
            .optional()?)
    }

    /// Stores a motion handed in and gives it the next reference of its
    /// year, in one transaction; returns after the commit.
    pub fn submit(&self, new: &NewMotion<'_>) -> Result<Submitted> {
        let mut conn = self.lock()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some((key, digest)) = new.idempotency {
            // Checked inside the write transaction: two requests with the
            // same key cannot both get past it.
            let sql =
                format!("SELECT {COLUMNS}, request_digest FROM motions WHERE idempotency_key = ?1");
            let seen = tx
                .query_row(&sql, [key], |row| {
                    Ok((
                        row.get::<_, Option<String>>(12)?.unwrap_or_default(),
                        record(row)?,
                    ))
                })
                .optional()?;
            if let Some((stored_digest, rec)) = seen {
                return Ok(if stored_digest == digest {
                    Submitted::Replayed(rec)
                } else {
                    Submitted::KeyReused
                });
            }
        }
        let number: i64 = tx.query_row(
            "INSERT INTO reference_counters (year, last) VALUES (?1, 1)
             ON CONFLICT (year) DO UPDATE SET last = last + 1
             RETURNING last",
            [new.year],
            |r| r.get(0),
        )?;
        let reference = format!("M-{}-{number:04}", new.year);
        tx.execute(
            "INSERT INTO motions (reference, profile, lang, status, received_at, submitted_on,
                 title, motion_json, report_json, idempotency_key, request_digest)
             VALUES (?1, ?2, ?3, 'inkommen', ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                reference,
                new.profile,
                new.lang,
                new.received_at,
                new.submitted_on,
                new.title,
                new.motion_json,
                new.report_json,
                new.idempotency.map(|(k, _)| k),
                new.idempotency.map(|(_, d)| d),
            ],
        )?;
        tx.commit()?;
        Ok(Submitted::New(Record {
            reference,
            profile: new.profile.to_owned(),
            lang: new.lang.to_owned(),
            status: Status::Inkommen,
            received_at: new.received_at.to_owned(),
            submitted_on: new.submitted_on.to_owned(),
            title: new.title.to_owned(),
            motion_json: new.motion_json.to_owned(),
            report_json: new.report_json.to_owned(),
            diary_number: None,
            registered_at: None,
            registration_report_json: None,
        }))
    }

    pub fn get(&self, reference: &str) -> Result<Option<Record>> {
        let conn = self.lock()?;
        let sql = format!("SELECT {COLUMNS} FROM motions WHERE reference = ?1");
        Ok(conn.query_row(&sql, [reference], record).optional()?)
    }

    /// A page of motions, newest first, and how many there are in all.
    pub fn list(
        &self,
        status: Option<Status>,
        page: u32,
        per_page: u32,
    ) -> Result<(Vec<Record>, u64)> {
        let conn = self.lock()?;
        let status = status.map(Status::as_str);
        let total: i64 = conn.query_row(
            "SELECT count(*) FROM motions WHERE ?1 IS NULL OR status = ?1",
            [status],
            |r| r.get(0),
        )?;
        let sql = format!(
            "SELECT {COLUMNS} FROM motions WHERE ?1 IS NULL OR status = ?1
             ORDER BY received_at DESC, id DESC LIMIT ?2 OFFSET ?3"
        );
        let mut stmt = conn.prepare(&sql)?;
        let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
        let rows = stmt
            .query_map(params![status, per_page, offset], record)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((rows, u64::try_from(total).unwrap_or(0)))
    }

    /// Every motion, newest first (for the CSV export).
    pub fn all(&self, status: Option<Status>) -> Result<Vec<Record>> {
        self.list(status, 1, u32::MAX).map(|(rows, _)| rows)
    }

    /// Gives a motion its diary number (canonical), unique in its profile.
    pub fn register(
        &self,
        reference: &str,
        diary_number: &str,
        registered_at: &str,
        motion_json: &str,
        report_json: &str,
    ) -> Result<RegisterResult> {
        let mut conn = self.lock()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let sql = format!("SELECT {COLUMNS} FROM motions WHERE reference = ?1");
        let Some(current) = tx.query_row(&sql, [reference], record).optional()? else {
            return Ok(RegisterResult::NotFound);
        };
        if current.status == Status::Registrerad {
            return Ok(RegisterResult::AlreadyRegistered(current));
        }
        let holder: Option<String> = tx
            .query_row(
                "SELECT reference FROM motions WHERE profile = ?1 AND diary_number = ?2",
                [&current.profile, diary_number],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(holder) = holder {
            return Ok(RegisterResult::NumberTaken(holder));
        }
        let updated = tx.execute(
            "UPDATE motions SET status = 'registrerad', diary_number = ?2, registered_at = ?3,
                 motion_json = ?4, registration_report_json = ?5
             WHERE reference = ?1 AND status = 'inkommen'",
            params![
                reference,
                diary_number,
                registered_at,
                motion_json,
                report_json
            ],
        );
        match updated {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e, "diary_number") => {
                return Ok(RegisterResult::NumberTaken(String::new()))
            }
            Err(e) => return Err(e.into()),
        }
        let rec = tx.query_row(&sql, [reference], record)?;
        tx.commit()?;
        Ok(RegisterResult::Done(rec))
    }
}

fn migrate(conn: &Connection) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(StoreError(format!(
            "the database has schema version {version}, newer than this program knows ({known}); \
             run a newer motion-validator"
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_motion<'a>(key: Option<(&'a str, &'a str)>) -> NewMotion<'a> {
        NewMotion {
            profile: "uppsala",
            lang: "sv",
            received_at: "2026-12-01T04:15:00Z",
            year: 2026,
            submitted_on: "2026-11-30",
            title: "En titel",
            motion_json: "{}",
            report_json: "{}",
            idempotency: key,
        }
    }

    fn reference(s: Submitted) -> String {
        match s {
            Submitted::New(r) | Submitted::Replayed(r) => r.reference,
            Submitted::KeyReused => "reused".into(),
        }
    }

    #[test]
    fn references_count_per_year_and_survive_reopening() {
        let dir = tempfile::tempdir().expect("tempdir");
        {
            let store = Store::open(dir.path()).expect("open");
            assert_eq!(
                reference(store.submit(&new_motion(None)).expect("1")),
                "M-2026-0001"
            );
            assert_eq!(
                reference(store.submit(&new_motion(None)).expect("2")),
                "M-2026-0002"
            );
            let mut next_year = new_motion(None);
            next_year.year = 2027;
            assert_eq!(
                reference(store.submit(&next_year).expect("3")),
                "M-2027-0001"
            );
            // A deleted row does not free its number.
            store
                .lock()
                .expect("lock")
                .execute("DELETE FROM motions WHERE reference = 'M-2026-0002'", [])
                .expect("delete");
        }
        let store = Store::open(dir.path()).expect("reopen");
        assert_eq!(
            reference(store.submit(&new_motion(None)).expect("4")),
            "M-2026-0003"
        );
        let version: i64 = store
            .lock()
            .expect("lock")
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, MIGRATIONS.len() as i64);
        let mode: String = store
            .lock()
            .expect("lock")
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "wal");
    }

    #[test]
    fn an_idempotency_key_stores_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        let first = store
            .submit(&new_motion(Some(("k1", "d1"))))
            .expect("first");
        assert!(matches!(first, Submitted::New(_)));
        let again = store
            .submit(&new_motion(Some(("k1", "d1"))))
            .expect("again");
        assert!(matches!(&again, Submitted::Replayed(r) if r.reference == "M-2026-0001"));
        let other = store
            .submit(&new_motion(Some(("k1", "d2"))))
            .expect("other");
        assert!(matches!(other, Submitted::KeyReused));
        assert_eq!(store.list(None, 1, 50).expect("list").1, 1);
    }

    #[test]
    fn a_diary_number_is_unique_per_profile() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        store.submit(&new_motion(None)).expect("1");
        store.submit(&new_motion(None)).expect("2");
        let at = "2026-12-01T05:00:00Z";
        assert!(matches!(
            store.register("M-2026-0001", "KSN-2020-02111", at, "{}", "{}").expect("reg"),
            RegisterResult::Done(r) if r.status == Status::Registrerad
        ));
        assert!(matches!(
            store.register("M-2026-0002", "KSN-2020-02111", at, "{}", "{}").expect("dup"),
            RegisterResult::NumberTaken(holder) if holder == "M-2026-0001"
        ));
        assert!(matches!(
            store
                .register("M-2026-0001", "KSN-2020-09999", at, "{}", "{}")
                .expect("again"),
            RegisterResult::AlreadyRegistered(_)
        ));
        assert!(matches!(
            store
                .register("M-2026-0404", "KSN-2020-09999", at, "{}", "{}")
                .expect("none"),
            RegisterResult::NotFound
        ));
        let (inkomna, n) = store.list(Some(Status::Inkommen), 1, 50).expect("list");
        assert_eq!((inkomna.len(), n), (1, 1));
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        drop(Store::open(dir.path()).expect("open"));
        let conn = Connection::open(dir.path().join(FILE_NAME)).expect("raw");
        conn.execute_batch("PRAGMA user_version = 99").expect("set");
        drop(conn);
        let Err(e) = Store::open(dir.path()) else {
            panic!("opened a newer schema")
        };
        assert!(e.0.contains("newer"), "{e}");
    }
}
