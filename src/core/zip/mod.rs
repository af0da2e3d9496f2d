//! Reading a zip's central directory (its list of files) before upload, from small slices of a
//! possibly multi-GB file. The caller reads the slices (`Blob.slice` in the browser); this module
//! only looks at bytes, and answers every input with a value, never a panic.
//!
//! 1. Read the last `min(file_size, TAIL_LEN)` bytes and call [`locate_central_directory`].
//! 2. If it answers [`CdLocation::NeedZip64Record`], read that range and call
//!    [`locate_from_zip64_record`].
//! 3. Read `[offset, offset + size)` of [`CdLocation::Found`] and call [`parse_central_directory`]
//!    (or, piece by piece, [`CentralDirectoryParser`]), then [`summarize`].
//!
//! [`format`](mod@format) holds the format's facts, which the streaming verifier
//! ([`crate::core::verify`]) reads archives with too; [`extract`] what the server's
//! restore makes of an entry (where it writes it, as what kind of file), which both use.

mod central;
pub mod entry;
pub mod extract;
pub mod format;

pub use central::*;
