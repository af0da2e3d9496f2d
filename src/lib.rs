//! Browser SDK for the Backups API of BosBase and PocketBase servers.
pub mod core;
