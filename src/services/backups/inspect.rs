//! Looking inside a zip before uploading it: the plan ([`Inspect`]) reads only its
//! central directory (`Blob.slice`), so the cost does not depend on the file's size.

use web_sys::Blob;

use super::super::run::{run, Hooks};
use super::BackupService;
use crate::calls::{Inspect, Inspection};
use crate::error::Error;

impl BackupService {
    /// Reads a zip's central directory and reports its entries and whether it looks
    /// like a backup of this server (a file the restore writes to `data.db`). Reads at most the last
    /// 64 KiB and the directory itself, whatever the file's size, the directory in
    /// pieces of 256 KiB (a forged one is refused at its first bad entry). Never fails for what
    /// the bytes hold (the verdict says what is wrong); fails only if the browser
    /// cannot read the file.
    pub async fn inspect(&self, file: &Blob) -> Result<Inspection, Error> {
        let hooks = Hooks {
            file: Some(file.clone()),
            ..Hooks::default()
        };
        let plan = Inspect::new(file.size() as u64);
        run(&self.client, &Default::default(), "", hooks, plan).await
    }
}
