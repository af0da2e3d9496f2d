//! The backup explorer's logic: what a backup's collections and records are, how they
//! compare with the live server's, and which requests bring chosen records back.
//!
//! Everything here is pure: a driver (the JS package or the Rust API) reads the backup's
//! `data.db` with [`crate::core::sqlite`], sends the [`Request`]s these modules plan,
//! and feeds the answers back.
//!
//! - [`collections`]: the backup's `_collections` rows and the live `GET
//!   /api/collections` items as one [`collections::Collection`] type.
//! - [`decode`]: a backup row as the records API returns it.
//! - [`diff`]: the comparison, fed record by record and page by page.
//! - [`recover`]: the create/update requests for chosen records.

pub mod collections;
pub mod decode;
pub mod diff;
pub mod recover;
mod request;

pub use request::{Method, Request};

use crate::core::sqlite::Value;

/// The value of column `name` in a row given as column names and values (`None` when
/// the row has no such column).
pub fn column<'a, S: AsRef<str>>(columns: &[S], values: &'a [Value], name: &str) -> Option<&'a Value> {
    let i = columns.iter().position(|c| c.as_ref() == name)?;
    values.get(i)
}

#[cfg(test)]
mod fixtures;
