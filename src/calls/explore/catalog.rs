//! What the explorer reads once, on opening: the backup's tables (from sqlite_schema),
//! its collections (the rows of `_collections`) and each collection's row count (from
//! its table's leaves, which also index its rows for paging).

use super::database::Db;
use crate::core::explore::collections::{self, Collection};
use crate::core::json::Json;
use crate::core::sqlite::{Columns, LeafWalk, Leaves, Scan, SchemaEntry, SchemaRead};
use crate::error::Error;

/// The table that lists a PocketBase database's collections.
const COLLECTIONS_TABLE: &str = "_collections";

/// A collection's table.
#[derive(Debug, Clone)]
pub struct Table {
    pub root: u32,
    pub columns: Columns,
    /// The column names, in order.
    pub names: Vec<String>,
    /// Its leaves, once walked.
    pub leaves: Leaves,
}

/// The collections of the backup and their tables (`None` for a view, which stores no
/// rows, or a collection whose table is missing).
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub collections: Vec<Collection>,
    pub tables: Vec<Option<Table>>,
}

impl Catalog {
    /// The collection named `name` and its table.
    pub fn find(&self, name: &str) -> Option<(&Collection, Option<&Table>)> {
        let i = self.collections.iter().position(|c| c.name == name)?;
        Some((&self.collections[i], self.tables.get(i).and_then(Option::as_ref)))
    }

    /// `x.collections`.
    pub fn to_json(&self) -> Json {
        let counts: Vec<Option<u64>> = self
            .tables
            .iter()
            .map(|t| t.as_ref().map(|t| t.leaves.rows))
            .collect();
        collections::summaries_json(&self.collections, &counts)
    }
}

/// The error of a backup whose database is not a PocketBase one.
fn not_pocketbase(detail: &str) -> Error {
    Error::unreadable(
        "backup_not_pocketbase",
        &["The backup's data.db is not a PocketBase database: ", detail].concat(),
    )
}

fn table_of(entry: &SchemaEntry) -> Result<Table, Error> {
    let columns = entry.columns().map_err(|e| super::database::db_error(&e))?;
    let names = columns.columns.iter().map(|c| c.name.clone()).collect();
    Ok(Table {
        root: entry.root,
        columns,
        names,
        leaves: Leaves::default(),
    })
}

enum Stage {
    Schema(SchemaRead),
    Collections {
        scan: Scan,
        table: Table,
        rows: Vec<Vec<crate::core::sqlite::Value>>,
    },
    Counting {
        at: usize,
        walk: LeafWalk,
    },
}

/// The reading of the catalog, resumable.
pub struct CatalogRead {
    stage: Stage,
    schema: Vec<SchemaEntry>,
    catalog: Catalog,
}

impl Default for CatalogRead {
    fn default() -> Self {
        CatalogRead {
            stage: Stage::Schema(SchemaRead::new()),
            schema: Vec::new(),
            catalog: Catalog::default(),
        }
    }
}

impl CatalogRead {
    /// Reads on: the catalog, or the bytes of the database file to read first.
    pub fn step(&mut self, db: &mut Db) -> Result<Result<Catalog, (u64, u64)>, Error> {
        loop {
            match &mut self.stage {
                Stage::Schema(read) => match db.run(|d, p| read.step(d, p))? {
                    Err(range) => return Ok(Err(range)),
                    Ok(entries) => {
                        self.schema = entries;
                        let entry = self
                            .table(COLLECTIONS_TABLE)
                            .ok_or_else(|| not_pocketbase("it has no _collections table."))?;
                        let table = table_of(entry)?;
                        let scan = Scan::new(table.root, Some(table.columns.clone()));
                        self.stage = Stage::Collections {
                            scan,
                            table,
                            rows: Vec::new(),
                        };
                    }
                },
                Stage::Collections { scan, table, rows } => match db.run(|d, p| scan.next(d, p))? {
                    Err(range) => return Ok(Err(range)),
                    Ok(Some(row)) => rows.push(row.values),
                    Ok(None) => {
                        let list = collections::from_rows(&table.names, rows)
                            .map_err(|e| not_pocketbase(e.message()))?;
                        let mut tables = Vec::with_capacity(list.len());
                        for c in &list {
                            let entry = self.table(&c.name).filter(|_| !c.is_view());
                            tables.push(entry.map(table_of).transpose()?);
                        }
                        self.catalog = Catalog {
                            collections: list,
                            tables,
                        };
                        self.stage = Stage::Counting {
                            at: 0,
                            walk: LeafWalk::new(0),
                        };
                        self.next_count(0);
                    }
                },
                Stage::Counting { at, walk } => {
                    let at = *at;
                    if at >= self.catalog.tables.len() {
                        return Ok(Ok(std::mem::take(&mut self.catalog)));
                    }
                    match db.run(|d, p| walk.step(d, p))? {
                        Err(range) => return Ok(Err(range)),
                        Ok(leaves) => {
                            if let Some(Some(t)) = self.catalog.tables.get_mut(at) {
                                t.leaves = leaves;
                            }
                            self.next_count(at + 1);
                        }
                    }
                }
            }
        }
    }

    /// Walks the next table from `at` on.
    fn next_count(&mut self, mut at: usize) {
        while let Some(t) = self.catalog.tables.get(at) {
            if let Some(t) = t {
                self.stage = Stage::Counting {
                    at,
                    walk: LeafWalk::new(t.root),
                };
                return;
            }
            at += 1;
        }
        self.stage = Stage::Counting {
            at,
            walk: LeafWalk::new(0),
        };
    }

    fn table(&self, name: &str) -> Option<&SchemaEntry> {
        self.schema.iter().find(|e| e.kind == "table" && e.name == name)
    }
}
