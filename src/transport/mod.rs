//! Browser I/O: the only code that talks to `fetch`, storage and the JS runtime.

pub mod abort;
pub mod blob;
pub mod fetch;
pub mod page;
pub mod runtime;
pub mod storage;
pub mod stream;
pub mod watch;
pub mod xhr;
