//! `records()`: a page of a collection's records in the backup, in the records API's
//! shape; by position through the table's leaves, or, with `ids`, those of the table's
//! rows (in rowid order) whose id is among them.

use std::collections::BTreeSet;

use super::catalog::{Catalog, Table};
use super::database::Db;
use crate::core::explore::collections::Collection;
use crate::core::explore::decode::{Decoder, Page, Shape};
use crate::core::json::Json;
use crate::core::sqlite::{RowsAt, Scan};
use crate::error::Error;

/// The error of a collection the backup does not have.
pub fn unknown_collection(name: &str) -> Error {
    Error::unreadable(
        "explore_unknown_collection",
        &["The backup has no collection named \"", name, "\"."].concat(),
    )
}

/// The collection named `name` and its table, or why its records cannot be read.
pub fn readable<'c>(catalog: &'c Catalog, name: &str) -> Result<(&'c Collection, &'c Table), Error> {
    let (collection, table) = catalog.find(name).ok_or_else(|| unknown_collection(name))?;
    let table = table.ok_or_else(|| {
        Error::unreadable(
            "explore_view_collection",
            &["\"", name, "\" is a view collection: its records are not stored in the backup but computed from other collections."]
                .concat(),
        )
    })?;
    Ok((collection, table))
}

enum Cursor {
    At(RowsAt),
    Matching {
        scan: Scan,
        ids: BTreeSet<String>,
        matched: u64,
    },
}

/// A page of records, resumable.
pub struct RecordsRead {
    name: String,
    page: Page,
    cursor: Cursor,
    items: Vec<Json>,
}

impl RecordsRead {
    /// Page `page` (from 1) of `per_page` records of `name`, of only those whose id is
    /// in `ids` when given.
    pub fn new(
        catalog: &Catalog,
        name: &str,
        page: u64,
        per_page: u64,
        ids: Option<Vec<String>>,
    ) -> Result<Self, Error> {
        let (_, table) = readable(catalog, name)?;
        let page = Page::new(page, per_page);
        let cursor = match ids {
            None => {
                let rows = page.rows(table.leaves.rows);
                Cursor::At(RowsAt::new(
                    &table.leaves,
                    rows.start,
                    rows.end - rows.start,
                    Some(table.columns.clone()),
                ))
            }
            Some(ids) => Cursor::Matching {
                scan: Scan::new(table.root, Some(table.columns.clone())),
                ids: ids.into_iter().collect(),
                matched: 0,
            },
        };
        Ok(RecordsRead {
            name: name.to_string(),
            page,
            cursor,
            items: Vec::new(),
        })
    }

    /// Reads on: the page, or the bytes of the database file to read first.
    pub fn step(&mut self, catalog: &Catalog, db: &mut Db) -> Result<Result<Json, (u64, u64)>, Error> {
        let (collection, table) = readable(catalog, &self.name)?;
        let decoder = Decoder::new(collection, &table.names, Shape::Api);
        loop {
            match &mut self.cursor {
                Cursor::At(rows) => match db.run(|d, p| rows.next(d, p))? {
                    Err(range) => return Ok(Err(range)),
                    Ok(Some(row)) => self.items.push(decoder.record(&row.values)),
                    Ok(None) => {
                        let items = std::mem::take(&mut self.items);
                        return Ok(Ok(self.page.json(table.leaves.rows, items)));
                    }
                },
                Cursor::Matching { scan, ids, matched } => match db.run(|d, p| scan.next(d, p))? {
                    Err(range) => return Ok(Err(range)),
                    Ok(Some(row)) => {
                        if ids.contains(&decoder.id(&row.values)) {
                            if self.page.rows(u64::MAX).contains(matched) {
                                self.items.push(decoder.record(&row.values));
                            }
                            *matched += 1;
                        }
                    }
                    Ok(None) => {
                        let items = std::mem::take(&mut self.items);
                        return Ok(Ok(self.page.json(*matched, items)));
                    }
                },
            }
        }
    }
}
