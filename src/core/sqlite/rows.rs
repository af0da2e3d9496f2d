//! Reading a table's rows: the cells of a leaf page, their payloads assembled across
//! overflow chains, decoded and completed to the table's columns. Three ways in: rows at
//! ordinal positions (from [`Leaves`]), a full scan in rowid order, and one row by rowid.

use super::columns::{Affinity, Columns};
use super::error::{self, DbError};
use super::header::Database;
use super::page::{be32, page_or_need, varint, Node, Pages, Step, Visited};
use super::record;
use super::value::Value;
use super::walk::{LeafWalk, Leaves, MAX_DEPTH};

/// The largest row payload the reader assembles; past it a row is refused, so that a
/// damaged length cannot take the memory of a browser tab.
pub const MAX_PAYLOAD: u64 = 64 << 20;

/// A row: its rowid and its values, one per column when the table's columns are known.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's key in its table's b-tree.
    pub rowid: i64,
    /// The row's values in column order.
    pub values: Vec<Value>,
}

/// A cell's payload while its overflow pages are read.
#[derive(Debug, Clone)]
struct Assembly {
    rowid: i64,
    buf: Vec<u8>,
    total: usize,
    next: u32,
}

/// The rows of one leaf page, from one cell to another. The page is copied when first
/// read, so the driver may evict it while overflow pages are loaded.
#[derive(Debug, Clone)]
struct LeafRows {
    number: u32,
    copy: Vec<u8>,
    next_cell: u16,
    end_cell: u16,
    assembly: Option<Assembly>,
}

impl LeafRows {
    /// Cells `from..end` of leaf page `number` (`end` is capped by the page's count).
    fn new(number: u32, from: u16, end: u16) -> LeafRows {
        LeafRows {
            number,
            copy: Vec::new(),
            next_cell: from,
            end_cell: end,
            assembly: None,
        }
    }

    /// The next row of the range, `Ready(None)` after the last.
    fn next(
        &mut self,
        db: &Database,
        pages: &dyn Pages,
        visited: &mut Visited,
    ) -> Result<Step<Option<Row>>, DbError> {
        if self.copy.is_empty() {
            let page = page_or_need!(db, pages, self.number);
            let node = Node::table(db, self.number, page)?;
            if !node.is_leaf() {
                return Err(DbError::new(
                    error::BAD_PAGE,
                    "A leaf page is no longer a leaf.",
                    self.number,
                ));
            }
            self.end_cell = self.end_cell.min(node.cells);
            self.copy = page.to_vec();
        }
        loop {
            if let Some(a) = self.assembly.as_mut().filter(|a| a.buf.len() < a.total) {
                let n = a.next;
                if n == 0 {
                    return Err(DbError::new(
                        error::BAD_PAGE,
                        "An overflow chain ends before its payload.",
                        self.number,
                    ));
                }
                let page = page_or_need!(db, pages, n);
                visited.visit(n)?;
                // Each overflow page gives U-4 bytes, so the chain's length is bounded by the
                // payload's size, itself capped.
                let take = (a.total - a.buf.len()).min(db.usable_size() as usize - 4);
                let data = page
                    .get(4..4 + take)
                    .ok_or_else(|| DbError::new(error::BAD_PAGE, "An overflow page is too short.", n))?;
                a.buf.extend_from_slice(data);
                a.next = be32(page, 0);
                continue;
            }
            if let Some(a) = self.assembly.take() {
                let values = record::decode(&a.buf, db.encoding(), self.number)?;
                return Ok(Step::Ready(Some(Row {
                    rowid: a.rowid,
                    values,
                })));
            }
            if self.next_cell >= self.end_cell {
                return Ok(Step::Ready(None));
            }
            let i = self.next_cell;
            self.next_cell += 1;
            self.assembly = Some(self.start(db, i)?);
        }
    }

    /// Reads cell `i` of the copied page: its rowid and local payload.
    fn start(&self, db: &Database, i: u16) -> Result<Assembly, DbError> {
        let node = Node::table(db, self.number, &self.copy)?;
        let bad = |m| DbError::new(error::BAD_PAGE, m, self.number);
        let usable = db.usable_size() as usize;
        let page = self.copy.get(..usable).unwrap_or_default();
        let at = node.cell(i)?;
        let (total, n1) = varint(page, at).ok_or_else(|| bad("A cell runs past the page."))?;
        if total > MAX_PAYLOAD {
            return Err(DbError::new(
                error::ROW_TOO_LARGE,
                "A row is larger than the reader holds (64 MiB).",
                self.number,
            ));
        }
        let (rowid, n2) = varint(page, at + n1).ok_or_else(|| bad("A cell runs past the page."))?;
        let local = record::local_size(total, db.usable_size()) as usize;
        let body = at + n1 + n2;
        let local_bytes = page
            .get(body..body + local)
            .ok_or_else(|| bad("A cell runs past the page."))?;
        let total = total as usize;
        let next = if local < total {
            if body + local + 4 > usable {
                return Err(bad("A cell runs past the page."));
            }
            be32(page, body + local)
        } else {
            0
        };
        // Grown as overflow pages arrive, not reserved from a length that may be damaged.
        let mut buf = Vec::with_capacity(local);
        buf.extend_from_slice(local_bytes);
        Ok(Assembly {
            rowid: rowid as i64,
            buf,
            total,
            next,
        })
    }

    /// The rowid of cell `i` of a loaded leaf page.
    fn rowid_at(node: &Node, i: u16, usable: usize) -> Option<i64> {
        let at = node.cell(i).ok()?;
        let page = node.page.get(..usable)?;
        let (_, n1) = varint(page, at)?;
        varint(page, at + n1).map(|(r, _)| r as i64)
    }
}

/// Gives a row its table's shape: one value per column, a column the record lacks (added
/// by ALTER TABLE ADD COLUMN after the row was written) its default, the rowid alias the
/// rowid, a VIRTUAL generated column NULL, a REAL column's integers reals.
fn complete(row: Row, columns: Option<&Columns>) -> Row {
    let Some(columns) = columns else {
        return row;
    };
    let mut stored = row.values.into_iter();
    let values = columns
        .columns
        .iter()
        .map(|c| {
            if !c.stored {
                return Value::Null;
            }
            let v = stored.next();
            match v {
                _ if c.rowid_alias => Value::Integer(row.rowid),
                // SQLite writes a whole REAL of a REAL column as an integer, to save space.
                Some(Value::Integer(i)) if c.affinity == Affinity::Real => Value::Real(i as f64),
                Some(v) => v,
                None => c.default.clone().unwrap_or(Value::Null),
            }
        })
        .collect();
    Row {
        rowid: row.rowid,
        values,
    }
}

/// The rows at ordinal positions `from..from + count` of a table (position 0 is the row
/// with the smallest rowid), reading only the leaves that hold them.
#[derive(Debug, Clone)]
pub struct RowsAt {
    /// The leaves of the window and the cell range to read of each.
    leaves: Vec<(u32, u16, u16)>,
    index: usize,
    current: Option<LeafRows>,
    visited: Visited,
    columns: Option<Columns>,
}

impl RowsAt {
    /// A cursor over the rows `from..from + count` of the table whose leaves are
    /// `leaves`; `columns` shapes each row (raw record values when `None`).
    pub fn new(leaves: &Leaves, from: u64, count: u64, columns: Option<Columns>) -> RowsAt {
        let mut window = Vec::new();
        let mut start = 0u64;
        let end = from.saturating_add(count);
        for &(page, cells) in &leaves.pages {
            let stop = start + u64::from(cells);
            if stop > from && start < end {
                let a = from.saturating_sub(start) as u16;
                let b = (end.min(stop) - start) as u16;
                window.push((page, a, b));
            }
            if stop >= end {
                break;
            }
            start = stop;
        }
        RowsAt {
            leaves: window,
            index: 0,
            current: None,
            visited: Visited::default(),
            columns,
        }
    }

    /// The next row of the window, `Ready(None)` after the last.
    pub fn next(&mut self, db: &Database, pages: &dyn Pages) -> Result<Step<Option<Row>>, DbError> {
        loop {
            if self.current.is_none() {
                let Some(&(page, a, b)) = self.leaves.get(self.index) else {
                    return Ok(Step::Ready(None));
                };
                self.index += 1;
                self.current = Some(LeafRows::new(page, a, b));
            }
            let Some(leaf) = &mut self.current else { continue };
            match leaf.next(db, pages, &mut self.visited)? {
                Step::Need(n) => return Ok(Step::Need(n)),
                Step::Ready(Some(row)) => return Ok(Step::Ready(Some(complete(row, self.columns.as_ref())))),
                Step::Ready(None) => self.current = None,
            }
        }
    }
}

/// Every row of a table in rowid order, walking the b-tree as it goes.
#[derive(Debug, Clone)]
pub struct Scan {
    walk: LeafWalk,
    current: Option<LeafRows>,
    visited: Visited,
    columns: Option<Columns>,
}

impl Scan {
    /// A scan of the table whose root page is `root`; `columns` shapes each row.
    pub fn new(root: u32, columns: Option<Columns>) -> Scan {
        Scan {
            walk: LeafWalk::new(root),
            current: None,
            visited: Visited::default(),
            columns,
        }
    }

    /// The next row, `Ready(None)` after the last.
    pub fn next(&mut self, db: &Database, pages: &dyn Pages) -> Result<Step<Option<Row>>, DbError> {
        loop {
            if let Some(leaf) = &mut self.current {
                match leaf.next(db, pages, &mut self.visited)? {
                    Step::Need(n) => return Ok(Step::Need(n)),
                    Step::Ready(Some(row)) => {
                        return Ok(Step::Ready(Some(complete(row, self.columns.as_ref()))))
                    }
                    Step::Ready(None) => self.current = None,
                }
            }
            match self.walk.next_leaf(db, pages)? {
                Step::Need(n) => return Ok(Step::Need(n)),
                Step::Ready(None) => return Ok(Step::Ready(None)),
                Step::Ready(Some((page, cells))) => self.current = Some(LeafRows::new(page, 0, cells)),
            }
        }
    }
}

/// The row with a given rowid, found by descending the b-tree's keys.
#[derive(Debug, Clone)]
pub struct Find {
    rowid: i64,
    page: u32,
    depth: usize,
    visited: Visited,
    leaf: Option<LeafRows>,
    columns: Option<Columns>,
}

impl Find {
    /// A search of the table at `root` for `rowid`; `columns` shapes the row.
    pub fn new(root: u32, rowid: i64, columns: Option<Columns>) -> Find {
        Find {
            rowid,
            page: root,
            depth: 0,
            visited: Visited::default(),
            leaf: None,
            columns,
        }
    }

    /// The row, `Ready(None)` when the table has no such rowid.
    pub fn step(&mut self, db: &Database, pages: &dyn Pages) -> Result<Step<Option<Row>>, DbError> {
        loop {
            if let Some(leaf) = &mut self.leaf {
                return Ok(match leaf.next(db, pages, &mut self.visited)? {
                    Step::Ready(Some(row)) if row.rowid == self.rowid => {
                        Step::Ready(Some(complete(row, self.columns.as_ref())))
                    }
                    Step::Ready(_) => Step::Ready(None),
                    Step::Need(n) => Step::Need(n),
                });
            }
            let n = self.page;
            let page = page_or_need!(db, pages, n);
            self.visited.visit(n)?;
            let node = Node::table(db, n, page)?;
            let usable = db.usable_size() as usize;
            if node.is_leaf() {
                // Cells are in rowid order: the first whose rowid is not below the target.
                let (mut lo, mut hi) = (0u16, node.cells);
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    let r = LeafRows::rowid_at(&node, mid, usable)
                        .ok_or_else(|| DbError::new(error::BAD_PAGE, "A cell runs past the page.", n))?;
                    if r < self.rowid {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                self.leaf = Some(LeafRows::new(n, lo, lo.saturating_add(1)));
                continue;
            }
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(DbError::new(
                    error::TOO_DEEP,
                    "The table's b-tree is deeper than any real database's.",
                    n,
                ));
            }
            // The first cell whose key is not below the rowid leads to it; past them all,
            // the right-most child.
            let (mut lo, mut hi) = (0u16, node.cells);
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if node.key(mid)? < self.rowid {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            self.page = if lo < node.cells {
                node.child(lo)?
            } else {
                node.right
            };
        }
    }
}
