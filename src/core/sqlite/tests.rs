//! The reader against SQLite itself (rusqlite, bundled): random tables written by SQLite
//! and read back page by page, with every page present and through a cache that holds
//! only the last page given; damaged files that must end in `Ok` or `Err`; WAL files.

use super::*;
use proptest::prelude::*;
use rusqlite::types::Value as SqlValue;
use rusqlite::Connection;
use std::sync::atomic::{AtomicU64, Ordering};

/// A file's bytes, every page present. Counts page reads so that a walk in a loop ends
/// the test instead of hanging it.
struct Whole {
    bytes: Vec<u8>,
    page_size: usize,
    reads: std::cell::Cell<u64>,
}

impl Whole {
    fn new(bytes: Vec<u8>, page_size: u32) -> Whole {
        Whole {
            bytes,
            page_size: page_size as usize,
            reads: std::cell::Cell::new(0),
        }
    }
}

const MAX_READS: u64 = 5_000_000;

impl Pages for Whole {
    fn page(&self, number: u32) -> Option<&[u8]> {
        self.reads.set(self.reads.get() + 1);
        assert!(self.reads.get() < MAX_READS, "too many page reads: a loop");
        let start = (number as usize).checked_sub(1)? * self.page_size;
        self.bytes.get(start..start + self.page_size)
    }
}

/// A cache of one page: the last one asked for.
struct OnePage {
    number: u32,
    data: Vec<u8>,
}

impl Pages for OnePage {
    fn page(&self, number: u32) -> Option<&[u8]> {
        (number == self.number).then_some(&self.data[..])
    }
}

/// How a test serves pages.
#[derive(Clone, Copy, Debug)]
enum Cache {
    All,
    Evicting,
}

/// Runs an operation to its end. With every page present it must never ask for one;
/// with the one-page cache, it must progress on each page it asked for (never asking for
/// the same page twice in a row), within a bounded number of steps.
fn drive<T>(
    file: &Whole,
    cache: Cache,
    mut op: impl FnMut(&dyn Pages) -> Result<Step<T>, DbError>,
) -> Result<T, DbError> {
    match cache {
        Cache::All => match op(file)? {
            Step::Ready(t) => Ok(t),
            Step::Need(n) => panic!("asked for page {n} though every page is present"),
        },
        Cache::Evicting => {
            let mut cache = OnePage {
                number: 0,
                data: Vec::new(),
            };
            for _ in 0..MAX_READS {
                match op(&cache)? {
                    Step::Ready(t) => return Ok(t),
                    Step::Need(n) => {
                        assert_ne!(n, cache.number, "asked again for the page just given");
                        cache = OnePage {
                            number: n,
                            data: file.page(n).expect("a page in the file").to_vec(),
                        };
                    }
                }
            }
            panic!("no end after {MAX_READS} steps")
        }
    }
}

/// Every row of a cursor-like operation.
fn collect_rows(
    file: &Whole,
    cache: Cache,
    mut next: impl FnMut(&dyn Pages) -> Result<Step<Option<Row>>, DbError>,
) -> Result<Vec<Row>, DbError> {
    let mut rows = Vec::new();
    while let Some(row) = drive(file, cache, &mut next)? {
        rows.push(row);
    }
    Ok(rows)
}

static UNIQUE: AtomicU64 = AtomicU64::new(0);

/// A fresh file path of this process.
fn temp_path() -> std::path::PathBuf {
    let n = UNIQUE.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("bosbase-sqlite-{}-{n}.db", std::process::id()))
}

/// The bytes of a database that `setup` writes, after the connection closes.
fn make_db(setup: impl FnOnce(&Connection)) -> Vec<u8> {
    let path = temp_path();
    {
        let conn = Connection::open(&path).unwrap();
        setup(&conn);
    }
    let bytes = std::fs::read(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    bytes
}

fn from_sql(v: SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::Integer(i),
        SqlValue::Real(f) => Value::Real(f),
        SqlValue::Text(s) => Value::Text(s),
        SqlValue::Blob(b) => Value::Blob(b),
    }
}

/// SQLite's own reading of a table: `SELECT rowid, * ... ORDER BY rowid`.
fn sqlite_rows(conn: &Connection, table: &str) -> Vec<Row> {
    let mut stmt = conn
        .prepare(&format!("SELECT rowid, * FROM \"{table}\" ORDER BY rowid"))
        .unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        Ok(Row {
            rowid: r.get(0)?,
            values: (1..n)
                .map(|i| r.get::<_, SqlValue>(i).map(from_sql))
                .collect::<Result<_, _>>()?,
        })
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn open(file: &Whole) -> Database {
    Database::open(&file.bytes, file.bytes.len() as u64).unwrap()
}

fn schema(file: &Whole, db: &Database, cache: Cache) -> Result<Vec<SchemaEntry>, DbError> {
    let mut read = SchemaRead::new();
    drive(file, cache, |p| read.step(db, p))
}

fn table<'a>(entries: &'a [SchemaEntry], name: &str) -> &'a SchemaEntry {
    entries
        .iter()
        .find(|e| e.kind == "table" && e.name == name)
        .expect("the table in the schema")
}

/// A value SQLite stores, of every kind and integer width.
fn value() -> impl Strategy<Value = SqlValue> {
    let widths = prop_oneof![
        Just(0i64),
        Just(1),
        -128i64..128,
        -32_768i64..32_768,
        -8_388_608i64..8_388_608,
        any::<i32>().prop_map(i64::from),
        -(1i64 << 47)..(1i64 << 47),
        any::<i64>(),
        Just(i64::MIN),
        Just(i64::MAX),
    ];
    prop_oneof![
        2 => Just(SqlValue::Null),
        6 => widths.prop_map(SqlValue::Integer),
        2 => any::<f64>().prop_map(SqlValue::Real),
        3 => "[a-zé€😀 ]{0,40}".prop_map(SqlValue::Text),
        2 => proptest::collection::vec(any::<u8>(), 0..40).prop_map(SqlValue::Blob),
        // Past the overflow threshold of every page size.
        1 => (0usize..70_000, any::<u8>()).prop_map(|(n, c)| SqlValue::Text(String::from((b'a' + c % 26) as char).repeat(n))),
        1 => (0usize..70_000, any::<u8>()).prop_map(|(n, c)| SqlValue::Blob((0..n).map(|i| (i as u8).wrapping_mul(c)).collect())),
    ]
}

fn page_size() -> impl Strategy<Value = u32> {
    (9u32..=16).prop_map(|shift| 1 << shift)
}

fn encoding() -> impl Strategy<Value = &'static str> {
    prop_oneof![4 => Just("UTF-8"), 1 => Just("UTF-16le"), 1 => Just("UTF-16be")]
}

/// A literal DEFAULT and the column's declared type.
fn added_column() -> impl Strategy<Value = (&'static str, &'static str)> {
    prop::sample::select(vec![
        ("INTEGER", "5"),
        ("INTEGER", "-300000"),
        ("TEXT", "'x''y'"),
        ("", "NULL"),
        ("REAL", "1.5"),
        ("BLOB", "x'00ff'"),
        ("BOOLEAN", "FALSE"),
        ("TEXT", "('in parens')"),
        ("NUMERIC", "'12'"),
        ("INTEGER", "1.0"),
        ("NUMERIC", "'1e3'"),
        ("", "-7.25"),
        ("JSON", "'{}'"),
    ])
}

#[derive(Debug, Clone)]
struct Case {
    page_size: u32,
    encoding: &'static str,
    alias: bool,
    columns: usize,
    rows: Vec<(Option<i64>, Vec<SqlValue>)>,
    delete_every: u64,
    added: Vec<(&'static str, &'static str)>,
    later_rows: Vec<Vec<SqlValue>>,
}

fn case() -> impl Strategy<Value = Case> {
    (page_size(), encoding(), any::<bool>(), 1usize..5).prop_flat_map(
        |(page_size, encoding, alias, columns)| {
            let row = (
                prop::option::weighted(
                    0.2,
                    any::<i64>().prop_filter("not the maximum", |&r| r != i64::MAX),
                ),
                proptest::collection::vec(value(), columns),
            );
            (
                proptest::collection::vec(row, 0..250),
                prop_oneof![Just(0u64), 2u64..7],
                proptest::collection::vec(added_column(), 0..3),
                proptest::collection::vec(proptest::collection::vec(value(), columns + 3), 0..20),
            )
                .prop_map(move |(rows, delete_every, added, later_rows)| Case {
                    page_size,
                    encoding,
                    alias,
                    columns,
                    rows,
                    delete_every,
                    added,
                    later_rows,
                })
        },
    )
}

/// Writes a case with SQLite; the connection stays open for reading it back.
fn write_case(case: &Case, path: &std::path::Path) -> Connection {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA page_size = {}; PRAGMA encoding = '{}'; PRAGMA auto_vacuum = NONE;",
        case.page_size, case.encoding
    ))
    .unwrap();
    let mut cols: Vec<String> = (0..case.columns).map(|i| format!("c{i}")).collect();
    if case.alias {
        cols.insert(0, "id INTEGER PRIMARY KEY".into());
    }
    conn.execute_batch(&format!(
        "CREATE TABLE t ({}); CREATE TABLE other (x TEXT);",
        cols.join(", ")
    ))
    .unwrap();
    conn.execute_batch("BEGIN").unwrap();
    let marks: Vec<String> = (0..=case.columns).map(|i| format!("?{}", i + 1)).collect();
    let names: Vec<String> = (0..case.columns).map(|i| format!("c{i}")).collect();
    let insert = format!(
        "INSERT OR REPLACE INTO t (rowid, {}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    for (rowid, values) in &case.rows {
        let mut params = vec![rowid.map_or(SqlValue::Null, SqlValue::Integer)];
        params.extend(values.iter().cloned());
        conn.execute(&insert, rusqlite::params_from_iter(params)).unwrap();
        conn.execute("INSERT INTO other (x) VALUES ('o')", []).unwrap();
    }
    conn.execute_batch("COMMIT").unwrap();
    if case.delete_every > 0 {
        conn.execute(
            &format!("DELETE FROM t WHERE rowid % {} = 0", case.delete_every),
            [],
        )
        .unwrap();
    }
    for (i, (ty, default)) in case.added.iter().enumerate() {
        conn.execute_batch(&format!("ALTER TABLE t ADD COLUMN a{i} {ty} DEFAULT {default}"))
            .unwrap();
    }
    let all = case.columns + case.added.len();
    let names: Vec<String> = (0..case.columns)
        .map(|i| format!("c{i}"))
        .chain((0..case.added.len()).map(|i| format!("a{i}")))
        .collect();
    let marks: Vec<String> = (0..all).map(|i| format!("?{}", i + 1)).collect();
    let insert = format!(
        "INSERT INTO t ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    );
    for values in &case.later_rows {
        conn.execute(
            &insert,
            rusqlite::params_from_iter(values.iter().take(all).cloned()),
        )
        .unwrap();
    }
    conn
}

/// Checks everything the reader gives of a case against SQLite.
fn check_case(case: &Case, cache: Cache, window: (u64, u64), probe: i64) {
    let written = write(case);
    check_written(case, &written, cache, window, probe);
}

/// A case's file, SQLite's reading of table `t` and its freelist count.
fn write(case: &Case) -> (Whole, Vec<Row>, u32) {
    let path = temp_path();
    let conn = write_case(case, &path);
    let expected = sqlite_rows(&conn, "t");
    let free: u32 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0)).unwrap();
    drop(conn);
    let bytes = std::fs::read(&path).unwrap();
    let _ = std::fs::remove_file(&path);
    (Whole::new(bytes, case.page_size), expected, free)
}

fn check_written(
    case: &Case,
    written: &(Whole, Vec<Row>, u32),
    cache: Cache,
    window: (u64, u64),
    probe: i64,
) {
    let (file, expected, free) = (&written.0, &written.1, written.2);
    let db = open(file);
    assert_eq!(db.page_size(), case.page_size);
    assert_eq!(
        db.page_count() as usize,
        file.bytes.len() / case.page_size as usize
    );
    let entries = schema(file, &db, cache).unwrap();
    let t = table(&entries, "t");
    let columns = t.columns().unwrap();
    assert_eq!(
        columns.columns.len(),
        case.columns + case.added.len() + usize::from(case.alias)
    );

    let mut walk = LeafWalk::new(t.root);
    let leaves = drive(file, cache, |p| walk.step(&db, p)).unwrap();
    assert_eq!(leaves.rows, expected.len() as u64);

    let mut scan = Scan::new(t.root, Some(columns.clone()));
    let rows = collect_rows(file, cache, |p| scan.next(&db, p)).unwrap();
    assert_eq!(&rows, expected);

    let n = expected.len() as u64;
    let from = if n == 0 { window.0 % 3 } else { window.0 % n };
    let mut at = RowsAt::new(&leaves, from, window.1, Some(columns.clone()));
    let got = collect_rows(file, cache, |p| at.next(&db, p)).unwrap();
    let end = (from + window.1).min(n);
    assert_eq!(
        got,
        expected
            .get(from.min(n) as usize..end as usize)
            .unwrap_or_default()
    );

    for target in expected.iter().map(|r| r.rowid).take(3).chain([probe]) {
        let mut find = Find::new(t.root, target, Some(columns.clone()));
        let found = drive(file, cache, |p| find.step(&db, p)).unwrap();
        assert_eq!(found.as_ref(), expected.iter().find(|r| r.rowid == target));
    }

    let mut freelist = FreelistWalk::new(&db);
    let f = drive(file, cache, |p| freelist.step(&db, p)).unwrap();
    assert_eq!(f.trunks + f.leaves, free);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_tables_read_as_sqlite_reads_them(case in case(), window in (any::<u64>(), 0u64..60), probe in any::<i64>()) {
        check_case(&case, Cache::All, window, probe);
    }

    #[test]
    fn random_tables_read_through_a_one_page_cache(case in case(), window in (any::<u64>(), 0u64..60), probe in any::<i64>()) {
        check_case(&case, Cache::Evicting, window, probe);
    }
}

#[test]
fn a_deep_tree_of_small_pages_with_long_rows() {
    // 512-byte pages and 120 000 rows: leaves under three levels of interior pages.
    let case = Case {
        page_size: 512,
        encoding: "UTF-8",
        alias: true,
        columns: 2,
        rows: (0..120_000)
            .map(|i| {
                let long = if i % 997 == 0 {
                    "y".repeat(300_000)
                } else {
                    String::new()
                };
                (None, vec![SqlValue::Integer(i * 7919), SqlValue::Text(long)])
            })
            .collect(),
        delete_every: 5,
        added: vec![("TEXT", "'later'")],
        later_rows: vec![vec![
            SqlValue::Null,
            SqlValue::Integer(1),
            SqlValue::Text("z".into()),
        ]],
    };
    let written = write(&case);
    check_written(&case, &written, Cache::All, (12_345, 40), 5);
    check_written(&case, &written, Cache::Evicting, (23_000, 10), 77);
    // The tree is as deep as meant: three interior levels above the leaves.
    let file = &written.0;
    let db = open(file);
    let mut walk = LeafWalk::new(2);
    let leaves = drive(file, Cache::All, |p| walk.step(&db, p)).unwrap();
    assert!(leaves.pages.len() > 3_000, "{} leaves", leaves.pages.len());
    let mut depth = 0;
    let mut n = 2;
    loop {
        let node = super::page::Node::table(&db, n, file.page(n).unwrap()).unwrap();
        if node.is_leaf() {
            break;
        }
        depth += 1;
        n = node.child(0).unwrap();
    }
    assert_eq!(depth, 3);
    assert!(db.freelist_count() > 0);
}

#[test]
fn the_header_of_a_fresh_database() {
    let bytes = make_db(|c| {
        c.execute_batch("PRAGMA page_size = 65536; CREATE TABLE t (a)")
            .unwrap()
    });
    let db = Database::open(&bytes, bytes.len() as u64).unwrap();
    assert_eq!(
        (db.page_size(), db.page_count(), db.usable_size()),
        (65_536, 2, 65_536)
    );
    assert_eq!(
        (db.encoding(), db.freelist_trunk(), db.freelist_count()),
        (Encoding::Utf8, 0, 0)
    );
}

#[test]
fn headers_that_are_not_databases() {
    let bytes = make_db(|c| c.execute_batch("CREATE TABLE t (a)").unwrap());
    let code = |b: &[u8]| Database::open(b, b.len() as u64).unwrap_err().code();
    assert_eq!(code(&bytes[..99]), NOT_A_DATABASE);
    let mut b = bytes.clone();
    b[0] = b'X';
    assert_eq!(code(&b), NOT_A_DATABASE);
    let mut b = bytes.clone();
    b[16..18].copy_from_slice(&1000u16.to_be_bytes());
    assert_eq!(code(&b), BAD_PAGE_SIZE);
    let mut b = bytes.clone();
    b[16..18].copy_from_slice(&512u16.to_be_bytes());
    b[20] = 33;
    assert_eq!(code(&b), BAD_PAGE_SIZE);
    let mut b = bytes.clone();
    b[56..60].copy_from_slice(&4u32.to_be_bytes());
    assert_eq!(code(&b), BAD_ENCODING);
    let mut b = bytes.clone();
    b[19] = 3;
    assert_eq!(code(&b), UNSUPPORTED);
}

#[test]
fn the_page_count_comes_from_the_file_when_the_header_is_stale() {
    let mut bytes = make_db(|c| {
        c.execute_batch("CREATE TABLE t (a); INSERT INTO t VALUES (randomblob(9000))")
            .unwrap()
    });
    let pages = (bytes.len() / 4096) as u32;
    let db = Database::open(&bytes, bytes.len() as u64).unwrap();
    assert_eq!(db.page_count(), pages);
    // A version-valid-for number that is not the change counter: the size is stale.
    bytes[92] ^= 1;
    bytes[28..32].copy_from_slice(&1u32.to_be_bytes());
    assert_eq!(
        Database::open(&bytes, bytes.len() as u64).unwrap().page_count(),
        pages
    );
    bytes[92] ^= 1;
    assert_eq!(
        Database::open(&bytes, bytes.len() as u64).unwrap().page_count(),
        1
    );
}

#[test]
fn reserved_bytes_shrink_the_usable_size() {
    let path = temp_path();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA page_size = 1024; CREATE TABLE t (a)")
        .unwrap();
    // SQLite keeps a reserved count it finds in a file; written here, then a VACUUM
    // rewrites every page with it.
    drop(conn);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[20] = 40;
    std::fs::write(&path, &bytes).unwrap();
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("VACUUM").unwrap();
    let mut insert = conn.prepare("INSERT INTO t VALUES (?1)").unwrap();
    for i in 0..300 {
        insert.execute([SqlValue::Text("r".repeat(i * 13))]).unwrap();
    }
    drop(insert);
    let expected = sqlite_rows(&conn, "t");
    drop(conn);
    let file = Whole::new(std::fs::read(&path).unwrap(), 1024);
    let _ = std::fs::remove_file(&path);
    let db = open(&file);
    assert_eq!((db.reserved(), db.usable_size()), (40, 984));
    let entries = schema(&file, &db, Cache::All).unwrap();
    let mut scan = Scan::new(table(&entries, "t").root, None);
    assert_eq!(
        collect_rows(&file, Cache::All, |p| scan.next(&db, p)).unwrap(),
        expected
    );
}

#[test]
fn the_schema_of_a_pocketbase_like_database() {
    let bytes = make_db(|c| {
        c.execute_batch(
            "CREATE TABLE `posts` (`id` TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL, `n` NUMERIC DEFAULT 0 NOT NULL, `ok` BOOLEAN DEFAULT FALSE NOT NULL, `data` JSON DEFAULT NULL);
             CREATE INDEX idx_n ON posts (n);
             CREATE VIEW v AS SELECT id FROM posts;
             CREATE TABLE w (k TEXT PRIMARY KEY, v) WITHOUT ROWID;
             INSERT INTO posts (n, ok) VALUES (1, TRUE), (2, FALSE);",
        )
        .unwrap()
    });
    let file = Whole::new(bytes, 4096);
    let db = open(&file);
    let entries = schema(&file, &db, Cache::All).unwrap();
    let kinds: Vec<(&str, &str, &str)> = entries
        .iter()
        .map(|e| (e.kind.as_str(), e.name.as_str(), e.table.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("table", "posts", "posts"),
            ("index", "sqlite_autoindex_posts_1", "posts"),
            ("index", "idx_n", "posts"),
            ("view", "v", "v"),
            ("table", "w", "w"),
        ]
    );
    assert_eq!(entries[1].sql, None);
    assert_eq!(entries[3].root, 0);
    assert_eq!(table(&entries, "w").columns().unwrap_err().code(), NOT_READABLE);
    // An index's root is not a table b-tree.
    let mut walk = LeafWalk::new(entries[2].root);
    assert_eq!(
        drive(&file, Cache::All, |p| walk.step(&db, p))
            .unwrap_err()
            .code(),
        BAD_PAGE
    );
}

#[test]
fn a_row_larger_than_the_cap_is_refused() {
    // A payload length of 2^29 in a leaf cell, written by hand over a real row's.
    let bytes = make_db(|c| {
        c.execute_batch("CREATE TABLE t (a); INSERT INTO t VALUES ('x')")
            .unwrap()
    });
    let mut file = Whole::new(bytes, 4096);
    let db = open(&file);
    let page = 4096; // page 2 starts here
    let cell = u16::from_be_bytes([file.bytes[page + 8], file.bytes[page + 9]]) as usize;
    // 2^29: a varint of five bytes, the length of the cell written over.
    let huge = [0x82, 0x80, 0x80, 0x80, 0x00];
    file.bytes[page + cell..page + cell + 5].copy_from_slice(&huge);
    let mut scan = Scan::new(2, None);
    assert_eq!(
        collect_rows(&file, Cache::All, |p| scan.next(&db, p))
            .unwrap_err()
            .code(),
        ROW_TOO_LARGE
    );
}

#[test]
fn pages_pointing_at_each_other_are_a_cycle() {
    let bytes = make_db(|c| {
        c.execute_batch("PRAGMA page_size = 512; CREATE TABLE t (a); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO t SELECT i FROM n").unwrap()
    });
    let mut file = Whole::new(bytes, 512);
    let db = open(&file);
    // The root (page 2) is interior: its right-most child now points back at it.
    assert_eq!(file.bytes[512], 0x05);
    file.bytes[512 + 8..512 + 12].copy_from_slice(&2u32.to_be_bytes());
    let mut walk = LeafWalk::new(2);
    assert_eq!(
        drive(&file, Cache::All, |p| walk.step(&db, p))
            .unwrap_err()
            .code(),
        CYCLE
    );
    let mut find = Find::new(2, i64::MAX, None);
    assert_eq!(
        drive(&file, Cache::All, |p| find.step(&db, p))
            .unwrap_err()
            .code(),
        CYCLE
    );
    file.bytes[512 + 8..512 + 12].copy_from_slice(&99_999u32.to_be_bytes());
    let mut walk = LeafWalk::new(2);
    assert_eq!(
        drive(&file, Cache::All, |p| walk.step(&db, p))
            .unwrap_err()
            .code(),
        PAGE_OUT_OF_RANGE
    );
}

// ---- Damaged files -------------------------------------------------------------------

/// Databases to damage: interior pages, overflow chains, a freelist, UTF-16.
fn specimens() -> &'static [(u32, Vec<u8>)] {
    static SPECIMENS: std::sync::OnceLock<Vec<(u32, Vec<u8>)>> = std::sync::OnceLock::new();
    SPECIMENS.get_or_init(|| {
        [(512u32, "UTF-8"), (1024, "UTF-16le"), (2048, "UTF-16be"), (4096, "UTF-8")]
            .into_iter()
            .map(|(size, enc)| {
                let bytes = make_db(|c| {
                    c.execute_batch(&format!(
                        "PRAGMA page_size = {size}; PRAGMA encoding = '{enc}';
                         CREATE TABLE t (id INTEGER PRIMARY KEY, a, b TEXT);
                         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
                         INSERT INTO t (a, b) SELECT i * 1000003, CASE WHEN i % 50 = 0 THEN printf('%.3000c', 'q') ELSE 'row' || i END FROM n;
                         DELETE FROM t WHERE id % 7 = 0;
                         ALTER TABLE t ADD COLUMN c INTEGER DEFAULT 9;
                         CREATE TABLE u (x); INSERT INTO u VALUES (randomblob(5000));"
                    ))
                    .unwrap()
                });
                (size, bytes)
            })
            .collect()
    })
}

/// Runs every operation on a file to its end; the answers do not matter, only that each
/// ends without a panic.
fn read_everything(file: &Whole, cache: Cache, window: (u64, u64), probe: i64) {
    let Ok(mut db) = Database::open(&file.bytes, file.bytes.len() as u64) else {
        return;
    };
    // A damaged header may name another page size than the file's pages.
    if db.page_size() as usize != file.page_size {
        return;
    }
    db.set_page_count(db.page_count().min((file.bytes.len() / file.page_size) as u32));
    let mut freelist = FreelistWalk::new(&db);
    let _ = drive(file, cache, |p| freelist.step(&db, p));
    let Ok(entries) = schema(file, &db, cache) else {
        return;
    };
    for e in entries.iter().filter(|e| e.kind == "table").take(4) {
        let columns = e.columns().ok();
        let mut walk = LeafWalk::new(e.root);
        let leaves = drive(file, cache, |p| walk.step(&db, p));
        let mut scan = Scan::new(e.root, columns.clone());
        let _ = collect_rows(file, cache, |p| scan.next(&db, p));
        if let Ok(leaves) = leaves {
            let mut at = RowsAt::new(&leaves, window.0 % (leaves.rows + 1), window.1, columns.clone());
            let _ = collect_rows(file, cache, |p| at.next(&db, p));
        }
        let mut find = Find::new(e.root, probe, columns);
        let _ = drive(file, cache, |p| find.step(&db, p));
    }
}

#[derive(Debug, Clone)]
enum Damage {
    /// A byte set to a value.
    Byte(usize, u8),
    /// A 4-byte page number written somewhere: pages pointing at pages.
    Pointer(usize, u32),
    /// A 2-byte cell pointer or count.
    Short(usize, u16),
    /// The file cut short (in whole pages, so pages keep their size).
    Truncate(usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Damage::Byte(at, b)),
        3 => (any::<usize>(), 0u32..120).prop_map(|(at, p)| Damage::Pointer(at, p)),
        2 => (any::<usize>(), any::<u16>()).prop_map(|(at, v)| Damage::Short(at, v)),
        1 => any::<usize>().prop_map(Damage::Truncate),
    ]
}

fn apply(bytes: &mut Vec<u8>, page_size: usize, d: &Damage) {
    let len = bytes.len();
    match *d {
        Damage::Byte(at, b) => bytes[at % len] = b,
        Damage::Pointer(at, p) => {
            let at = at % (len - 4);
            bytes[at..at + 4].copy_from_slice(&p.to_be_bytes());
        }
        Damage::Short(at, v) => {
            // Mostly in page headers and cell pointer arrays, where it matters.
            let page = (at / 64) % (len / page_size);
            let at = page * page_size + if page == 0 { 100 } else { 0 } + at % 24;
            bytes[at..at + 2].copy_from_slice(&v.to_be_bytes());
        }
        Damage::Truncate(at) => bytes.truncate(((at % (len / page_size)) + 1) * page_size),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn damaged_files_end_in_ok_or_err(which in 0usize..4, damages in proptest::collection::vec(damage(), 1..8), window in (any::<u64>(), 0u64..50), probe in any::<i64>(), evicting in any::<bool>()) {
        let (size, bytes) = &specimens()[which];
        let mut bytes = bytes.clone();
        for d in &damages {
            apply(&mut bytes, *size as usize, d);
        }
        let file = Whole::new(bytes, *size);
        read_everything(&file, if evicting { Cache::Evicting } else { Cache::All }, window, probe);
    }
}

#[test]
fn undamaged_specimens_read_whole() {
    for (size, bytes) in specimens() {
        let file = Whole::new(bytes.clone(), *size);
        let db = open(&file);
        let entries = schema(&file, &db, Cache::All).unwrap();
        let t = table(&entries, "t");
        let mut scan = Scan::new(t.root, Some(t.columns().unwrap()));
        let rows = collect_rows(&file, Cache::All, |p| scan.next(&db, p)).unwrap();
        assert_eq!(rows.len(), 400 - 400 / 7);
        assert_eq!(rows[0].values[0], Value::Integer(1));
        assert_eq!(rows[0].values[3], Value::Integer(9));
        let mut freelist = FreelistWalk::new(&db);
        drive(&file, Cache::All, |p| freelist.step(&db, p)).unwrap();
    }
}

// ---- WAL -----------------------------------------------------------------------------

/// Pages from a WAL when its index has them, else from the database file.
struct WithWal<'a> {
    db: &'a Whole,
    wal: &'a [u8],
    index: &'a WalIndex,
}

impl Pages for WithWal<'_> {
    fn page(&self, number: u32) -> Option<&[u8]> {
        match self.index.offset(number) {
            Some(at) => self.wal.get(at as usize..at as usize + self.db.page_size),
            None => self.db.page(number),
        }
    }
}

/// The WAL's index, fed in pieces of `piece` bytes.
fn index(wal: &[u8], piece: usize) -> WalIndex {
    let mut b = WalBuilder::new();
    for chunk in wal.chunks(piece.max(1)) {
        b.feed(chunk).unwrap();
    }
    b.finish()
}

/// Reads table `t` through the WAL as a driver would: page 1 and the page count from
/// the log when it has them.
fn rows_through_wal(db_bytes: &[u8], wal: &[u8], index: &WalIndex, page_size: u32) -> Vec<Row> {
    let file = Whole::new(db_bytes.to_vec(), page_size);
    let pages = WithWal {
        db: &file,
        wal,
        index,
    };
    let page1 = pages.page(1).unwrap();
    let mut db = Database::open(page1, db_bytes.len() as u64).unwrap();
    if index.db_pages() != 0 {
        db.set_page_count(index.db_pages());
    }
    let mut read = SchemaRead::new();
    let Step::Ready(entries) = read.step(&db, &pages).unwrap() else {
        panic!("a page missing")
    };
    let t = table(&entries, "t");
    let mut scan = Scan::new(t.root, Some(t.columns().unwrap()));
    let mut rows = Vec::new();
    while let Step::Ready(Some(row)) = scan.next(&db, &pages).unwrap() {
        rows.push(row);
    }
    rows
}

/// A database in WAL mode with no checkpoint: its file, its log, and SQLite's reading.
fn wal_database(page_size: u32, rows: &[(i64, String)], uncommitted: usize) -> (Vec<u8>, Vec<u8>, Vec<Row>) {
    let path = temp_path();
    let wal_path = path.with_extension("db-wal");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA page_size = {page_size}; CREATE TABLE t (n INTEGER, s TEXT);"
    ))
    .unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0;").unwrap();
    for chunk in rows.chunks(7) {
        conn.execute_batch("BEGIN").unwrap();
        for (n, s) in chunk {
            conn.execute("INSERT INTO t VALUES (?1, ?2)", rusqlite::params![n, s])
                .unwrap();
        }
        conn.execute_batch("COMMIT").unwrap();
    }
    conn.execute("UPDATE t SET s = 'updated' WHERE n % 3 = 0", [])
        .unwrap();
    let reader = Connection::open(&path).unwrap();
    let expected = sqlite_rows(&reader, "t");
    if uncommitted > 0 {
        // A transaction larger than the page cache (its floor is 10 pages) spills frames
        // into the log before its commit; a reader must not see them. Each row here
        // takes half a page.
        let committed = std::fs::metadata(&wal_path).map_or(0, |m| m.len());
        conn.execute_batch("PRAGMA cache_size = 2; BEGIN").unwrap();
        for i in 0..uncommitted {
            conn.execute(
                "INSERT INTO t VALUES (?1, ?2)",
                rusqlite::params![i as i64, "x".repeat(page_size as usize / 2)],
            )
            .unwrap();
        }
        let spilled = std::fs::metadata(&wal_path).map_or(0, |m| m.len());
        assert!(spilled > committed, "no frame spilled before the commit");
    }
    let bytes = std::fs::read(&path).unwrap();
    let wal = std::fs::read(&wal_path).unwrap();
    drop(reader);
    drop(conn);
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(&wal_path);
    (bytes, wal, expected)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn a_wal_read_as_sqlite_reads_it(page_size in page_size(), rows in proptest::collection::vec((any::<i64>(), "[a-z]{0,600}"), 0..120), piece in 1usize..20_000, uncommitted in prop_oneof![Just(0usize), 40usize..80]) {
        let (bytes, wal, expected) = wal_database(page_size, &rows, uncommitted);
        let idx = index(&wal, piece);
        // SQLite writes the log's header with its first frame: no row, no log.
        prop_assert_eq!(idx.page_size(), if wal.is_empty() { 0 } else { page_size });
        prop_assert_eq!(&idx, &index(&wal, wal.len()));
        prop_assert_eq!(rows_through_wal(&bytes, &wal, &idx, page_size), expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// A damaged log ends at its last good commit: its index only names frames inside
    /// the file, and never a page past the size it commits.
    #[test]
    fn a_damaged_wal_ends_at_its_last_good_commit(damages in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6), piece in 1usize..5000) {
        static WAL: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
        let wal = WAL.get_or_init(|| {
            let rows: Vec<(i64, String)> = (0..40).map(|i| (i, "d".repeat(i as usize * 20))).collect();
            wal_database(1024, &rows, 0).1
        });
        let mut wal = wal.clone();
        for (at, b) in damages {
            let at = at % wal.len();
            wal[at] = b;
        }
        let mut builder = WalBuilder::new();
        let mut ok = true;
        for chunk in wal.chunks(piece) {
            ok &= builder.feed(chunk).is_ok();
        }
        let idx = builder.finish();
        if !ok {
            prop_assert!(idx.is_empty());
        }
        for p in 1..=idx.db_pages() {
            if let Some(at) = idx.offset(p) {
                prop_assert!(at as usize + 1024 <= wal.len());
            }
        }
    }
}

#[test]
fn frames_after_the_last_commit_and_a_torn_frame_are_ignored() {
    let rows: Vec<(i64, String)> = (0..50).map(|i| (i, "v".repeat(i as usize * 10))).collect();
    let (bytes, wal, expected) = wal_database(1024, &rows, 0);
    let full = index(&wal, 4096);
    assert!(!full.is_empty());
    // Cut inside the last frame: the last transaction is gone, the ones before stand.
    let cut = index(&wal[..wal.len() - 100], 777);
    assert!(cut.db_pages() != 0 && cut != full);
    let fewer = rows_through_wal(&bytes, &wal[..wal.len() - 100], &cut, 1024);
    assert!(fewer.len() <= expected.len());
    // A frame whose checksum is wrong ends the log there too.
    let mut bad = wal.clone();
    let last = bad.len() - 1;
    bad[last] ^= 0xff;
    assert_eq!(index(&bad, 4096), cut);
    assert_eq!(rows_through_wal(&bytes, &wal, &full, 1024), expected);
}

#[test]
fn a_big_endian_wal_reads_the_same() {
    let rows: Vec<(i64, String)> = (0..30).map(|i| (i, "w".repeat(i as usize * 30))).collect();
    let (bytes, wal, expected) = wal_database(512, &rows, 0);
    assert_eq!(u32::from_be_bytes(wal[0..4].try_into().unwrap()), 0x377f_0682);
    // The same log with checksums over big-endian words.
    let mut be = wal.clone();
    be[3] = 0x83;
    let sum = |seed: [u32; 2], data: &[u8]| {
        let (mut s0, mut s1) = (seed[0], seed[1]);
        for p in data.chunks_exact(8) {
            s0 = s0
                .wrapping_add(u32::from_be_bytes(p[0..4].try_into().unwrap()))
                .wrapping_add(s1);
            s1 = s1
                .wrapping_add(u32::from_be_bytes(p[4..8].try_into().unwrap()))
                .wrapping_add(s0);
        }
        [s0, s1]
    };
    let mut s = sum([0, 0], &be[..24]);
    be[24..28].copy_from_slice(&s[0].to_be_bytes());
    be[28..32].copy_from_slice(&s[1].to_be_bytes());
    let frame = 24 + 512;
    let mut at = 32;
    while at + frame <= be.len() {
        s = sum(s, &be[at..at + 8]);
        s = sum(s, &be[at + 24..at + frame]);
        be[at + 16..at + 20].copy_from_slice(&s[0].to_be_bytes());
        be[at + 20..at + 24].copy_from_slice(&s[1].to_be_bytes());
        at += frame;
    }
    assert_eq!(index(&be, 1000), index(&wal, 1000));
    assert_eq!(rows_through_wal(&bytes, &be, &index(&be, 1000), 512), expected);
}

#[test]
fn a_file_that_is_not_a_wal() {
    let mut b = WalBuilder::new();
    assert_eq!(b.feed(&[0u8; 40]).unwrap_err().code(), BAD_WAL);
    let mut b = WalBuilder::new();
    b.feed(&[0x37, 0x7f]).unwrap();
    assert!(b.finish().is_empty());
}

#[test]
fn payloads_at_the_overflow_thresholds_of_every_page_size() {
    for shift in 9..=16 {
        let page_size = 1u32 << shift;
        let u = i64::from(page_size);
        let x = u - 35;
        // One blob of n bytes: a record of 1 + (serial type's varint) + n bytes. Sizes
        // around X (all local or not) and around X + U-4 (where K passes X again).
        let lengths: Vec<i64> = (x - 8..x + 4).chain(x + u - 4 - 8..x + u - 4 + 4).collect();
        let path = temp_path();
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(&format!("PRAGMA page_size = {page_size}; CREATE TABLE t (b)"))
            .unwrap();
        for n in &lengths {
            conn.execute("INSERT INTO t VALUES (zeroblob(?1))", [n]).unwrap();
            conn.execute(
                "UPDATE t SET b = randomblob(?1) WHERE rowid = last_insert_rowid()",
                [n],
            )
            .unwrap();
        }
        let expected = sqlite_rows(&conn, "t");
        drop(conn);
        let file = Whole::new(std::fs::read(&path).unwrap(), page_size);
        let _ = std::fs::remove_file(&path);
        let db = open(&file);
        let mut scan = Scan::new(2, None);
        assert_eq!(
            collect_rows(&file, Cache::Evicting, |p| scan.next(&db, p)).unwrap(),
            expected
        );
    }
}

#[test]
fn literal_defaults_read_as_sqlite_reads_them() {
    // A row written before ALTER TABLE ADD COLUMN reads the default with the column's
    // affinity applied. (A REAL default of a TEXT column, which SQLite prints as text,
    // is not among them: the reader keeps it a real.)
    let combos = [
        ("INTEGER", "1.0"),
        ("INTEGER", "2.5"),
        ("REAL", "'3'"),
        ("NUMERIC", "'1e3'"),
        ("INTEGER", "' 7 '"),
        ("NUMERIC", "1.0"),
        ("REAL", "2"),
        ("", "'5'"),
        ("INTEGER", "'0x10'"),
        ("NUMERIC", "'9223372036854775808'"),
        ("INTEGER", "'-'"),
        ("REAL", "'1.'"),
        ("INTEGER", "'.5'"),
        ("TEXT", "-0x1"),
        ("TEXT", "42"),
        ("BOOLEAN", "TRUE"),
        ("JSON", "'[1]'"),
        ("BLOB", "x'beef'"),
        ("INTEGER", "-9223372036854775808"),
        ("REAL", "-1e308"),
    ];
    for (ty, d) in combos {
        let path = temp_path();
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE t (a); INSERT INTO t VALUES (1);")
            .unwrap();
        conn.execute_batch(&format!("ALTER TABLE t ADD COLUMN b {ty} DEFAULT {d}"))
            .unwrap();
        let rows = sqlite_rows(&conn, "t");
        let sql: String = conn
            .query_row("SELECT sql FROM sqlite_schema WHERE name = 't'", [], |r| r.get(0))
            .unwrap();
        drop(conn);
        let _ = std::fs::remove_file(&path);
        let ours = Columns::parse(&sql).unwrap().columns[1].default.clone();
        assert_eq!(ours.as_ref(), Some(&rows[0].values[1]), "{ty} DEFAULT {d}");
    }
}
