//! The explorer's pages of the database in memory: a bounded cache that the caller
//! fills with what the reader asks for, oldest pages dropped first. The reader never
//! needs more than the page it asked for last to make progress, so any bound works;
//! a larger one only saves reads.

use std::collections::{HashMap, VecDeque};

use crate::core::sqlite::Pages;

/// At most this many bytes of pages are kept (the wasm memory the explorer grows by).
pub const CACHE_BYTES: usize = 8 * 1024 * 1024;

/// Pages by number.
#[derive(Debug, Default)]
pub struct PageCache {
    page_size: usize,
    pages: HashMap<u32, Box<[u8]>>,
    /// The order pages came in, to drop the oldest.
    order: VecDeque<u32>,
    limit: usize,
}

impl PageCache {
    /// A cache of pages of `page_size` bytes holding at most `limit_bytes` (and at least
    /// one page).
    pub fn new(page_size: usize, limit_bytes: usize) -> Self {
        PageCache {
            page_size,
            pages: HashMap::new(),
            order: VecDeque::new(),
            limit: (limit_bytes / page_size.max(1)).max(1),
        }
    }

    /// Keeps page `number` (a whole page: shorter bytes are refused).
    pub fn put(&mut self, number: u32, bytes: &[u8]) {
        if bytes.len() != self.page_size || self.pages.contains_key(&number) {
            return;
        }
        while self.pages.len() >= self.limit {
            match self.order.pop_front() {
                Some(old) => {
                    self.pages.remove(&old);
                }
                None => break,
            }
        }
        self.pages.insert(number, bytes.into());
        self.order.push_back(number);
    }

    /// Keeps the whole pages of `bytes`, which start with page `first`.
    pub fn put_run(&mut self, first: u32, bytes: &[u8]) {
        for (i, page) in bytes.chunks_exact(self.page_size.max(1)).enumerate() {
            let Some(n) = u32::try_from(i).ok().and_then(|i| first.checked_add(i)) else {
                break;
            };
            self.put(n, page);
        }
    }

    /// Frees every page.
    pub fn clear(&mut self) {
        self.pages = HashMap::new();
        self.order = VecDeque::new();
    }
}

impl Pages for PageCache {
    fn page(&self, number: u32) -> Option<&[u8]> {
        self.pages.get(&number).map(|p| &p[..])
    }
}
