//! What the server's restore makes of an entry: the path it writes the entry to, and as
//! what kind of file with which permissions.
//!
//! The server (PocketBase 0.40.6's `archive.Extract`, Go's `archive/zip`) reads the
//! central directory and, for each entry in order, joins its name to the folder it
//! extracts into with `filepath.Join`; a name whose path does not stay inside that
//! folder fails the whole restore. A folder is created, a regular file written with the
//! permissions its entry records (an existing one truncated: the later entry wins), and
//! anything else (a symbolic link, a device) skipped. The server's restore refuses to run
//! on Windows, so the join is always a Unix system's: `/` is the only separator, and a
//! backslash is a character of the name (`.\data.db` is a file of that name, not
//! `data.db`). Measured on the server: `./data.db`, `x/../data.db` and `/data.db`
//! restore as `data.db`; `../evil` and `./` fail the restore; `.\data.db` leaves it
//! without a database.
//!
//! So an entry is placed exactly as the server places it ([`extraction_path`]), which
//! tells which entry is the database and which overwrite others; names that only another
//! system or tool would place outside the folder (absolute ones, `\` as a separator) are
//! told apart by [`is_portable`], to be reported without changing where the server puts
//! them.

/// Where the server's restore looks for the database it starts with.
pub const DATA_DB: &[u8] = b"data.db";
/// The server's second database (logs), which it also opens for writing.
pub const AUXILIARY_DB: &[u8] = b"auxiliary.db";

/// The type bits of a Unix mode.
const S_IFMT: u32 = 0o170_000;
const S_IFREG: u32 = 0o100_000;
const S_IFDIR: u32 = 0o040_000;

/// Hosts of "version made by" whose external attributes Go reads as a Unix mode.
const HOST_UNIX: u16 = 3;
const HOST_MACOS: u16 = 19;
/// Hosts whose external attributes Go reads as MS-DOS attributes (Go's numbering: it
/// takes 11 for NTFS).
const HOST_FAT: u16 = 0;
const HOST_NTFS: u16 = 11;
const HOST_VFAT: u16 = 14;
const MSDOS_READ_ONLY: u32 = 0x01;
const MSDOS_DIR: u32 = 0x10;

/// The path the server writes an entry named `name` to, relative to the folder it
/// extracts into, with `/` between its parts and no `.`, `..` or empty part; `None`
/// when the name leads out of that folder or to the folder itself, which fails the
/// restore.
///
/// `filepath.Join(folder, name)` cleans the joined path: `.` and empty parts go, `..`
/// takes the part before it away (past the folder's own parts, out of it).
pub fn extraction_path(name: &[u8]) -> Option<Vec<u8>> {
    let mut parts: Vec<&[u8]> = Vec::new();
    for part in name.split(|&b| b == b'/') {
        match part {
            b"" | b"." => {}
            b".." => {
                parts.pop()?;
            }
            _ => parts.push(part),
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(parts.join(&b'/'))
}

/// False for a name that is absolute, or that climbs out of its folder when a backslash
/// separates parts too: `/etc/x`, `\x`, `C:\x`, `c:x`, `..\evil`. The server writes
/// such an entry inside its folder (as `etc/x`, or under a name holding the
/// backslashes), but other tools extracting the archive (on Windows, or keeping
/// absolute paths) write it elsewhere, and the server's own backups never hold one.
pub fn is_portable(name: &[u8]) -> bool {
    let drive = matches!(name, [letter, b':', ..] if letter.is_ascii_alphabetic());
    if drive || matches!(name.first(), Some(b'/' | b'\\')) {
        return false;
    }
    let mut depth = 0usize;
    for part in name.split(|&b| b == b'/' || b == b'\\') {
        match part {
            b"" | b"." => {}
            b".." => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            _ => depth += 1,
        }
    }
    true
}

/// What kind of file the restore makes of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Written with [`ExtractedMode::permissions`].
    Regular,
    /// Created as a folder.
    Directory,
    /// A symbolic link, device, pipe or socket: skipped.
    Skipped,
}

/// The file an entry becomes, as Go's `FileHeader.Mode` reads its central header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractedMode {
    pub kind: FileKind,
    /// The permission bits (`0o644`); the server's umask may clear some of the group's
    /// and others', never the owner's.
    pub permissions: u32,
}

impl ExtractedMode {
    /// The mode of an entry from its central header's "version made by" and external
    /// attributes, and whether its name ends with `/`: a Unix mode in the high 16 bits
    /// for Unix and macOS hosts (a mode without a type is a regular file); MS-DOS
    /// attributes for FAT, NTFS and VFAT hosts (0666, or 0444 when read-only); no
    /// permissions at all for any other host.
    pub fn of(version_made_by: u16, external: u32, name_is_dir: bool) -> Self {
        let (kind, permissions) = match version_made_by >> 8 {
            HOST_UNIX | HOST_MACOS => {
                let mode = external >> 16;
                let kind = match mode & S_IFMT {
                    0 | S_IFREG => FileKind::Regular,
                    S_IFDIR => FileKind::Directory,
                    _ => FileKind::Skipped,
                };
                (kind, mode & 0o777)
            }
            HOST_FAT | HOST_NTFS | HOST_VFAT if external & MSDOS_DIR != 0 => (FileKind::Directory, 0o777),
            HOST_FAT | HOST_NTFS | HOST_VFAT if external & MSDOS_READ_ONLY != 0 => (FileKind::Regular, 0o444),
            HOST_FAT | HOST_NTFS | HOST_VFAT => (FileKind::Regular, 0o666),
            _ => (FileKind::Regular, 0),
        };
        // A name ending with `/` is a folder whatever its mode says.
        let kind = if name_is_dir { FileKind::Directory } else { kind };
        ExtractedMode { kind, permissions }
    }

    /// The owner can read and write the file: what a server needs of its databases
    /// (unless it runs as root, which ignores permissions).
    pub fn owner_can_read_and_write(&self) -> bool {
        self.permissions & 0o600 == 0o600
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(name: &str) -> Option<String> {
        extraction_path(name.as_bytes()).map(|p| String::from_utf8(p).unwrap())
    }

    #[test]
    fn names_are_joined_as_the_servers_filepath_join_does() {
        for (name, want) in [
            ("data.db", Some("data.db")),
            ("./data.db", Some("data.db")),
            ("x/../data.db", Some("data.db")),
            ("/data.db", Some("data.db")),
            ("//a///b/./c/", Some("a/b/c")),
            ("storage/c/../c/r/f", Some("storage/c/r/f")),
            (".\\data.db", Some(".\\data.db")),
            ("..\\evil", Some("..\\evil")),
            ("C:\\x", Some("C:\\x")),
            ("...", Some("...")),
            ("../evil", None),
            ("a/../../evil", None),
            ("/..", None),
            ("./", None),
            ("x/..", None),
            ("", None),
            (".", None),
        ] {
            assert_eq!(path(name).as_deref(), want, "{name}");
        }
        // Bytes that are not UTF-8 are kept as they are.
        assert_eq!(extraction_path(b"./a\xff"), Some(b"a\xff".to_vec()));
    }

    #[test]
    fn portable_names() {
        for name in [
            "data.db",
            "storage/c/r/a.txt",
            "a/../b",
            "..x",
            "x..",
            "storage/a:b",
            "a\\b",
            "./x",
        ] {
            assert!(is_portable(name.as_bytes()), "{name}");
        }
        // `c:x` is a path relative to drive C's current folder on Windows.
        for name in [
            "/etc/x",
            "\\x",
            "C:\\x",
            "c:x",
            "..\\evil",
            "a\\..\\..\\evil",
            "../x",
            "x/../../y",
        ] {
            assert!(!is_portable(name.as_bytes()), "{name}");
        }
    }

    #[test]
    fn modes_as_go_reads_them() {
        let unix = |mode: u32| ExtractedMode::of(0x0314, mode << 16, false);
        assert_eq!(
            unix(0o100_644),
            ExtractedMode {
                kind: FileKind::Regular,
                permissions: 0o644
            }
        );
        assert_eq!(unix(0o644).kind, FileKind::Regular);
        assert_eq!(unix(0o040_755).kind, FileKind::Directory);
        for link_or_device in [0o120_777, 0o020_644, 0o060_644, 0o010_644, 0o140_644] {
            assert_eq!(unix(link_or_device).kind, FileKind::Skipped, "{link_or_device:o}");
        }
        assert_eq!(
            ExtractedMode::of(0x1314, 0o100_600 << 16, false).permissions,
            0o600
        );
        let dos = |host: u16, attrs: u32| ExtractedMode::of((host << 8) | 20, attrs, false);
        assert_eq!(dos(0, 0x20).permissions, 0o666);
        assert_eq!(dos(11, 0x21).permissions, 0o444);
        assert_eq!(dos(14, 0x10).kind, FileKind::Directory);
        assert_eq!(dos(10, 0x20), dos(3, 0));
        assert_eq!(dos(10, 0x20).permissions, 0);
        assert_eq!(
            ExtractedMode::of(0x0314, 0o100_644 << 16, true).kind,
            FileKind::Directory
        );
        assert!(unix(0o100_600).owner_can_read_and_write());
        assert!(!unix(0o100_444).owner_can_read_and_write());
        assert!(!unix(0o100_200).owner_can_read_and_write());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Go's `filepath.Clean` of `/folder/` + `name` done another way, by rewriting the
    /// text until nothing changes: the part after `/folder/`, or `None` when the result
    /// is not inside it.
    fn by_rewriting(name: &str) -> Option<String> {
        let mut p = format!("/root/folder/{name}/");
        // One rewrite at a time, `..` last: `/x/../` is `/` only once no empty or `.`
        // part is left before it.
        loop {
            if p.contains("//") {
                p = p.replacen("//", "/", 1);
            } else if p.contains("/./") {
                p = p.replacen("/./", "/", 1);
            } else if let Some(at) = p.find("/../") {
                // The part before the `..` goes with it (none at the root).
                let start = p[..at].rfind('/').unwrap_or(0);
                p.replace_range(start..at + 3, "");
            } else {
                break;
            }
        }
        p.strip_prefix("/root/folder/")
            .map(|rest| rest.trim_end_matches('/').to_string())
            .filter(|rest| !rest.is_empty())
    }

    proptest! {
        #[test]
        fn the_join_agrees_with_rewriting(name in "[a./\\\\]{0,14}") {
            let ours = extraction_path(name.as_bytes()).map(|p| String::from_utf8(p).unwrap());
            prop_assert_eq!(ours, by_rewriting(&name), "{:?}", name);
        }

        #[test]
        fn any_bytes_are_read_without_panic(name in proptest::collection::vec(any::<u8>(), 0..64), made_by in any::<u16>(), external in any::<u32>()) {
            if let Some(p) = extraction_path(&name) {
                prop_assert!(!p.is_empty() && !p.starts_with(b"/") && !p.ends_with(b"/"));
            }
            let _ = is_portable(&name);
            let _ = ExtractedMode::of(made_by, external, name.last() == Some(&b'/'));
        }
    }
}
