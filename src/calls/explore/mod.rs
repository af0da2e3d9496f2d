//! The backup explorer: a backup's database read in place (its collections, its
//! records), compared with the live server, and chosen records recovered through the
//! records API. Nothing here performs I/O: the explorer asks for bytes of the backup and
//! of its inflated database, and for requests, and a driver (the npm package's JS, the
//! Rust API's) does them.

mod open;

pub use open::{backup_error, entry_error, Ask, Located, Opening};
