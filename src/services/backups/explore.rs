//! The backup explorer: a backup opened in the browser (its `data.db` inflated into a
//! `Blob` the browser keeps), its collections and records read in place, compared with
//! the live server, and chosen records recovered through the records API. The
//! explorer's logic is [`crate::calls::explore`]'s session; this file performs what it
//! asks for: bytes of the backup and of the database (`Blob.slice`), entries inflated
//! into Blobs, requests through the client.

use std::cell::{Cell, RefCell};
use std::future::poll_fn;
use std::rc::Rc;
use std::task::{Poll, Waker};

use web_sys::Blob;

use super::{BackupService, ProgressFn};
use crate::calls::explore::{Ask, Body as AskBody, Explorer as Session, Outgoing, OUT_LIMIT};
use crate::client::{Body, Client};
use crate::core::explore::recover::RecoverOptions as Choice;
use crate::core::json::Json;
use crate::core::models::FromJson;
use crate::error::Error;
use crate::options::{RequestKey, RequestOptions};
use crate::transport::blob::{self, read_range, BlobWriter};
use crate::transport::runtime;

pub use crate::core::explore::results::{
    CollectionComparison, CollectionKind, CompareStatus, Comparison, ExploredCollection, ExploredField,
    FieldChanges, RecordCounts, RecordIds, RecordsPage, RecoveryFailure, RecoveryReport,
};

/// Compressed bytes of the backup handed to the inflater at a time.
const PIECE: u64 = 64 * 1024;

/// The random bytes `recover` takes per record (a new password for an auth record).
const RANDOM_PER_ID: usize = 24;

/// What [`BackupService::explore`] opens.
pub enum ExploreSource {
    /// A backup on the server, by key: downloaded first (with a file token) into a
    /// `Blob`, as [`BackupService::download`] does.
    Key(String),
    /// A local `File` or `Blob`.
    Blob(Blob),
}

/// How [`BackupService::explore`] runs.
#[derive(Clone, Default)]
pub struct ExploreOptions {
    /// The download's requests (by key), and its `signal`, which also stops the opening.
    pub request: RequestOptions,
    /// `(loaded, total)` in bytes: the download's (by key), then the compressed bytes of
    /// the database inflated so far.
    pub on_progress: Option<ProgressFn>,
}

/// Which records [`BackupExplorer::records`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordsQuery {
    /// From 1 (default 1).
    pub page: u64,
    /// At least 1 (default 30, as the records API).
    pub per_page: u64,
    /// Only the records with these ids (all by default).
    pub ids: Option<Vec<String>>,
}

impl Default for RecordsQuery {
    fn default() -> Self {
        RecordsQuery {
            page: 1,
            per_page: 30,
            ids: None,
        }
    }
}

/// `(done, total)` in records: how many a recovery has had answered, of how many it
/// sends (0 until it has read them from the backup).
pub type RecoverProgressFn = Rc<dyn Fn(usize, usize)>;

/// How [`BackupExplorer::recover`] runs.
#[derive(Clone)]
pub struct RecoverOptions {
    /// Upload the records' files from the backup (default true).
    pub files: bool,
    /// Replace records that exist live (default false: they fail, named in `failed`).
    pub overwrite: bool,
    /// Progress, after each record's answer and once at the end.
    pub on_progress: Option<RecoverProgressFn>,
    /// The requests' options (`signal`, `timeout_ms`, headers…).
    pub request: RequestOptions,
}

impl Default for RecoverOptions {
    fn default() -> Self {
        RecoverOptions {
            files: true,
            overwrite: false,
            on_progress: None,
            request: RequestOptions::default(),
        }
    }
}

impl BackupService {
    /// Opens a backup to explore: its `data.db` (with its WAL, when the backup has one)
    /// is inflated into a `Blob` that the browser keeps — wasm memory holds 64 KiB of
    /// the zip and a run of inflated bytes at a time, whatever the backup's size — and
    /// its catalog is read. A key is downloaded first. Fails with the server's error
    /// (a missing key), or `backup_not_pocketbase` and the zip's errors for a file
    /// that is not a backup.
    ///
    /// ```no_run
    /// # async fn run(client: bosbase_backups::Client) -> Result<(), bosbase_backups::Error> {
    /// use bosbase_backups::services::{ExploreOptions, ExploreSource, RecordsQuery, RecoverOptions};
    /// let x = client
    ///     .backups()
    ///     .explore(ExploreSource::Key("pb_backup_20261201.zip".into()), ExploreOptions::default())
    ///     .await?;
    /// for c in x.collections() {
    ///     println!("{} {:?} records", c.name, c.records);
    /// }
    /// let page = x.records("posts", RecordsQuery::default()).await?;
    /// println!("{} posts, first: {:?}", page.total_items, page.items.first());
    /// // Records deleted since the backup, created again with their ids and files.
    /// let diff = x.compare(&Default::default()).await?;
    /// if let Some(ids) = diff.collection("posts").and_then(|c| c.ids.as_ref()) {
    ///     let report = x.recover("posts", &ids.only_in_backup, RecoverOptions::default()).await?;
    ///     println!("created {:?}, failed {:?}", report.created, report.failed);
    /// }
    /// x.close();
    /// # Ok(()) }
    /// ```
    pub async fn explore(
        &self,
        source: ExploreSource,
        options: ExploreOptions,
    ) -> Result<BackupExplorer, Error> {
        let zip = match source {
            ExploreSource::Blob(blob) => blob,
            ExploreSource::Key(key) => {
                self.download(&key, &options.request, options.on_progress.clone())
                    .await?
            }
        };
        let mut session = Session::new(zip.size() as u64);
        let first = session.start()?;
        let inner = Rc::new(Inner {
            client: self.client.clone(),
            zip,
            db: RefCell::new(blob::empty().map_err(|e| Error::network("", e))?),
            session: RefCell::new(Some(session)),
            collections: RefCell::new(Vec::new()),
            turns: Turns::default(),
        });
        let mut call = Call {
            inner: &inner,
            options: &options.request,
            on_inflate: options.on_progress,
            files: Vec::new(),
        };
        call.drive(first).await?;
        let collections = inner.with(|x| Ok(x.collections()))?;
        let collections = Vec::<ExploredCollection>::from_json(&collections).ok_or_else(not_expected)?;
        *inner.collections.borrow_mut() = collections;
        Ok(BackupExplorer { inner })
    }
}

/// A backup opened by [`BackupService::explore`]: its collections, its records, how
/// they compare with the live server's, and chosen records recovered.
///
/// One call runs at a time: a call made while another runs waits for it to end (as
/// the npm package's explorer does); dropping a call's future ends it, and the next
/// call runs. Clones share the backup; [`BackupExplorer::close`] closes it for all.
#[derive(Clone)]
pub struct BackupExplorer {
    inner: Rc<Inner>,
}

struct Inner {
    client: Client,
    /// The backup's zip.
    zip: Blob,
    /// The backup's database file: `data.db`, then its WAL, inflated.
    db: RefCell<Blob>,
    /// `None` once closed.
    session: RefCell<Option<Session>>,
    collections: RefCell<Vec<ExploredCollection>>,
    turns: Turns,
}

impl Inner {
    /// Runs `f` on the session, the borrow ending with it.
    fn with<T>(&self, f: impl FnOnce(&mut Session) -> Result<T, Error>) -> Result<T, Error> {
        match self.session.borrow_mut().as_mut() {
            Some(session) => f(session),
            None => Err(closed()),
        }
    }
}

impl BackupExplorer {
    /// The backup's collections, with their record counts (`None` for views).
    pub fn collections(&self) -> Vec<ExploredCollection> {
        self.inner.collections.borrow().clone()
    }

    /// The backup's database file (`data.db`, inflated, its WAL after it), as a Blob.
    pub fn database(&self) -> Blob {
        self.inner.db.borrow().clone()
    }

    /// A page of a collection's records in the backup, in the records API's shape
    /// (sorted as the backup's table stores them; `ids` keeps those ids only). Reads
    /// only the database pages it needs; sends no request. Fails with
    /// `explore_unknown_collection` for a name the backup does not have.
    pub async fn records(&self, collection: &str, query: RecordsQuery) -> Result<RecordsPage, Error> {
        if query.page == 0 || query.per_page == 0 {
            return Err(Error::invalid_argument(
                "RecordsQuery's page and per_page must be at least 1.",
            ));
        }
        let _turn = self.inner.turns.take().await;
        let first = self
            .inner
            .with(|x| x.records(collection, query.page, query.per_page, query.ids))?;
        let done = self.call(&RequestOptions::default()).drive(first).await?;
        parse(done)
    }

    /// The backup compared with the live server this client is signed in to (a
    /// superuser's session): every collection of either side, its fields, its record
    /// counts and the ids behind them. Reads the live collections and records through
    /// the records API, a page at a time.
    pub async fn compare(&self, options: &RequestOptions) -> Result<Comparison, Error> {
        let _turn = self.inner.turns.take().await;
        let first = self.inner.with(Session::compare)?;
        let done = self.call(options).drive(first).await?;
        parse(done)
    }

    /// Creates the records `ids` of `collection` again on the live server, as they are
    /// in the backup, with their ids and (with `files`) their files; `overwrite`
    /// replaces those that exist. Each record's outcome is in the report (`failed`
    /// with the server's message); the call itself fails only when it cannot run (an
    /// unknown collection or id, a view, no session, an abort). Auth records created
    /// anew get a random password (`crypto.getRandomValues`), named in `notes`.
    pub async fn recover(
        &self,
        collection: &str,
        ids: &[String],
        options: RecoverOptions,
    ) -> Result<RecoveryReport, Error> {
        let _turn = self.inner.turns.take().await;
        let random = runtime::random_bytes(RANDOM_PER_ID.saturating_mul(ids.len())).ok_or_else(|| {
            Error::client("", "The runtime has no crypto.getRandomValues for new passwords.")
        })?;
        let choice = Choice {
            files: options.files,
            overwrite: options.overwrite,
        };
        let first = self.inner.with(|x| x.recover(collection, ids, choice, random))?;
        let mut call = self.call(&options.request);
        let done = match options.on_progress {
            None => call.drive(first).await,
            Some(report) => {
                let inner = Rc::clone(&self.inner);
                let last = Cell::new(None);
                let heard = move |end: bool| {
                    let now = inner.with(|x| Ok(x.recovered())).ok();
                    if let Some((done, total)) = now.filter(|n| end || last.get() != Some(*n)) {
                        last.set(Some((done, total)));
                        report(done, total);
                    }
                };
                let done = call.drive_with(first, &heard).await;
                heard(true);
                done
            }
        }?;
        parse(done)
    }

    /// Closes the backup: the session and its database Blob are let go, and every
    /// clone's later calls fail.
    pub fn close(self) {
        *self.inner.session.borrow_mut() = None;
        if let Ok(empty) = blob::empty() {
            *self.inner.db.borrow_mut() = empty;
        }
    }

    fn call<'a>(&'a self, options: &'a RequestOptions) -> Call<'a> {
        Call {
            inner: &self.inner,
            options,
            on_inflate: None,
            files: Vec::new(),
        }
    }
}

/// One call of the session, performed.
struct Call<'a> {
    inner: &'a Inner,
    options: &'a RequestOptions,
    /// Hears the inflating of the database (on opening).
    on_inflate: Option<ProgressFn>,
    /// Record files inflated for the next request.
    files: Vec<Blob>,
}

impl Call<'_> {
    async fn drive(&mut self, first: Ask) -> Result<Json, Error> {
        self.drive_with(first, &|_| {}).await
    }

    /// Performs what the session asks until it is open or the call is done (its
    /// result; `null` for the opening); `after_send(false)` after each answer.
    async fn drive_with(&mut self, first: Ask, after_send: &dyn Fn(bool)) -> Result<Json, Error> {
        let inner = self.inner;
        let mut ask = first;
        loop {
            self.check_abort()?;
            ask = match ask {
                Ask::Read(start, end) => {
                    let bytes = read(&inner.zip, start, end, "backup").await?;
                    inner.with(|x| x.read(&bytes))?
                }
                Ask::Inflate { start, end, file } => {
                    let progress = if file { None } else { self.on_inflate.clone() };
                    let out = self.inflate(start, end, progress).await?;
                    if file {
                        self.files.push(out);
                    } else {
                        let db =
                            blob::concat(&inner.db.borrow(), &out).map_err(|e| unreadable("database", &e))?;
                        *inner.db.borrow_mut() = db;
                    }
                    inner.with(Session::inflated)?
                }
                Ask::Database(start, end) => {
                    let db = inner.db.borrow().clone();
                    let bytes = read(&db, start, end, "database").await?;
                    inner.with(|x| x.database(start, &bytes))?
                }
                Ask::Send(outgoing) => {
                    let (status, text) = self.send(outgoing).await?;
                    let next = inner.with(|x| x.answered(status, &text))?;
                    after_send(false);
                    next
                }
                Ask::Ready => return Ok(Json::Null),
                Ask::Done(value) => return Ok(value),
                Ask::File(_) => {
                    return Err(Error::client(
                        "",
                        "The explorer asked for a file it did not locate.",
                    ))
                }
            };
        }
    }

    fn check_abort(&self) -> Result<(), Error> {
        match &self.options.signal {
            Some(signal) if signal.aborted() => Err(Error::aborted("", Some(signal.reason()))),
            _ => Ok(()),
        }
    }

    /// The entry at `start..end` of the backup, inflated by the session into a Blob.
    async fn inflate(&mut self, start: u64, end: u64, progress: Option<ProgressFn>) -> Result<Blob, Error> {
        let inner = self.inner;
        let mut out = BlobWriter::default();
        let mut at = start;
        loop {
            self.check_abort()?;
            let next = at.saturating_add(PIECE).min(end);
            let last = next == end;
            let piece = read(&inner.zip, at, next, "backup").await?;
            let mut run = inner.with(|x| x.inflate(&piece, last, OUT_LIMIT))?;
            while !run.is_empty() {
                out.write(&run).map_err(|e| unreadable("database", &e))?;
                run = inner.with(|x| x.inflate(&[], last, OUT_LIMIT))?;
            }
            if let Some(report) = &progress {
                report(next - start, end - start);
            }
            if last {
                break;
            }
            at = next;
        }
        out.finish().map_err(|e| unreadable("database", &e))
    }

    /// Sends a request the session asked for through the client (its session, the
    /// caller's options); gives the answer's status and text.
    async fn send(&mut self, outgoing: Outgoing) -> Result<(u16, String), Error> {
        let Outgoing {
            method,
            path,
            body,
            errors,
        } = outgoing;
        let files = std::mem::take(&mut self.files);
        let body = match body {
            AskBody::Empty => Body::Empty,
            AskBody::Json(text) => Body::Json(text),
            AskBody::Form { json, files: parts } => {
                if parts.len() > files.len() {
                    return Err(Error::client(
                        "",
                        "The explorer asked to send a file it did not read.",
                    ));
                }
                let parts: Vec<(String, Blob, String)> = parts
                    .into_iter()
                    .zip(files)
                    .map(|((part, name), blob)| (part, blob, name))
                    .collect();
                Body::Form(blob::json_form(&json, &parts).map_err(|e| Error::network("", e))?)
            }
        };
        // Every request of the session is its own: none cancels another.
        let options = RequestOptions {
            request_key: RequestKey::None,
            ..self.options.clone()
        };
        let client = &self.inner.client;
        match client.request(method, &path, &options).body(body).send().await {
            Ok(response) => Ok((response.status, response.body())),
            Err(e) if errors && e.status > 0 => Ok((e.status, e.response.to_text())),
            Err(e) => Err(e),
        }
    }
}

/// Bytes `start..end` of `blob` (`what` names it in the error).
async fn read(blob: &Blob, start: u64, end: u64, what: &str) -> Result<Vec<u8>, Error> {
    read_range(blob, start, end)
        .await
        .map_err(|e| unreadable(what, &e))
}

fn unreadable(what: &str, e: &wasm_bindgen::JsValue) -> Error {
    let why = runtime::error_message(e).unwrap_or_else(|| "unknown error".into());
    Error::client("", format!("The {what} could not be read: {why}"))
}

fn closed() -> Error {
    Error::client("", "The explorer is closed.")
}

fn not_expected() -> Error {
    Error::client("", "The explorer's result is not the expected shape.")
}

fn parse<T: FromJson>(done: Json) -> Result<T, Error> {
    T::from_json(&done).ok_or_else(not_expected)
}

/// Turns at the session: one call at a time, the others waiting.
#[derive(Default)]
struct Turns {
    busy: Cell<bool>,
    waiting: RefCell<Vec<Waker>>,
}

/// A call's turn, given back when dropped (the call ended or was dropped).
struct Turn<'a>(&'a Turns);

impl Turns {
    async fn take(&self) -> Turn<'_> {
        poll_fn(|cx| {
            if self.busy.get() {
                self.waiting.borrow_mut().push(cx.waker().clone());
                Poll::Pending
            } else {
                self.busy.set(true);
                Poll::Ready(())
            }
        })
        .await;
        Turn(self)
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        self.0.busy.set(false);
        let waiting = std::mem::take(&mut *self.0.waiting.borrow_mut());
        for waker in waiting {
            waker.wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::sync::Arc;
    use std::task::{Context, Wake};

    struct Count(std::sync::atomic::AtomicUsize);

    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    }

    #[test]
    fn a_call_waits_for_the_turn_of_the_one_before() {
        let woken = Arc::new(Count(Default::default()));
        let waker = Waker::from(woken.clone());
        let mut cx = Context::from_waker(&waker);
        let turns = Turns::default();
        let mut first = Box::pin(turns.take());
        let Poll::Ready(held) = first.as_mut().poll(&mut cx) else {
            panic!("the first call waits")
        };
        let mut second = Box::pin(turns.take());
        assert!(second.as_mut().poll(&mut cx).is_pending());
        assert_eq!(woken.0.load(std::sync::atomic::Ordering::SeqCst), 0);
        drop(held);
        assert_eq!(woken.0.load(std::sync::atomic::Ordering::SeqCst), 1);
        let Poll::Ready(next) = second.as_mut().poll(&mut cx) else {
            panic!("the second call still waits")
        };
        // A call dropped while it waits takes no turn.
        let mut third = Box::pin(turns.take());
        assert!(third.as_mut().poll(&mut cx).is_pending());
        drop(third);
        drop(next);
        assert!(Box::pin(turns.take()).as_mut().poll(&mut cx).is_ready());
    }
}
