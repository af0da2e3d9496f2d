//! The walk of a table b-tree's interior pages down to its leaves, in rowid order: the
//! leaves and their cell counts give a table's row count without decoding a record, and
//! an index to page through its rows.

use super::error::{self, DbError};
use super::header::Database;
use super::page::{page_or_need, Node, Pages, Step, Visited};

/// How deep a b-tree may be. A real one is at most about 20 deep (a 64 KiB page holds at
/// least four children); anything deeper is a damaged file pointing in loops.
pub(crate) const MAX_DEPTH: usize = 40;

/// A table's leaf pages in rowid order, with their cell (row) counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Leaves {
    /// Each leaf page and its cell count.
    pub pages: Vec<(u32, u16)>,
    /// The number of rows: the sum of the cell counts.
    pub rows: u64,
}

/// A resumable walk of the table b-tree at `root`.
#[derive(Debug, Clone)]
pub struct LeafWalk {
    /// The interior pages on the way down: their children (copied, so the page itself
    /// may be evicted) and the next one to visit.
    stack: Vec<(Vec<u32>, usize)>,
    /// The page to read next, when known.
    pending: Option<u32>,
    visited: Visited,
    found: Leaves,
}

impl LeafWalk {
    /// A walk of the table whose root page is `root`.
    pub fn new(root: u32) -> LeafWalk {
        LeafWalk {
            stack: Vec::new(),
            pending: Some(root),
            visited: Visited::default(),
            found: Leaves::default(),
        }
    }

    /// The next leaf and its cell count, `Ready(None)` after the last.
    pub fn next_leaf(
        &mut self,
        db: &Database,
        pages: &dyn Pages,
    ) -> Result<Step<Option<(u32, u16)>>, DbError> {
        loop {
            let n = match self.pending {
                Some(n) => n,
                None => match self.stack.last_mut() {
                    None => return Ok(Step::Ready(None)),
                    Some((children, next)) => match children.get(*next) {
                        Some(&c) => {
                            *next += 1;
                            self.pending = Some(c);
                            c
                        }
                        None => {
                            self.stack.pop();
                            continue;
                        }
                    },
                },
            };
            let page = page_or_need!(db, pages, n);
            self.pending = None;
            self.visited.visit(n)?;
            let node = Node::table(db, n, page)?;
            if node.is_leaf() {
                return Ok(Step::Ready(Some((n, node.cells))));
            }
            if self.stack.len() >= MAX_DEPTH {
                return Err(DbError::new(
                    error::TOO_DEEP,
                    "The table's b-tree is deeper than any real database's.",
                    n,
                ));
            }
            self.stack.push((node.children()?, 0));
        }
    }

    /// Walks to the end: every leaf and the row count.
    pub fn step(&mut self, db: &Database, pages: &dyn Pages) -> Result<Step<Leaves>, DbError> {
        loop {
            match self.next_leaf(db, pages)? {
                Step::Need(n) => return Ok(Step::Need(n)),
                Step::Ready(Some((n, cells))) => {
                    self.found.pages.push((n, cells));
                    self.found.rows += u64::from(cells);
                }
                Step::Ready(None) => return Ok(Step::Ready(std::mem::take(&mut self.found))),
            }
        }
    }
}
