//! The TypeScript declarations (src/npm/package.d.ts) against what the code builds:
//! each interface whose object the Rust code writes has exactly the keys the code
//! writes, and each union of codes lists exactly the codes the code knows.
#![cfg(not(target_arch = "wasm32"))]

use bosbase_backups::core::json::Json;
use bosbase_backups::core::verify::{verify_bytes, Code};
use bosbase_backups::core::zip::{parse_central_directory, summarize, ZipError};
use bosbase_backups::{Inspection, RestoreReport};
use bosbase_backups_test_zip::{backup, write_zip};

/// The package's declarations (src/npm/package.d.ts).
fn declarations() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/npm/package.d.ts");
    std::fs::read_to_string(path).expect(path)
}

/// The member names of `export interface NAME { … }` (its own, not inherited).
fn interface_keys(ts: &str, name: &str) -> Vec<String> {
    let start = ts
        .find(&format!("export interface {name} "))
        .unwrap_or_else(|| panic!("interface {name}"));
    let body = &ts[start..];
    let body = &body[body.find('{').unwrap() + 1..];
    let (mut depth, mut keys, mut line) = (0, Vec::new(), String::new());
    for c in body.chars() {
        match c {
            '{' | '(' | '[' => depth += 1,
            '}' | ')' | ']' if depth == 0 => break,
            '}' | ')' | ']' => depth -= 1,
            '\n' => {
                let l = line.trim();
                if let Some(colon) = l
                    .find(':')
                    .filter(|_| !l.starts_with('*') && !l.starts_with("/*"))
                {
                    keys.push(l[..colon].trim_end_matches('?').trim().to_string());
                }
                line.clear();
                continue;
            }
            _ => {}
        }
        if depth == 0 {
            line.push(c);
        }
    }
    keys.sort();
    keys
}

/// The string members of `export type NAME = | "a" | "b";`.
fn union(ts: &str, name: &str) -> Vec<String> {
    let rest = ts
        .split(&format!("export type {name} ="))
        .nth(1)
        .unwrap_or_else(|| panic!("type {name}"));
    rest.split(';')
        .next()
        .unwrap()
        .split('|')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn object_keys(v: &Json) -> Vec<String> {
    let Json::Object(members) = v else {
        panic!("not an object: {v:?}")
    };
    let mut keys: Vec<String> = members.iter().map(|(k, _)| k.clone()).collect();
    keys.sort();
    keys
}

#[test]
fn the_verify_report_is_declared_as_it_is_built() {
    let ts = declarations();
    // A report with a problem, so that the problem's keys are seen too.
    let mut zip = write_zip(&backup(&[])).bytes;
    zip.truncate(zip.len() - 30);
    let report = verify_bytes(&zip).to_json();
    assert_eq!(object_keys(&report), interface_keys(&ts, "VerifyReport"));
    let problem = &report.get("problems").and_then(Json::as_array).unwrap()[0];
    assert_eq!(object_keys(problem), interface_keys(&ts, "VerifyProblem"));
    let codes: Vec<String> = Code::ALL.iter().map(|c| c.as_str().to_string()).collect();
    assert_eq!(union(&ts, "VerifyProblemCode"), codes);
}

#[test]
fn the_zip_inspection_is_declared_as_it_is_built() {
    let ts = declarations();
    let zip = write_zip(&backup(&[("storage/c/r/a.txt", b"a")])).bytes;
    // The central directory: from the end record's offset to the end record.
    let eocd = zip.len() - 22;
    let at = |o: usize| u32::from_le_bytes(zip[o..o + 4].try_into().unwrap()) as usize;
    let entries = parse_central_directory(&zip[at(eocd + 16)..eocd], 4, false).unwrap();
    let found = Inspection {
        size: zip.len() as u64,
        verdict: Ok(summarize(entries, false)),
    }
    .to_json();
    assert_eq!(object_keys(&found), interface_keys(&ts, "ZipInspection"));
    let entry = &found.get("entries").and_then(Json::as_array).unwrap()[0];
    assert_eq!(object_keys(entry), interface_keys(&ts, "ZipEntryInfo"));
    let refused = Inspection {
        size: 3,
        verdict: Err(ZipError::NotZip),
    }
    .to_json();
    assert_eq!(object_keys(&refused), interface_keys(&ts, "ZipInspection"));
    assert_eq!(object_keys(refused.get("error").unwrap()), ["code", "message"]);
}

#[test]
fn the_restore_report_is_declared_as_it_is_built() {
    let built = RestoreReport { auth_cleared: true }.to_json();
    assert_eq!(
        object_keys(&built),
        interface_keys(&declarations(), "RestoreReport")
    );
}

#[test]
fn the_key_reader_sees_optional_and_nested_members() {
    let ts = "export interface A extends B {\n  /** doc: with a colon */\n  a: string;\n  b?: (x: { y: number }) => void;\n  c: { d: string };\n}\n";
    assert_eq!(interface_keys(ts, "A"), ["a", "b", "c"]);
}

#[test]
fn the_explorers_results_are_declared_as_they_are_built() {
    use bosbase_backups::core::explore::collections::Collection;
    use bosbase_backups::core::explore::decode::Page;
    use bosbase_backups::core::explore::diff::{schema_diff, RecordDiff};
    use bosbase_backups::core::explore::recover::{RecoverOptions, Recovery};
    let ts = declarations();
    let item = Json::parse(
        r#"{"id":"pbc_1","name":"posts","type":"base","system":false,"fields":[
            {"id":"t1","name":"id","type":"text","hidden":false,"system":true},
            {"id":"t2","name":"title","type":"text","hidden":false,"system":false},
            {"id":"d1","name":"updated","type":"autodate","hidden":false,"system":false}]}"#,
    )
    .unwrap();
    let posts = Collection::from_api(&item).unwrap();
    let summary = posts.summary_json(Some(3));
    assert_eq!(object_keys(&summary), interface_keys(&ts, "ExploredCollection"));
    let field = &summary.get("fields").and_then(Json::as_array).unwrap()[0];
    assert_eq!(object_keys(field), interface_keys(&ts, "ExploredField"));
    let page = Page::new(1, 30).json(0, Vec::new());
    assert_eq!(object_keys(&page), interface_keys(&ts, "ExploredRecords"));

    let mut diff = RecordDiff::new(&posts, &posts);
    diff.add_backup_record(&Json::parse(r#"{"id":"a","title":"x","updated":"u"}"#).unwrap());
    diff.add_live_page(&Json::parse(r#"{"page":1,"totalPages":1,"totalItems":0,"items":[]}"#).unwrap());
    let entry = diff.result_json("posts", &schema_diff(&posts, &posts));
    assert_eq!(object_keys(&entry), interface_keys(&ts, "CollectionComparison"));
    assert_eq!(object_keys(&entry["fields"]), interface_keys(&ts, "FieldChanges"));
    assert_eq!(
        object_keys(&entry["records"]),
        interface_keys(&ts, "RecordCounts")
    );
    assert_eq!(object_keys(&entry["ids"]), interface_keys(&ts, "RecordIds"));

    let options = RecoverOptions {
        files: true,
        overwrite: false,
    };
    let recovery = Recovery::new(&posts, &["a".to_string()], options).unwrap();
    let report = recovery.result_json();
    assert_eq!(object_keys(&report), interface_keys(&ts, "RecoveryReport"));
    let failed = &report.get("failed").and_then(Json::as_array).unwrap()[0];
    assert_eq!(object_keys(failed), interface_keys(&ts, "RecoveryFailure"));
}
