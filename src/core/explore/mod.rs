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

/// A driver's whole walk over a real backup and the live server's real answers.
#[cfg(test)]
mod tests {
    use super::collections::Collection;
    use super::decode::{Decoder, Shape};
    use super::diff::{self, RecordDiff};
    use super::fixtures::*;
    use super::recover::{RecoverOptions, Recovery};
    use super::*;
    use crate::core::json::Json;

    fn backup() -> Vec<Collection> {
        let columns = ["id", "system", "type", "name", "fields"];
        [ALLF_ROW, MEMBERS_ROW, V1_ROW, TARGET_ROW]
            .iter()
            .map(|r| {
                let values = [
                    Value::Text(r.0.into()),
                    Value::Integer(r.1),
                    Value::Text(r.2.into()),
                    Value::Text(r.3.into()),
                    Value::Text(r.4.into()),
                ];
                Collection::from_row(&columns, &values).unwrap()
            })
            .collect()
    }

    fn rows(name: &str) -> (Vec<&'static str>, Vec<Vec<Value>>) {
        match name {
            "allf" => (ALLF_COLUMNS.to_vec(), allf_rows()),
            "members" => (MEMBERS_COLUMNS.to_vec(), members_rows()),
            "target" => (TARGET_COLUMNS.to_vec(), target_rows()),
            _ => (Vec::new(), Vec::new()),
        }
    }

    /// The server, as far as these requests go: the recorded answers, and a filter by
    /// id applied to the recorded full list.
    fn answer(request: &Request) -> Json {
        let q = request.path_and_query();
        let full = |text: &str| Json::parse(text).unwrap();
        match q.as_str() {
            "/api/collections?page=1&perPage=1000" => full(LIVE_COLLECTIONS),
            "/api/collections/allf/records?page=1&perPage=1000&sort=id&fields=id%2Cupdated" => {
                full(LIVE_ALLF_IDS)
            }
            "/api/collections/members/records?page=1&perPage=1000&sort=id" => full(LIVE_MEMBERS),
            "/api/collections/target/records?page=1&perPage=1000&sort=id" => full(LIVE_TARGET),
            "/api/collections/extra/records?page=1&perPage=1&fields=id" => full(LIVE_EXTRA_COUNT),
            _ if q.starts_with("/api/collections/allf/records?") => {
                let filter = &request.query.iter().find(|(k, _)| k == "filter").expect(&q).1;
                let items = full(LIVE_ALLF)["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|i| filter.contains(&["id=\"", i["id"].as_str().unwrap(), "\""].concat()))
                    .cloned()
                    .collect();
                Json::object([("items", Json::Array(items))])
            }
            _ => panic!("unexpected request {q}"),
        }
    }

    #[test]
    fn compare_walks_a_real_backup_against_real_answers() {
        let backup = backup();
        let live_list = answer(&diff::collections_request(1));
        let live: Vec<Collection> = live_list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| Collection::from_api(i).unwrap())
            // The backup side here holds only the test's collections, not the default ones.
            .filter(|c| !c.system && c.name != "users")
            .collect();
        let mut entries = Vec::new();
        for (b, l) in diff::pairs(&backup, &live) {
            let entry = match (b, l) {
                (Some(b), Some(l)) if b.is_view() || l.is_view() => diff::view_json(b, l),
                (Some(b), Some(l)) => {
                    let mut d = RecordDiff::new(b, l);
                    let (columns, rows) = rows(&b.name);
                    let decoder = Decoder::new(b, &columns, Shape::Api);
                    for row in &rows {
                        d.add_backup_record(&decoder.record(row));
                    }
                    let mut page = Some(1);
                    while let Some(p) = page {
                        page = d.add_live_page(&answer(&d.live_request(p)));
                    }
                    for r in d.fetch_requests() {
                        d.add_fetched_page(&answer(&r));
                    }
                    if b.name == "allf" {
                        assert!(d.by_updated());
                        assert_eq!(d.pending_ids().len(), 0);
                        assert_eq!(d.changed_ids(), ["rec000000000002", "rec000000000005"]);
                        assert_eq!(d.only_in_backup_ids(), ["rec000000000009"]);
                    }
                    d.result_json(&b.name, &diff::schema_diff(b, l))
                }
                (Some(b), None) => {
                    let (_, rows) = rows(&b.name);
                    diff::only_in_backup_json(b, rows.len() as u64)
                }
                (None, Some(l)) => {
                    let total = diff::total_items(&answer(&diff::count_request(&l.name))).unwrap();
                    diff::only_live_json(l, total)
                }
                (None, None) => unreachable!(),
            };
            entries.push(entry);
        }
        let out = diff::compare_json(entries);
        let expected = [
            r#"{"name":"allf","status":"changed","fields":{"added":[],"removed":[],"changed":[]},"records":{"backup":9,"live":14,"onlyInBackup":1,"onlyLive":6,"changed":2},"ids":{"onlyInBackup":["rec000000000009"],"onlyLive":["bat000000000001","bat000000000002","bat000000000005","bat000000000006","new000000000001","new000000000005"],"changed":["rec000000000002","rec000000000005"]}}"#,
            r#"{"name":"members","status":"changed","fields":{"added":["secretnote"],"removed":[],"changed":[]},"records":{"backup":2,"live":3,"onlyInBackup":0,"onlyLive":1,"changed":0},"ids":{"onlyInBackup":[],"onlyLive":["mem000000000009"],"changed":[]}}"#,
            r#"{"name":"v1","status":"onlyInBackup","fields":{"added":[],"removed":["id","t"],"changed":[]},"records":null}"#,
            r#"{"name":"target","status":"same","fields":{"added":[],"removed":[],"changed":[]},"records":{"backup":2,"live":2,"onlyInBackup":0,"onlyLive":0,"changed":0},"ids":{"onlyInBackup":[],"onlyLive":[],"changed":[]}}"#,
            r#"{"name":"extra","status":"onlyLive","fields":{"added":["id","x"],"removed":[],"changed":[]},"records":{"backup":0,"live":1,"onlyInBackup":0,"onlyLive":1,"changed":0}}"#,
        ];
        assert_eq!(
            out.to_text(),
            ["{\"collections\":[", &expected.join(","), "]}"].concat()
        );
    }

    #[test]
    fn recover_plans_a_real_record_with_files() {
        let backup = backup();
        let allf = recover::find_collection(&backup, "allf").unwrap();
        let wanted = ["rec000000000001".to_string(), "rec000000000009".to_string()];
        let mut r = Recovery::new(
            allf,
            &wanted,
            RecoverOptions {
                files: true,
                overwrite: false,
            },
        )
        .unwrap();
        let decoder = Decoder::new(allf, &ALLF_COLUMNS, Shape::Recover);
        for row in allf_rows() {
            if r.wants(&decoder.id(&row)) {
                r.add_backup_record(decoder.record(&row));
            }
        }
        r.check().unwrap();
        for q in r.existence_requests() {
            r.add_existing_page(&answer(&q));
        }
        let plan = r.plan(&mut |b| b.fill(7));
        assert_eq!(plan.len(), 1, "rec…1 exists live and overwrite is off");
        let p = &plan[0];
        assert_eq!((p.id.as_str(), p.method), ("rec000000000009", Method::Post));
        assert_eq!(
            p.payload.to_text(),
            r#"{"id":"rec000000000009","t":"","ed":"","n":-12345678901,"b":false,"em":"","u":"","d":"","s1":"","sm":[],"r1":"","rm":[],"j":{},"g":{"lon":0,"lat":0},"ht":""}"#
        );
        assert!(p.files.is_empty());

        let mut r = Recovery::new(
            allf,
            &wanted[..1],
            RecoverOptions {
                files: true,
                overwrite: true,
            },
        )
        .unwrap();
        for row in allf_rows() {
            if r.wants(&decoder.id(&row)) {
                r.add_backup_record(decoder.record(&row));
            }
        }
        for q in r.existence_requests() {
            r.add_existing_page(&answer(&q));
        }
        let plan = r.plan(&mut |b| b.fill(7));
        let p = &plan[0];
        assert_eq!(
            (p.method, p.path.as_str()),
            (Method::Patch, "/api/collections/allf/records/rec000000000001")
        );
        let uploads: Vec<(&str, &str, &str)> = p
            .files
            .iter()
            .map(|a| (a.field.as_str(), a.zip_path.as_str(), a.upload_name.as_str()))
            .collect();
        assert_eq!(
            uploads,
            [
                (
                    "f1",
                    "storage/pbc_2844260936/rec000000000001/hello_world_r2ixyt6q7z.txt",
                    "hello_world.txt"
                ),
                (
                    "fm",
                    "storage/pbc_2844260936/rec000000000001/awvdz8mb231_xr5sk9w4m9.txt",
                    "awvdz8mb231.txt"
                ),
                (
                    "fm",
                    "storage/pbc_2844260936/rec000000000001/b9ubqt3ag0z_yxdadv1nbh.png",
                    "b9ubqt3ag0z.png"
                ),
            ]
        );
        let (groups, single) = recover::batch_groups(&plan, 50);
        assert!(groups.is_empty() && single == [0]);
    }
}
