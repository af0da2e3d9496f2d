//! The freelist: trunk pages, each listing leaf pages, from the header's first trunk.
//! Walking it counts the free pages and checks them against the header.

use super::error::{self, DbError};
use super::header::Database;
use super::page::{be32, check_number, page_or_need, Pages, Step, Visited};

/// What the freelist holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Freelist {
    /// Trunk pages: the chain of pages that list the others.
    pub trunks: u32,
    /// Leaf pages: free pages listed by the trunks.
    pub leaves: u32,
}

/// A resumable walk of the freelist's trunk chain.
#[derive(Debug, Clone)]
pub struct FreelistWalk {
    next: u32,
    visited: Visited,
    found: Freelist,
}

impl FreelistWalk {
    /// A walk from the header's first trunk page.
    pub fn new(db: &Database) -> FreelistWalk {
        FreelistWalk {
            next: db.freelist_trunk(),
            visited: Visited::default(),
            found: Freelist::default(),
        }
    }

    /// Walks on; the counts once the chain ends, an error when a page is listed twice,
    /// a trunk lists more leaves than fit, or the total is not the header's count.
    pub fn step(&mut self, db: &Database, pages: &dyn Pages) -> Result<Step<Freelist>, DbError> {
        let bad = |m, n| DbError::new(error::BAD_FREELIST, m, n);
        while self.next != 0 {
            let n = self.next;
            let page = page_or_need!(db, pages, n);
            self.visited.visit(n)?;
            let count = be32(page, 4);
            // A trunk holds its next pointer, its count and (U/4 - 2) leaf numbers.
            if count > db.usable_size() / 4 - 2 {
                return Err(bad("A freelist trunk lists more pages than fit.", n));
            }
            for i in 0..count as usize {
                let leaf = be32(page, 8 + 4 * i);
                check_number(db, leaf)?;
                self.visited.visit(leaf)?;
            }
            self.found.trunks += 1;
            self.found.leaves += count;
            if self.found.trunks.saturating_add(self.found.leaves) > db.freelist_count() {
                return Err(bad("The freelist holds more pages than the header counts.", n));
            }
            self.next = be32(page, 0);
        }
        if self.found.trunks + self.found.leaves != db.freelist_count() {
            return Err(bad("The freelist holds fewer pages than the header counts.", 0));
        }
        Ok(Step::Ready(self.found))
    }
}
