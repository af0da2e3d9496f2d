//! The shared helpers (tests/support), with every server address pointed at the
//! S3-backed PocketBase.

#[path = "../support/mod.rs"]
mod base;
pub use base::*;

/// The PocketBase whose backups are on S3 (started by scripts/test.sh).
pub const PB_S3_URL: &str = env!("PB_S3_URL");
/// The S3 server that PocketBase writes to, bucket `backups`.
pub const S3_URL: &str = env!("S3_URL");
/// tests/s3_server.py's control: `POST /stop`, `POST /start`.
pub const S3_CONTROL_URL: &str = env!("S3_CONTROL_URL");
/// The secret scripts/test.sh stored; it must never come back.
pub const S3_SECRET: &str = "test-secret";
pub const PB_URL: &str = PB_S3_URL;
/// A download of a missing key with a valid file token, from S3: 400, not 404.
pub const MISSING_DOWNLOAD: (u16, &str) = (400, "Something went wrong while processing your request.");
pub const ON_S3: bool = true;
/// `modified` on S3 has whole seconds.
pub const APART_MS: i32 = 1_100;
