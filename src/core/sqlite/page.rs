//! Pages as the driver serves them, and the b-tree page layout: the page header, the
//! cell pointer array, varints, and the bitset that catches a walk reaching a page twice.

use std::collections::BTreeMap;

use super::error::{self, DbError};
use super::header::{Database, HEADER_LEN};

/// Where the reader's pages come from. The reader never does I/O: an operation that
/// finds a page missing answers [`Step::Need`] and the driver loads it.
pub trait Pages {
    /// Page `number` (1-based), exactly `page_size` bytes, or `None` when not loaded.
    fn page(&self, number: u32) -> Option<&[u8]>;
}

/// The answer of a resumable operation.
#[derive(Debug, Clone, PartialEq)]
pub enum Step<T> {
    /// The operation is done (or has its next item).
    Ready(T),
    /// The operation needs this page; load it and call again.
    Need(u32),
}

/// Returns `Ok(Step::Need(n))` from the enclosing operation when page `n` is not loaded.
macro_rules! page_or_need {
    ($db:expr, $pages:expr, $n:expr) => {
        match $crate::core::sqlite::page::fetch($db, $pages, $n)? {
            Some(p) => p,
            None => return Ok($crate::core::sqlite::page::Step::Need($n)),
        }
    };
}
pub(crate) use page_or_need;

/// Page `n` when loaded, after checking it is in the database and of the right size.
pub(crate) fn fetch<'p>(db: &Database, pages: &'p dyn Pages, n: u32) -> Result<Option<&'p [u8]>, DbError> {
    check_number(db, n)?;
    match pages.page(n) {
        Some(p) if p.len() == db.page_size() as usize => Ok(Some(p)),
        Some(_) => Err(DbError::new(
            error::BAD_PAGE,
            "A page was served with the wrong length.",
            n,
        )),
        None => Ok(None),
    }
}

/// An error unless `n` names a page of the database.
pub(crate) fn check_number(db: &Database, n: u32) -> Result<(), DbError> {
    if n == 0 || n > db.page_count() {
        return Err(DbError::new(
            error::PAGE_OUT_OF_RANGE,
            "A page number is past the end of the database.",
            n,
        ));
    }
    Ok(())
}

/// The big-endian `u16` at `at`, 0 past the end.
pub(crate) fn be16(b: &[u8], at: usize) -> u16 {
    match b.get(at..at.wrapping_add(2)) {
        Some(&[x, y]) => u16::from_be_bytes([x, y]),
        _ => 0,
    }
}

/// The big-endian `u32` at `at`, 0 past the end.
pub(crate) fn be32(b: &[u8], at: usize) -> u32 {
    match b.get(at..at.wrapping_add(4)) {
        Some(&[w, x, y, z]) => u32::from_be_bytes([w, x, y, z]),
        _ => 0,
    }
}

/// The varint at `at` and its length (1 to 9 bytes), `None` when it runs past the end.
pub(crate) fn varint(b: &[u8], at: usize) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    for i in 0..8 {
        let byte = *b.get(at.checked_add(i)?)?;
        v = (v << 7) | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    // The ninth byte gives all eight of its bits.
    let byte = *b.get(at.checked_add(8)?)?;
    Some(((v << 8) | u64::from(byte), 9))
}

/// The pages one walk has reached, so that a loop in the file's pointers ends in an error.
/// A bitset in blocks of 512 pages, made only for the blocks reached: its size follows the
/// pages read, not a page count that a damaged header or log may overstate.
#[derive(Debug, Clone, Default)]
pub(crate) struct Visited(BTreeMap<u32, [u64; 8]>);

impl Visited {
    /// Marks page `n`; an error when it was marked before.
    pub fn visit(&mut self, n: u32) -> Result<(), DbError> {
        let block = self.0.entry(n / 512).or_insert([0; 8]);
        let bit = 1u64 << (n % 64);
        match block.get_mut((n % 512 / 64) as usize) {
            Some(w) if *w & bit == 0 => {
                *w |= bit;
                Ok(())
            }
            _ => Err(DbError::new(
                error::CYCLE,
                "A page is reached twice: the file's pointers form a loop.",
                n,
            )),
        }
    }
}

/// Page types of the b-tree page header.
pub(crate) const TABLE_INTERIOR: u8 = 0x05;
pub(crate) const TABLE_LEAF: u8 = 0x0d;

/// A b-tree page's header, read and checked.
pub(crate) struct Node<'a> {
    pub page: &'a [u8],
    pub kind: u8,
    pub cells: u16,
    /// The right-most child of an interior page.
    pub right: u32,
    /// Where the cell pointer array starts.
    ptrs: usize,
    number: u32,
    usable: usize,
}

impl<'a> Node<'a> {
    /// Reads the header of table b-tree page `number` (after the database header on
    /// page 1); index pages and anything else are refused.
    pub fn table(db: &Database, number: u32, page: &'a [u8]) -> Result<Node<'a>, DbError> {
        let at = if number == 1 { HEADER_LEN } else { 0 };
        let bad = |m| DbError::new(error::BAD_PAGE, m, number);
        let kind = *page.get(at).ok_or_else(|| bad("The page is too short."))?;
        let head = match kind {
            TABLE_LEAF => 8,
            TABLE_INTERIOR => 12,
            _ => return Err(bad("The page is not a table b-tree page.")),
        };
        let cells = be16(page, at + 3);
        let usable = db.usable_size() as usize;
        let ptrs = at + head;
        if ptrs + 2 * usize::from(cells) > usable {
            return Err(bad("The page's cell count does not fit the page."));
        }
        let right = if kind == TABLE_INTERIOR {
            be32(page, at + 8)
        } else {
            0
        };
        Ok(Node {
            page,
            kind,
            cells,
            right,
            ptrs,
            number,
            usable,
        })
    }

    /// Whether this is a leaf page.
    pub fn is_leaf(&self) -> bool {
        self.kind == TABLE_LEAF
    }

    /// The offset of cell `i`, checked to lie after the pointer array and in the usable
    /// part of the page.
    pub fn cell(&self, i: u16) -> Result<usize, DbError> {
        let at = usize::from(be16(self.page, self.ptrs + 2 * usize::from(i)));
        let end_of_ptrs = self.ptrs + 2 * usize::from(self.cells);
        if i >= self.cells || at < end_of_ptrs || at >= self.usable {
            return Err(DbError::new(
                error::BAD_PAGE,
                "A cell pointer points outside the page's cells.",
                self.number,
            ));
        }
        Ok(at)
    }

    /// The left child page of interior cell `i`.
    pub fn child(&self, i: u16) -> Result<u32, DbError> {
        let at = self.cell(i)?;
        if at + 4 > self.usable {
            return Err(DbError::new(
                error::BAD_PAGE,
                "An interior cell runs past the page.",
                self.number,
            ));
        }
        Ok(be32(self.page, at))
    }

    /// The key (rowid) of interior cell `i`.
    pub fn key(&self, i: u16) -> Result<i64, DbError> {
        let at = self.cell(i)?;
        match varint(&self.page[..self.usable.min(self.page.len())], at + 4) {
            Some((k, _)) => Ok(k as i64),
            None => Err(DbError::new(
                error::BAD_PAGE,
                "An interior cell runs past the page.",
                self.number,
            )),
        }
    }

    /// Every child of an interior page in key order, the right-most last.
    pub fn children(&self) -> Result<Vec<u32>, DbError> {
        let mut out = Vec::with_capacity(usize::from(self.cells) + 1);
        for i in 0..self.cells {
            out.push(self.child(i)?);
        }
        out.push(self.right);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_of_every_length() {
        assert_eq!(varint(&[0x00], 0), Some((0, 1)));
        assert_eq!(varint(&[0x7f], 0), Some((127, 1)));
        assert_eq!(varint(&[0x81, 0x00], 0), Some((128, 2)));
        assert_eq!(varint(&[0xff; 9], 0), Some((u64::MAX, 9)));
        assert_eq!(varint(&[0x81], 0), None);
        assert_eq!(varint(&[0x81, 0x00], usize::MAX), None);
    }

    #[test]
    fn a_page_reached_twice_is_a_cycle() {
        let mut v = Visited::default();
        assert!(v.visit(3).is_ok());
        assert!(v.visit(200).is_ok());
        assert!(v.visit(u32::MAX).is_ok());
        assert_eq!(v.visit(u32::MAX).unwrap_err().code(), error::CYCLE);
        assert_eq!(v.visit(3).unwrap_err().code(), error::CYCLE);
    }
}
