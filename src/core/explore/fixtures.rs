//! What a real PocketBase 0.40.6 stored and answered (measured on 2026-12-07; see
//! `decode.rs`): the rows of a backup's `data.db` and the records API's answers for the
//! same records, for the explorer's tests.

use crate::core::sqlite::Value;

pub const ALLF_COLUMNS: [&str; 20] = [
    "b", "created", "d", "ed", "em", "f1", "fm", "g", "ht", "id", "j", "n", "pw", "r1", "rm", "s1", "sm",
    "t", "u", "updated",
];
pub fn allf_rows() -> Vec<Vec<Value>> {
    use Value::*;
    vec![
        vec![
            Integer(1),
            Text(r##"2026-12-07 02:32:07.516Z"##.into()),
            Text(r##"2024-01-02 03:04:05.678Z"##.into()),
            Text(r##"<p>hi</p>"##.into()),
            Text(r##"a@b.co"##.into()),
            Text(r##"hello_world_r2ixyt6q7z.txt"##.into()),
            Text(r##"["awvdz8mb231_xr5sk9w4m9.txt","b9ubqt3ag0z_yxdadv1nbh.png"]"##.into()),
            Text(r##"{"lon":12.5,"lat":-45.25}"##.into()),
            Text(r##"hidden value"##.into()),
            Text(r##"rec000000000001"##.into()),
            Text(r##"{"a":[1,2.5,null],"s":"x","z":1}"##.into()),
            Integer(1),
            Text(r##"$2a$10$x9iZYlztoLMQo9GDn4imAeutJGWEO4jp.qgkEgYdFdF3nYSGO2zly"##.into()),
            Text(r##"tgt000000000001"##.into()),
            Text(r##"["tgt000000000002","tgt000000000001"]"##.into()),
            Text(r##"b"##.into()),
            Text(r##"["c","a"]"##.into()),
            Text(r##"hello"##.into()),
            Text(r##"https://x.y/z"##.into()),
            Text(r##"2026-12-07 02:32:07.516Z"##.into()),
        ],
        vec![
            Integer(0),
            Text(r##"2026-12-07 02:32:07.527Z"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##"{"lon":0,"lat":0}"##.into()),
            Text(r##""##.into()),
            Text(r##"rec000000000002"##.into()),
            Null,
            Integer(0),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"2026-12-07 02:32:07.527Z"##.into()),
        ],
        vec![
            Integer(0),
            Text(r##"2026-12-07 02:32:07.533Z"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##"{"lon":0,"lat":0}"##.into()),
            Text(r##""##.into()),
            Text(r##"rec000000000003"##.into()),
            Real(0.1),
            Real(1e+21),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"2026-12-07 02:32:07.533Z"##.into()),
        ],
        vec![
            Integer(0),
            Text(r##"2026-12-07 02:32:07.540Z"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##"{"lon":0,"lat":0}"##.into()),
            Text(r##""##.into()),
            Text(r##"rec000000000004"##.into()),
            Null,
            Integer(0),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"2026-12-07 02:32:07.540Z"##.into()),
        ],
        vec![
            Integer(0),
            Text(r##"2026-12-07 02:32:07.543Z"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##"{"lon":0,"lat":0}"##.into()),
            Text(r##""##.into()),
            Text(r##"rec000000000005"##.into()),
            Text(r##""str""##.into()),
            Real(0.1),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"2026-12-07 02:32:07.543Z"##.into()),
        ],
        vec![
            Integer(0),
            Text(r##"2026-12-07 02:32:07.546Z"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##"{"lon":0,"lat":0}"##.into()),
            Text(r##""##.into()),
            Text(r##"rec000000000006"##.into()),
            Text(r##"[1,"a"]"##.into()),
            Integer(9007199254740992),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"2026-12-07 02:32:07.546Z"##.into()),
        ],
        vec![
            Integer(0),
            Text(r##"2026-12-07 02:32:07.555Z"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##"{"lon":0,"lat":0}"##.into()),
            Text(r##""##.into()),
            Text(r##"rec000000000007"##.into()),
            Real(1.2345678901234568e+29),
            Real(1.5e-07),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"2026-12-07 02:32:07.555Z"##.into()),
        ],
        vec![
            Integer(0),
            Text(r##"2026-12-07 02:32:07.559Z"##.into()),
            Text(r##"2024-01-02 00:00:00.000Z"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##"{"lon":0,"lat":0}"##.into()),
            Text(r##""##.into()),
            Text(r##"rec000000000008"##.into()),
            Text(r##"true"##.into()),
            Real(2.5),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"2026-12-07 02:32:07.559Z"##.into()),
        ],
        vec![
            Integer(0),
            Text(r##"2026-12-07 02:32:07.561Z"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##"{"lon":0,"lat":0}"##.into()),
            Text(r##""##.into()),
            Text(r##"rec000000000009"##.into()),
            Text(r##"{}"##.into()),
            Integer(-12345678901),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##"[]"##.into()),
            Text(r##""##.into()),
            Text(r##""##.into()),
            Text(r##"2026-12-07 02:32:07.561Z"##.into()),
        ],
    ]
}
/// `GET /api/collections/allf/records?sort=id&filter=id~"rec"` as the server answered.
pub const ALLF_API: &str = r##"{"items":[{"b":true,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.516Z","d":"2024-01-02 03:04:05.678Z","ed":"<p>hi</p>","em":"a@b.co","f1":"hello_world_r2ixyt6q7z.txt","fm":["awvdz8mb231_xr5sk9w4m9.txt","b9ubqt3ag0z_yxdadv1nbh.png"],"g":{"lon":12.5,"lat":-45.25},"ht":"hidden value","id":"rec000000000001","j":{"a":[1,2.5,null],"s":"x","z":1},"n":1,"pw":"","r1":"tgt000000000001","rm":["tgt000000000002","tgt000000000001"],"s1":"b","sm":["c","a"],"t":"hello","u":"https://x.y/z","updated":"2026-12-07 02:32:07.516Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.527Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000002","j":null,"n":0,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:32:07.527Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.533Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000003","j":0.1,"n":1e+21,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:32:07.533Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.540Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000004","j":null,"n":0,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:32:07.540Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.543Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000005","j":"str","n":0.1,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:32:07.543Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.546Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000006","j":[1,"a"],"n":9007199254740992,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:32:07.546Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.555Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000007","j":1.2345678901234568e+29,"n":1.5e-7,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:32:07.555Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.559Z","d":"2024-01-02 00:00:00.000Z","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000008","j":true,"n":2.5,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:32:07.559Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.561Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000009","j":{},"n":-12345678901,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:32:07.561Z"}],"page":1,"perPage":50,"totalItems":9,"totalPages":1}"##;
pub const ALLF_ROW: (&str, i64, &str, &str, &str) = (
    r##"pbc_2844260936"##,
    0,
    r##"base"##,
    r##"allf"##,
    r##"[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text2238339752","max":0,"min":0,"name":"t","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"},{"convertURLs":false,"help":"","hidden":false,"id":"editor327952476","maxSize":0,"name":"ed","presentable":false,"required":false,"system":false,"type":"editor"},{"help":"","hidden":false,"id":"number2013832146","max":null,"min":null,"name":"n","onlyInt":false,"presentable":false,"required":false,"system":false,"type":"number"},{"help":"","hidden":false,"id":"bool1908338681","name":"b","presentable":false,"required":false,"system":false,"type":"bool"},{"exceptDomains":[],"help":"","hidden":false,"id":"email1783664888","name":"em","onlyDomains":[],"presentable":false,"required":false,"system":false,"type":"email"},{"exceptDomains":[],"help":"","hidden":false,"id":"url4067256894","name":"u","onlyDomains":[],"presentable":false,"required":false,"system":false,"type":"url"},{"help":"","hidden":false,"id":"date2564639436","max":"","min":"","name":"d","presentable":false,"required":false,"system":false,"type":"date"},{"help":"","hidden":false,"id":"select336935152","maxSelect":1,"name":"s1","presentable":false,"required":false,"system":false,"type":"select","values":["a","b","c"]},{"help":"","hidden":false,"id":"select1992828207","maxSelect":3,"name":"sm","presentable":false,"required":false,"system":false,"type":"select","values":["a","b","c"]},{"cascadeDelete":false,"collectionId":"pbc_1903973042","help":"","hidden":false,"id":"relation219023793","maxSelect":1,"minSelect":0,"name":"r1","presentable":false,"required":false,"system":false,"type":"relation"},{"cascadeDelete":false,"collectionId":"pbc_1903973042","help":"","hidden":false,"id":"relation1876104302","maxSelect":5,"minSelect":0,"name":"rm","presentable":false,"required":false,"system":false,"type":"relation"},{"help":"","hidden":false,"id":"file597745380","maxSelect":1,"maxSize":1000000,"mimeTypes":[],"name":"f1","presentable":false,"protected":false,"required":false,"system":false,"thumbs":[],"type":"file"},{"help":"","hidden":false,"id":"file1098761019","maxSelect":5,"maxSize":1000000,"mimeTypes":[],"name":"fm","presentable":false,"protected":false,"required":false,"system":false,"thumbs":[],"type":"file"},{"help":"","hidden":false,"id":"json2137352139","maxSize":0,"name":"j","presentable":false,"required":false,"system":false,"type":"json"},{"help":"","hidden":false,"id":"geoPoint30677878","name":"g","presentable":false,"required":false,"system":false,"type":"geoPoint"},{"cost":0,"help":"","hidden":false,"id":"password2693238678","max":0,"min":0,"name":"pw","pattern":"","presentable":false,"required":false,"system":false,"type":"password"},{"autogeneratePattern":"","help":"","hidden":true,"id":"text3147122293","max":0,"min":0,"name":"ht","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"},{"hidden":false,"id":"autodate2990389176","name":"created","onCreate":true,"onUpdate":false,"presentable":false,"system":false,"type":"autodate"},{"hidden":false,"id":"autodate3332085495","name":"updated","onCreate":true,"onUpdate":true,"presentable":false,"system":false,"type":"autodate"}]"##,
);
pub const MEMBERS_ROW: (&str, i64, &str, &str, &str) = (
    r##"pbc_2620428958"##,
    0,
    r##"auth"##,
    r##"members"##,
    r##"[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text1579384326","max":0,"min":0,"name":"name","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"},{"cost":0,"help":"","hidden":true,"id":"password901924565","max":0,"min":8,"name":"password","pattern":"","presentable":false,"required":true,"system":true,"type":"password"},{"autogeneratePattern":"[a-zA-Z0-9]{50}","help":"","hidden":true,"id":"text2504183744","max":60,"min":30,"name":"tokenKey","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"exceptDomains":[],"help":"","hidden":false,"id":"email3885137012","name":"email","onlyDomains":[],"presentable":false,"required":true,"system":true,"type":"email"},{"help":"","hidden":false,"id":"bool1547992806","name":"emailVisibility","presentable":false,"required":false,"system":true,"type":"bool"},{"help":"","hidden":false,"id":"bool256245529","name":"verified","presentable":false,"required":false,"system":true,"type":"bool"}]"##,
);
pub const V1_ROW: (&str, i64, &str, &str, &str) = (
    r##"pbc_2372337133"##,
    0,
    r##"view"##,
    r##"v1"##,
    r##"[{"autogeneratePattern":"","help":"","hidden":false,"id":"text3208210256","max":0,"min":0,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"_clone_OZwx","max":0,"min":0,"name":"t","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"}]"##,
);
pub const TARGET_ROW: (&str, i64, &str, &str, &str) = (
    r##"pbc_1903973042"##,
    0,
    r##"base"##,
    r##"target"##,
    r##"[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text724990059","max":0,"min":0,"name":"title","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"}]"##,
);
pub const MEMBERS_COLUMNS: [&str; 7] = [
    "email",
    "emailVisibility",
    "id",
    "name",
    "password",
    "tokenKey",
    "verified",
];
pub fn members_rows() -> Vec<Vec<Value>> {
    use Value::*;
    vec![
        vec![
            Text(r##"m1@example.com"##.into()),
            Integer(0),
            Text(r##"mem000000000001"##.into()),
            Text(r##"M1"##.into()),
            Text(r##"$2a$10$1T1jqGdZdnlBqNUNHPxmqu.Q2E05A/pJFqLY/4SecjW757Q98AEi6"##.into()),
            Text(r##"RexyJdXfVvhwfYUyFpdyiIPTIyxzH9BTwlbUzAe1tGCjWucW4X"##.into()),
            Integer(1),
        ],
        vec![
            Text(r##"m2@example.com"##.into()),
            Integer(1),
            Text(r##"mem000000000002"##.into()),
            Text(r##""##.into()),
            Text(r##"$2a$10$nCUYgQJ1ycHMDtwqyPfF0enPfAvdXvEmBMIHIWTuyWh5VUzTBk.U2"##.into()),
            Text(r##"oIvklot0dhjeZqPojFsnj3nfN6GW9ptFt9vlcURbof0bcFKqMP"##.into()),
            Integer(0),
        ],
    ]
}

/// `GET /api/collections/members/records?sort=id` as the server answered (its `items`).
pub const MEMBERS_API: &str = r##"[{"collectionId":"pbc_2620428958","collectionName":"members","email":"m1@example.com","emailVisibility":false,"id":"mem000000000001","name":"M1","verified":true},{"collectionId":"pbc_2620428958","collectionName":"members","email":"m2@example.com","emailVisibility":true,"id":"mem000000000002","name":"","verified":false}]"##;

/// `GET /api/collections/allf` as the server answered.
pub const ALLF_COLLECTION_API: &str = r##"{"id":"pbc_2844260936","listRule":null,"viewRule":null,"createRule":null,"updateRule":null,"deleteRule":null,"name":"allf","type":"base","fields":[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text2238339752","max":0,"min":0,"name":"t","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"},{"convertURLs":false,"help":"","hidden":false,"id":"editor327952476","maxSize":0,"name":"ed","presentable":false,"required":false,"system":false,"type":"editor"},{"help":"","hidden":false,"id":"number2013832146","max":null,"min":null,"name":"n","onlyInt":false,"presentable":false,"required":false,"system":false,"type":"number"},{"help":"","hidden":false,"id":"bool1908338681","name":"b","presentable":false,"required":false,"system":false,"type":"bool"},{"exceptDomains":[],"help":"","hidden":false,"id":"email1783664888","name":"em","onlyDomains":[],"presentable":false,"required":false,"system":false,"type":"email"},{"exceptDomains":[],"help":"","hidden":false,"id":"url4067256894","name":"u","onlyDomains":[],"presentable":false,"required":false,"system":false,"type":"url"},{"help":"","hidden":false,"id":"date2564639436","max":"","min":"","name":"d","presentable":false,"required":false,"system":false,"type":"date"},{"help":"","hidden":false,"id":"select336935152","maxSelect":1,"name":"s1","presentable":false,"required":false,"system":false,"type":"select","values":["a","b","c"]},{"help":"","hidden":false,"id":"select1992828207","maxSelect":3,"name":"sm","presentable":false,"required":false,"system":false,"type":"select","values":["a","b","c"]},{"cascadeDelete":false,"collectionId":"pbc_1903973042","help":"","hidden":false,"id":"relation219023793","maxSelect":1,"minSelect":0,"name":"r1","presentable":false,"required":false,"system":false,"type":"relation"},{"cascadeDelete":false,"collectionId":"pbc_1903973042","help":"","hidden":false,"id":"relation1876104302","maxSelect":5,"minSelect":0,"name":"rm","presentable":false,"required":false,"system":false,"type":"relation"},{"help":"","hidden":false,"id":"file597745380","maxSelect":1,"maxSize":1000000,"mimeTypes":[],"name":"f1","presentable":false,"protected":false,"required":false,"system":false,"thumbs":[],"type":"file"},{"help":"","hidden":false,"id":"file1098761019","maxSelect":5,"maxSize":1000000,"mimeTypes":[],"name":"fm","presentable":false,"protected":false,"required":false,"system":false,"thumbs":[],"type":"file"},{"help":"","hidden":false,"id":"json2137352139","maxSize":0,"name":"j","presentable":false,"required":false,"system":false,"type":"json"},{"help":"","hidden":false,"id":"geoPoint30677878","name":"g","presentable":false,"required":false,"system":false,"type":"geoPoint"},{"cost":0,"help":"","hidden":false,"id":"password2693238678","max":0,"min":0,"name":"pw","pattern":"","presentable":false,"required":false,"system":false,"type":"password"},{"autogeneratePattern":"","help":"","hidden":true,"id":"text3147122293","max":0,"min":0,"name":"ht","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"},{"hidden":false,"id":"autodate2990389176","name":"created","onCreate":true,"onUpdate":false,"presentable":false,"system":false,"type":"autodate"},{"hidden":false,"id":"autodate3332085495","name":"updated","onCreate":true,"onUpdate":true,"presentable":false,"system":false,"type":"autodate"}],"indexes":[],"created":"2026-12-07 02:32:07.216Z","updated":"2026-12-07 02:32:07.216Z","system":false}"##;

pub const TARGET_COLUMNS: [&str; 2] = ["id", "title"];
pub fn target_rows() -> Vec<Vec<Value>> {
    use Value::*;
    vec![
        vec![Text(r##"tgt000000000001"##.into()), Text(r##"one"##.into())],
        vec![Text(r##"tgt000000000002"##.into()), Text(r##"two"##.into())],
    ]
}

// The live server's answers after these changes since the backup: allf rec…2 and rec…5
// changed, rec…3 saved again with the same values, rec…9 deleted, six records added;
// members got a hidden field `secretnote` and one record more; the view v1 deleted; a
// collection `extra` with one record added.
/// `GET /api/collections?page=1&perPage=1000`
pub const LIVE_COLLECTIONS: &str = r##"{"items":[{"id":"pbc_2279338944","listRule":"@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId","viewRule":"@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId","createRule":null,"updateRule":null,"deleteRule":null,"name":"_mfas","type":"base","fields":[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text455797646","max":0,"min":0,"name":"collectionRef","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text127846527","max":0,"min":0,"name":"recordRef","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text1582905952","max":0,"min":0,"name":"method","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"hidden":false,"id":"autodate2990389176","name":"created","onCreate":true,"onUpdate":false,"presentable":false,"system":true,"type":"autodate"},{"hidden":false,"id":"autodate3332085495","name":"updated","onCreate":true,"onUpdate":true,"presentable":false,"system":true,"type":"autodate"}],"indexes":["CREATE INDEX `idx_mfas_collectionRef_recordRef` ON `_mfas` (collectionRef,recordRef)"],"created":"2026-12-07 02:32:05.603Z","updated":"2026-12-07 02:32:05.603Z","system":true},{"id":"pbc_1638494021","listRule":"@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId","viewRule":"@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId","createRule":null,"updateRule":null,"deleteRule":null,"name":"_otps","type":"base","fields":[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text455797646","max":0,"min":0,"name":"collectionRef","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text127846527","max":0,"min":0,"name":"recordRef","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"cost":8,"help":"","hidden":true,"id":"password901924565","max":0,"min":0,"name":"password","pattern":"","presentable":false,"required":true,"system":true,"type":"password"},{"autogeneratePattern":"","help":"","hidden":true,"id":"text3866985172","max":0,"min":0,"name":"sentTo","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":true,"type":"text"},{"hidden":false,"id":"autodate2990389176","name":"created","onCreate":true,"onUpdate":false,"presentable":false,"system":true,"type":"autodate"},{"hidden":false,"id":"autodate3332085495","name":"updated","onCreate":true,"onUpdate":true,"presentable":false,"system":true,"type":"autodate"}],"indexes":["CREATE INDEX `idx_otps_collectionRef_recordRef` ON `_otps` (collectionRef, recordRef)"],"created":"2026-12-07 02:32:05.609Z","updated":"2026-12-07 02:32:05.609Z","system":true},{"id":"pbc_2281828961","listRule":"@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId","viewRule":"@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId","createRule":null,"updateRule":null,"deleteRule":"@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId","name":"_externalAuths","type":"base","fields":[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text455797646","max":0,"min":0,"name":"collectionRef","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text127846527","max":0,"min":0,"name":"recordRef","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text2462348188","max":0,"min":0,"name":"provider","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text1044722854","max":0,"min":0,"name":"providerId","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"hidden":false,"id":"autodate2990389176","name":"created","onCreate":true,"onUpdate":false,"presentable":false,"system":true,"type":"autodate"},{"hidden":false,"id":"autodate3332085495","name":"updated","onCreate":true,"onUpdate":true,"presentable":false,"system":true,"type":"autodate"}],"indexes":["CREATE UNIQUE INDEX `idx_externalAuths_record_provider` ON `_externalAuths` (collectionRef, recordRef, provider)","CREATE UNIQUE INDEX `idx_externalAuths_collection_provider` ON `_externalAuths` (collectionRef, provider, providerId)"],"created":"2026-12-07 02:32:05.615Z","updated":"2026-12-07 02:32:05.615Z","system":true},{"id":"pbc_4275539003","listRule":"@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId","viewRule":"@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId","createRule":null,"updateRule":null,"deleteRule":"@request.auth.id != '' && recordRef = @request.auth.id && collectionRef = @request.auth.collectionId","name":"_authOrigins","type":"base","fields":[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text455797646","max":0,"min":0,"name":"collectionRef","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text127846527","max":0,"min":0,"name":"recordRef","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text4228609354","max":0,"min":0,"name":"fingerprint","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"hidden":false,"id":"autodate2990389176","name":"created","onCreate":true,"onUpdate":false,"presentable":false,"system":true,"type":"autodate"},{"hidden":false,"id":"autodate3332085495","name":"updated","onCreate":true,"onUpdate":true,"presentable":false,"system":true,"type":"autodate"}],"indexes":["CREATE UNIQUE INDEX `idx_authOrigins_unique_pairs` ON `_authOrigins` (collectionRef, recordRef, fingerprint)"],"created":"2026-12-07 02:32:05.622Z","updated":"2026-12-07 02:32:05.622Z","system":true},{"id":"pbc_3142635823","listRule":null,"viewRule":null,"createRule":null,"updateRule":null,"deleteRule":null,"name":"_superusers","type":"auth","fields":[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"cost":0,"help":"","hidden":true,"id":"password901924565","max":0,"min":8,"name":"password","pattern":"","presentable":false,"required":true,"system":true,"type":"password"},{"autogeneratePattern":"[a-zA-Z0-9]{50}","help":"","hidden":true,"id":"text2504183744","max":60,"min":30,"name":"tokenKey","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"exceptDomains":[],"help":"","hidden":false,"id":"email3885137012","name":"email","onlyDomains":[],"presentable":false,"required":true,"system":true,"type":"email"},{"help":"","hidden":false,"id":"bool1547992806","name":"emailVisibility","presentable":false,"required":false,"system":true,"type":"bool"},{"help":"","hidden":false,"id":"bool256245529","name":"verified","presentable":false,"required":false,"system":true,"type":"bool"},{"hidden":false,"id":"autodate2990389176","name":"created","onCreate":true,"onUpdate":false,"presentable":false,"system":true,"type":"autodate"},{"hidden":false,"id":"autodate3332085495","name":"updated","onCreate":true,"onUpdate":true,"presentable":false,"system":true,"type":"autodate"}],"indexes":["CREATE UNIQUE INDEX `idx_tokenKey_pbc_3142635823` ON `_superusers` (`tokenKey`)","CREATE UNIQUE INDEX `idx_email_pbc_3142635823` ON `_superusers` (`email`) WHERE `email` != ''"],"created":"2026-12-07 02:32:05.626Z","updated":"2026-12-07 02:32:05.626Z","system":true,"authRule":"","manageRule":null,"authAlert":{"enabled":true,"emailTemplate":{"subject":"Login from a new location","body":"<p>Hello,</p>\n<p>We noticed a login to your {APP_NAME} account from a new location:</p>\n<p><em>{ALERT_INFO}</em></p>\n<p><strong>If this wasn't you, you should immediately change your {APP_NAME} account password to revoke access from all other locations.</strong></p>\n<p>If this was you, you may disregard this email.</p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"}},"oauth2":{"providers":[],"mappedFields":{"id":"","name":"","username":"","avatarURL":""},"enabled":false},"passwordAuth":{"enabled":true,"identityFields":["email"]},"mfa":{"enabled":false,"duration":600,"rule":""},"otp":{"enabled":false,"duration":180,"length":8,"emailTemplate":{"subject":"OTP for {APP_NAME}","body":"<p>Hello,</p>\n<p>Your one-time password is: <strong>{OTP}</strong></p>\n<p><i>If you didn't ask for the one-time password, you can ignore this email.</i></p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"}},"authToken":{"duration":86400},"passwordResetToken":{"duration":1800},"emailChangeToken":{"duration":1800},"verificationToken":{"duration":86400},"fileToken":{"duration":180},"verificationTemplate":{"subject":"Verify your {APP_NAME} email","body":"<p>Hello,</p>\n<p>Thank you for joining us at {APP_NAME}.</p>\n<p>Click on the button below to verify your email address.</p>\n<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/confirm-verification/{TOKEN}\" target=\"_blank\" rel=\"noopener\">Verify</a>\n</p>\n<p><i>If you didn't recently register, please ignore this email.</i></p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"},"resetPasswordTemplate":{"subject":"Reset your {APP_NAME} password","body":"<p>Hello,</p>\n<p>Click on the button below to reset your password.</p>\n<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/confirm-password-reset/{TOKEN}\" target=\"_blank\" rel=\"noopener\">Reset password</a>\n</p>\n<p><i>If you didn't ask to reset your password, please ignore this email.</i></p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"},"confirmEmailChangeTemplate":{"subject":"Confirm your {APP_NAME} new email address","body":"<p>Hello,</p>\n<p>Click on the button below to confirm your new email address.</p>\n<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/confirm-email-change/{TOKEN}\" target=\"_blank\" rel=\"noopener\">Confirm new email</a>\n</p>\n<p><i>If you didn't ask to change your email address, please ignore this email.</i></p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"}},{"id":"_pb_users_auth_","listRule":"id = @request.auth.id","viewRule":"id = @request.auth.id","createRule":"","updateRule":"id = @request.auth.id","deleteRule":"id = @request.auth.id","name":"users","type":"auth","fields":[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"cost":0,"help":"","hidden":true,"id":"password901924565","max":0,"min":8,"name":"password","pattern":"","presentable":false,"required":true,"system":true,"type":"password"},{"autogeneratePattern":"[a-zA-Z0-9]{50}","help":"","hidden":true,"id":"text2504183744","max":60,"min":30,"name":"tokenKey","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"exceptDomains":[],"help":"","hidden":false,"id":"email3885137012","name":"email","onlyDomains":[],"presentable":false,"required":true,"system":true,"type":"email"},{"help":"","hidden":false,"id":"bool1547992806","name":"emailVisibility","presentable":false,"required":false,"system":true,"type":"bool"},{"help":"","hidden":false,"id":"bool256245529","name":"verified","presentable":false,"required":false,"system":true,"type":"bool"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text1579384326","max":255,"min":0,"name":"name","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"},{"help":"","hidden":false,"id":"file376926767","maxSelect":1,"maxSize":0,"mimeTypes":["image/jpeg","image/png","image/svg+xml","image/gif","image/webp"],"name":"avatar","presentable":false,"protected":false,"required":false,"system":false,"thumbs":[],"type":"file"},{"hidden":false,"id":"autodate2990389176","name":"created","onCreate":true,"onUpdate":false,"presentable":false,"system":false,"type":"autodate"},{"hidden":false,"id":"autodate3332085495","name":"updated","onCreate":true,"onUpdate":true,"presentable":false,"system":false,"type":"autodate"}],"indexes":["CREATE UNIQUE INDEX `idx_tokenKey__pb_users_auth_` ON `users` (`tokenKey`)","CREATE UNIQUE INDEX `idx_email__pb_users_auth_` ON `users` (`email`) WHERE `email` != ''"],"created":"2026-12-07 02:32:05.634Z","updated":"2026-12-07 02:32:05.651Z","system":false,"authRule":"","manageRule":null,"authAlert":{"enabled":true,"emailTemplate":{"subject":"Login from a new location","body":"<p>Hello,</p>\n<p>We noticed a login to your {APP_NAME} account from a new location:</p>\n<p><em>{ALERT_INFO}</em></p>\n<p><strong>If this wasn't you, you should immediately change your {APP_NAME} account password to revoke access from all other locations.</strong></p>\n<p>If this was you, you may disregard this email.</p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"}},"oauth2":{"providers":[],"mappedFields":{"id":"","name":"name","username":"","avatarURL":"avatar"},"enabled":false},"passwordAuth":{"enabled":true,"identityFields":["email"]},"mfa":{"enabled":false,"duration":600,"rule":""},"otp":{"enabled":false,"duration":180,"length":8,"emailTemplate":{"subject":"OTP for {APP_NAME}","body":"<p>Hello,</p>\n<p>Your one-time password is: <strong>{OTP}</strong></p>\n<p><i>If you didn't ask for the one-time password, you can ignore this email.</i></p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"}},"authToken":{"duration":432000},"passwordResetToken":{"duration":1800},"emailChangeToken":{"duration":1800},"verificationToken":{"duration":86400},"fileToken":{"duration":180},"verificationTemplate":{"subject":"Verify your {APP_NAME} email","body":"<p>Hello,</p>\n<p>Thank you for joining us at {APP_NAME}.</p>\n<p>Click on the button below to verify your email address.</p>\n<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/confirm-verification/{TOKEN}\" target=\"_blank\" rel=\"noopener\">Verify</a>\n</p>\n<p><i>If you didn't recently register, please ignore this email.</i></p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"},"resetPasswordTemplate":{"subject":"Reset your {APP_NAME} password","body":"<p>Hello,</p>\n<p>Click on the button below to reset your password.</p>\n<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/confirm-password-reset/{TOKEN}\" target=\"_blank\" rel=\"noopener\">Reset password</a>\n</p>\n<p><i>If you didn't ask to reset your password, please ignore this email.</i></p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"},"confirmEmailChangeTemplate":{"subject":"Confirm your {APP_NAME} new email address","body":"<p>Hello,</p>\n<p>Click on the button below to confirm your new email address.</p>\n<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/confirm-email-change/{TOKEN}\" target=\"_blank\" rel=\"noopener\">Confirm new email</a>\n</p>\n<p><i>If you didn't ask to change your email address, please ignore this email.</i></p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"}},{"id":"pbc_1903973042","listRule":null,"viewRule":null,"createRule":null,"updateRule":null,"deleteRule":null,"name":"target","type":"base","fields":[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text724990059","max":0,"min":0,"name":"title","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"}],"indexes":[],"created":"2026-12-07 02:32:07.190Z","updated":"2026-12-07 02:32:07.190Z","system":false},{"id":"pbc_2844260936","listRule":null,"viewRule":null,"createRule":null,"updateRule":null,"deleteRule":null,"name":"allf","type":"base","fields":[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text2238339752","max":0,"min":0,"name":"t","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"},{"convertURLs":false,"help":"","hidden":false,"id":"editor327952476","maxSize":0,"name":"ed","presentable":false,"required":false,"system":false,"type":"editor"},{"help":"","hidden":false,"id":"number2013832146","max":null,"min":null,"name":"n","onlyInt":false,"presentable":false,"required":false,"system":false,"type":"number"},{"help":"","hidden":false,"id":"bool1908338681","name":"b","presentable":false,"required":false,"system":false,"type":"bool"},{"exceptDomains":[],"help":"","hidden":false,"id":"email1783664888","name":"em","onlyDomains":[],"presentable":false,"required":false,"system":false,"type":"email"},{"exceptDomains":[],"help":"","hidden":false,"id":"url4067256894","name":"u","onlyDomains":[],"presentable":false,"required":false,"system":false,"type":"url"},{"help":"","hidden":false,"id":"date2564639436","max":"","min":"","name":"d","presentable":false,"required":false,"system":false,"type":"date"},{"help":"","hidden":false,"id":"select336935152","maxSelect":1,"name":"s1","presentable":false,"required":false,"system":false,"type":"select","values":["a","b","c"]},{"help":"","hidden":false,"id":"select1992828207","maxSelect":3,"name":"sm","presentable":false,"required":false,"system":false,"type":"select","values":["a","b","c"]},{"cascadeDelete":false,"collectionId":"pbc_1903973042","help":"","hidden":false,"id":"relation219023793","maxSelect":1,"minSelect":0,"name":"r1","presentable":false,"required":false,"system":false,"type":"relation"},{"cascadeDelete":false,"collectionId":"pbc_1903973042","help":"","hidden":false,"id":"relation1876104302","maxSelect":5,"minSelect":0,"name":"rm","presentable":false,"required":false,"system":false,"type":"relation"},{"help":"","hidden":false,"id":"file597745380","maxSelect":1,"maxSize":1000000,"mimeTypes":[],"name":"f1","presentable":false,"protected":false,"required":false,"system":false,"thumbs":[],"type":"file"},{"help":"","hidden":false,"id":"file1098761019","maxSelect":5,"maxSize":1000000,"mimeTypes":[],"name":"fm","presentable":false,"protected":false,"required":false,"system":false,"thumbs":[],"type":"file"},{"help":"","hidden":false,"id":"json2137352139","maxSize":0,"name":"j","presentable":false,"required":false,"system":false,"type":"json"},{"help":"","hidden":false,"id":"geoPoint30677878","name":"g","presentable":false,"required":false,"system":false,"type":"geoPoint"},{"cost":0,"help":"","hidden":false,"id":"password2693238678","max":0,"min":0,"name":"pw","pattern":"","presentable":false,"required":false,"system":false,"type":"password"},{"autogeneratePattern":"","help":"","hidden":true,"id":"text3147122293","max":0,"min":0,"name":"ht","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"},{"hidden":false,"id":"autodate2990389176","name":"created","onCreate":true,"onUpdate":false,"presentable":false,"system":false,"type":"autodate"},{"hidden":false,"id":"autodate3332085495","name":"updated","onCreate":true,"onUpdate":true,"presentable":false,"system":false,"type":"autodate"}],"indexes":[],"created":"2026-12-07 02:32:07.216Z","updated":"2026-12-07 02:32:07.216Z","system":false},{"id":"pbc_2620428958","listRule":null,"viewRule":null,"createRule":null,"updateRule":null,"deleteRule":null,"name":"members","type":"auth","fields":[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text1579384326","max":0,"min":0,"name":"name","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"},{"cost":0,"help":"","hidden":true,"id":"password901924565","max":0,"min":8,"name":"password","pattern":"","presentable":false,"required":true,"system":true,"type":"password"},{"autogeneratePattern":"[a-zA-Z0-9]{50}","help":"","hidden":true,"id":"text2504183744","max":60,"min":30,"name":"tokenKey","pattern":"","presentable":false,"primaryKey":false,"required":true,"system":true,"type":"text"},{"exceptDomains":[],"help":"","hidden":false,"id":"email3885137012","name":"email","onlyDomains":[],"presentable":false,"required":true,"system":true,"type":"email"},{"help":"","hidden":false,"id":"bool1547992806","name":"emailVisibility","presentable":false,"required":false,"system":true,"type":"bool"},{"help":"","hidden":false,"id":"bool256245529","name":"verified","presentable":false,"required":false,"system":true,"type":"bool"},{"autogeneratePattern":"","help":"","hidden":true,"id":"text1996556722","max":0,"min":0,"name":"secretnote","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"}],"indexes":["CREATE UNIQUE INDEX `idx_tokenKey_pbc_2620428958` ON `members` (`tokenKey`)","CREATE UNIQUE INDEX `idx_email_pbc_2620428958` ON `members` (`email`) WHERE `email` != ''"],"created":"2026-12-07 02:32:07.568Z","updated":"2026-12-07 02:32:31.280Z","system":false,"authRule":"","manageRule":null,"authAlert":{"enabled":true,"emailTemplate":{"subject":"Login from a new location","body":"<p>Hello,</p>\n<p>We noticed a login to your {APP_NAME} account from a new location:</p>\n<p><em>{ALERT_INFO}</em></p>\n<p><strong>If this wasn't you, you should immediately change your {APP_NAME} account password to revoke access from all other locations.</strong></p>\n<p>If this was you, you may disregard this email.</p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"}},"oauth2":{"providers":[],"mappedFields":{"id":"","name":"","username":"","avatarURL":""},"enabled":false},"passwordAuth":{"enabled":true,"identityFields":["email"]},"mfa":{"enabled":false,"duration":600,"rule":""},"otp":{"enabled":false,"duration":180,"length":8,"emailTemplate":{"subject":"OTP for {APP_NAME}","body":"<p>Hello,</p>\n<p>Your one-time password is: <strong>{OTP}</strong></p>\n<p><i>If you didn't ask for the one-time password, you can ignore this email.</i></p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"}},"authToken":{"duration":432000},"passwordResetToken":{"duration":1800},"emailChangeToken":{"duration":1800},"verificationToken":{"duration":86400},"fileToken":{"duration":180},"verificationTemplate":{"subject":"Verify your {APP_NAME} email","body":"<p>Hello,</p>\n<p>Thank you for joining us at {APP_NAME}.</p>\n<p>Click on the button below to verify your email address.</p>\n<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/confirm-verification/{TOKEN}\" target=\"_blank\" rel=\"noopener\">Verify</a>\n</p>\n<p><i>If you didn't recently register, please ignore this email.</i></p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"},"resetPasswordTemplate":{"subject":"Reset your {APP_NAME} password","body":"<p>Hello,</p>\n<p>Click on the button below to reset your password.</p>\n<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/confirm-password-reset/{TOKEN}\" target=\"_blank\" rel=\"noopener\">Reset password</a>\n</p>\n<p><i>If you didn't ask to reset your password, please ignore this email.</i></p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"},"confirmEmailChangeTemplate":{"subject":"Confirm your {APP_NAME} new email address","body":"<p>Hello,</p>\n<p>Click on the button below to confirm your new email address.</p>\n<p>\n  <a class=\"btn\" href=\"{APP_URL}/_/#/auth/confirm-email-change/{TOKEN}\" target=\"_blank\" rel=\"noopener\">Confirm new email</a>\n</p>\n<p><i>If you didn't ask to change your email address, please ignore this email.</i></p>\n<p>\n  Thanks,<br/>\n  {APP_NAME} team\n</p>"}},{"id":"pbc_2256122766","listRule":null,"viewRule":null,"createRule":null,"updateRule":null,"deleteRule":null,"name":"extra","type":"base","fields":[{"autogeneratePattern":"[a-z0-9]{15}","help":"","hidden":false,"id":"text3208210256","max":15,"min":15,"name":"id","pattern":"^[a-z0-9]+$","presentable":false,"primaryKey":true,"required":true,"system":true,"type":"text"},{"autogeneratePattern":"","help":"","hidden":false,"id":"text2363233923","max":0,"min":0,"name":"x","pattern":"","presentable":false,"primaryKey":false,"required":false,"system":false,"type":"text"}],"indexes":[],"created":"2026-12-07 02:36:20.539Z","updated":"2026-12-07 02:36:20.539Z","system":false}],"page":1,"perPage":1000,"totalItems":10,"totalPages":1}"##;
/// `GET /api/collections/allf/records?page=1&perPage=1000&sort=id&fields=id%2Cupdated`
pub const LIVE_ALLF_IDS: &str = r##"{"items":[{"updated":"2026-12-07 02:32:53.019Z","id":"bat000000000001"},{"id":"bat000000000002","updated":"2026-12-07 02:32:53.021Z"},{"id":"bat000000000005","updated":"2026-12-07 02:33:06.565Z"},{"updated":"2026-12-07 02:33:06.567Z","id":"bat000000000006"},{"updated":"2026-12-07 02:33:06.535Z","id":"new000000000001"},{"id":"new000000000005","updated":"2026-12-07 02:33:06.557Z"},{"id":"rec000000000001","updated":"2026-12-07 02:32:07.516Z"},{"id":"rec000000000002","updated":"2026-12-07 02:36:20.500Z"},{"id":"rec000000000003","updated":"2026-12-07 02:36:20.510Z"},{"id":"rec000000000004","updated":"2026-12-07 02:32:07.540Z"},{"updated":"2026-12-07 02:36:20.515Z","id":"rec000000000005"},{"updated":"2026-12-07 02:32:07.546Z","id":"rec000000000006"},{"id":"rec000000000007","updated":"2026-12-07 02:32:07.555Z"},{"id":"rec000000000008","updated":"2026-12-07 02:32:07.559Z"}],"page":1,"perPage":1000,"totalItems":14,"totalPages":1}"##;
/// `GET /api/collections/allf/records?page=1&perPage=1000&sort=id`
pub const LIVE_ALLF: &str = r##"{"items":[{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:53.019Z","d":"","ed":"","em":"","f1":"bfysmwxaytas_1e5jl93c64_xznm104z3f.txt","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"bat000000000001","j":null,"n":0,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"b1","u":"","updated":"2026-12-07 02:32:53.019Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:53.021Z","d":"","ed":"","em":"","f1":"","fm":["bm1_5gife7ziy5_fd8halap3i.txt","bm2_kbqvcd4vme_8tmgqubx62.txt"],"g":{"lon":0,"lat":0},"ht":"","id":"bat000000000002","j":null,"n":0,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"b2","u":"","updated":"2026-12-07 02:32:53.021Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:33:06.565Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"bat000000000005","j":null,"n":0,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"j","u":"","updated":"2026-12-07 02:33:06.565Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:33:06.567Z","d":"","ed":"","em":"","f1":"","fm":["hello_world_fh0wdzfjsd_tswps2nzq1.txt"],"g":{"lon":0,"lat":0},"ht":"","id":"bat000000000006","j":null,"n":0,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"j","u":"","updated":"2026-12-07 02:33:06.567Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:52.812Z","d":"","ed":"","em":"","f1":"other_ccgz8ydm8h.txt","fm":["eee_k2zzsoc8he.txt"],"g":{"lon":0,"lat":0},"ht":"","id":"new000000000001","j":null,"n":0,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"z","u":"","updated":"2026-12-07 02:33:06.535Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:33:06.557Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"new000000000005","j":{"a":2,"b":1},"n":1e+21,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:33:06.557Z"},{"b":true,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.516Z","d":"2024-01-02 03:04:05.678Z","ed":"<p>hi</p>","em":"a@b.co","f1":"hello_world_r2ixyt6q7z.txt","fm":["awvdz8mb231_xr5sk9w4m9.txt","b9ubqt3ag0z_yxdadv1nbh.png"],"g":{"lon":12.5,"lat":-45.25},"ht":"hidden value","id":"rec000000000001","j":{"a":[1,2.5,null],"s":"x","z":1},"n":1,"pw":"","r1":"tgt000000000001","rm":["tgt000000000002","tgt000000000001"],"s1":"b","sm":["c","a"],"t":"hello","u":"https://x.y/z","updated":"2026-12-07 02:32:07.516Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.527Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000002","j":null,"n":0,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"changed","u":"","updated":"2026-12-07 02:36:20.500Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.533Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000003","j":0.1,"n":1e+21,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:36:20.510Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.540Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000004","j":null,"n":0,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:32:07.540Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.543Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000005","j":{"k":1},"n":0.1,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:36:20.515Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.546Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000006","j":[1,"a"],"n":9007199254740992,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:32:07.546Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.555Z","d":"","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000007","j":1.2345678901234568e+29,"n":1.5e-7,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:32:07.555Z"},{"b":false,"collectionId":"pbc_2844260936","collectionName":"allf","created":"2026-12-07 02:32:07.559Z","d":"2024-01-02 00:00:00.000Z","ed":"","em":"","f1":"","fm":[],"g":{"lon":0,"lat":0},"ht":"","id":"rec000000000008","j":true,"n":2.5,"pw":"","r1":"","rm":[],"s1":"","sm":[],"t":"","u":"","updated":"2026-12-07 02:32:07.559Z"}],"page":1,"perPage":1000,"totalItems":14,"totalPages":1}"##;
/// `GET /api/collections/members/records?page=1&perPage=1000&sort=id`
pub const LIVE_MEMBERS: &str = r##"{"items":[{"collectionId":"pbc_2620428958","collectionName":"members","email":"m1@example.com","emailVisibility":false,"id":"mem000000000001","name":"M1","secretnote":"sn","verified":true},{"collectionId":"pbc_2620428958","collectionName":"members","email":"m2@example.com","emailVisibility":true,"id":"mem000000000002","name":"","secretnote":"","verified":false},{"collectionId":"pbc_2620428958","collectionName":"members","email":"m9@example.com","emailVisibility":false,"id":"mem000000000009","name":"","secretnote":"","verified":true}],"page":1,"perPage":1000,"totalItems":3,"totalPages":1}"##;
/// `GET /api/collections/target/records?page=1&perPage=1000&sort=id`
pub const LIVE_TARGET: &str = r##"{"items":[{"collectionId":"pbc_1903973042","collectionName":"target","id":"tgt000000000001","title":"one"},{"collectionId":"pbc_1903973042","collectionName":"target","id":"tgt000000000002","title":"two"}],"page":1,"perPage":1000,"totalItems":2,"totalPages":1}"##;
/// `GET /api/collections/extra/records?page=1&perPage=1&fields=id`
pub const LIVE_EXTRA_COUNT: &str =
    r##"{"totalPages":1,"items":[{"id":"bp9uqzfp53gsnne"}],"page":1,"perPage":1,"totalItems":1}"##;
