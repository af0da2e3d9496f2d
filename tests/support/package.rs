//! The npm package as an app gets it: the built `pkg/` (scripts/build.sh), imported
//! from the main test server (which serves it, `PACKAGE_URL`), and its JS classes
//! declared here for Rust as its `index.d.ts` declares them for TypeScript. The facade
//! tests call these, so what they check is what ships: the bundled entry, the core's
//! `.wasm`, and the tools module it imports on first use.
//!
//! [`ready`] imports the package once per page; every constructor and free function
//! below needs it first ([`crate::support::js::client_of`] awaits it).

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The package's default entry on the main test server.
pub const PACKAGE_URL: &str = env!("PACKAGE_URL");
/// Where [`ready`] puts the imported module, for the declarations' `js_namespace`.
const NAMESPACE: &str = "bosbaseBackups";

/// Imports the package (once per page: `import()` keeps the module) and makes it the
/// global the declarations below refer to.
pub async fn ready() {
    let global = js_sys::global();
    if Reflect::has(&global, &NAMESPACE.into()).unwrap_or(false) {
        return;
    }
    let import = Function::new_no_args(&format!("return import({PACKAGE_URL:?});"));
    let module = JsFuture::from(
        import
            .call0(&JsValue::UNDEFINED)
            .unwrap()
            .unchecked_into::<Promise>(),
    )
    .await
    .unwrap_or_else(|e| panic!("cannot import the package from {PACKAGE_URL}: {e:?}"));
    Reflect::set(&global, &NAMESPACE.into(), &module).unwrap();
}

/// The size of the core's wasm memory: `initSync()` of an instantiated module hands out
/// its exports.
pub fn memory_bytes() -> f64 {
    let memory = Reflect::get(&init_sync(), &"memory".into()).unwrap();
    let buffer = Reflect::get(&memory, &"buffer".into()).unwrap();
    Reflect::get(&buffer, &"byteLength".into())
        .unwrap()
        .as_f64()
        .unwrap()
}

#[wasm_bindgen(js_namespace = bosbaseBackups)]
extern "C" {
    /// `PocketBase` (the default export), a client of one server.
    #[derive(Clone, Debug)]
    pub type Client;
    #[wasm_bindgen(constructor, catch)]
    pub fn new(
        base_url: Option<JsValue>,
        auth_store: Option<JsValue>,
        lang: Option<JsValue>,
    ) -> Result<Client, JsValue>;
    #[wasm_bindgen(method, getter = baseURL)]
    pub fn base_url(this: &Client) -> String;
    #[wasm_bindgen(method, catch, setter = baseURL)]
    pub fn set_base_url(this: &Client, url: JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter = baseUrl)]
    pub fn base_url_alias(this: &Client) -> String;
    #[wasm_bindgen(method, catch, setter = baseUrl)]
    pub fn set_base_url_alias(this: &Client, url: JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter)]
    pub fn lang(this: &Client) -> String;
    #[wasm_bindgen(method, catch, setter)]
    pub fn set_lang(this: &Client, lang: JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter = authStore)]
    pub fn auth_store(this: &Client) -> JsValue;
    #[wasm_bindgen(method, catch, setter = authStore)]
    pub fn set_auth_store(this: &Client, store: JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter = beforeSend)]
    pub fn before_send(this: &Client) -> JsValue;
    #[wasm_bindgen(method, catch, setter = beforeSend)]
    pub fn set_before_send(this: &Client, f: JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter = afterSend)]
    pub fn after_send(this: &Client) -> JsValue;
    #[wasm_bindgen(method, catch, setter = afterSend)]
    pub fn set_after_send(this: &Client, f: JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter)]
    pub fn backups(this: &Client) -> BackupService;
    #[wasm_bindgen(method, getter)]
    pub fn crons(this: &Client) -> CronService;
    #[wasm_bindgen(method, getter)]
    pub fn settings(this: &Client) -> SettingsService;
    #[wasm_bindgen(method, getter)]
    pub fn files(this: &Client) -> FileService;
    #[wasm_bindgen(method, getter)]
    pub fn health(this: &Client) -> HealthService;
    #[wasm_bindgen(method, catch)]
    pub fn collection(this: &Client, name: JsValue) -> Result<RecordService, JsValue>;
    #[wasm_bindgen(method, catch, js_name = buildURL)]
    pub fn build_url(this: &Client, path: JsValue) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = buildUrl)]
    pub fn build_url_alias(this: &Client, path: JsValue) -> Result<String, JsValue>;
    #[wasm_bindgen(method)]
    pub fn send(this: &Client, path: JsValue, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method, js_name = autoCancellation)]
    pub fn auto_cancellation(this: &Client, enable: JsValue) -> Client;
    #[wasm_bindgen(method, js_name = cancelRequest)]
    pub fn cancel_request(this: &Client, request_key: JsValue) -> Client;
    #[wasm_bindgen(method, js_name = cancelAllRequests)]
    pub fn cancel_all_requests(this: &Client) -> Client;

    /// `pb.backups`.
    #[derive(Clone, Debug)]
    pub type BackupService;
    #[wasm_bindgen(method, js_name = getFullList)]
    pub fn get_full_list(this: &BackupService, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method)]
    pub fn create(this: &BackupService, basename: Option<JsValue>, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method)]
    pub fn upload(this: &BackupService, body: JsValue, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method, catch, js_name = getDownloadURL)]
    pub fn get_download_url(
        this: &BackupService,
        token: JsValue,
        key: JsValue,
        query: Option<JsValue>,
    ) -> Result<String, JsValue>;
    #[wasm_bindgen(method, catch, js_name = getDownloadUrl)]
    pub fn get_download_url_alias(
        this: &BackupService,
        token: JsValue,
        key: JsValue,
        query: Option<JsValue>,
    ) -> Result<String, JsValue>;
    #[wasm_bindgen(method)]
    pub fn prune(this: &BackupService, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method)]
    pub fn inspect(this: &BackupService, file: JsValue) -> Promise;
    #[wasm_bindgen(method)]
    pub fn verify(this: &BackupService, source: JsValue, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method)]
    pub fn download(this: &BackupService, key: JsValue, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method)]
    pub fn save(this: &BackupService, key: JsValue, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method)]
    pub fn delete(this: &BackupService, key: JsValue, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method)]
    pub fn restore(this: &BackupService, key: JsValue, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method, js_name = watchRestore)]
    pub fn watch_restore(this: &BackupService, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method, js_name = getSchedule)]
    pub fn get_schedule(this: &BackupService, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method, js_name = setSchedule)]
    pub fn set_schedule(this: &BackupService, schedule: JsValue, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method, js_name = getStorage)]
    pub fn get_storage(this: &BackupService, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method, js_name = setStorage)]
    pub fn set_storage(this: &BackupService, storage: JsValue, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method, js_name = testStorage)]
    pub fn test_storage(this: &BackupService, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method, js_name = runScheduledNow)]
    pub fn run_scheduled_now(this: &BackupService, options: Option<JsValue>) -> Promise;

    /// `pb.crons`.
    #[derive(Clone, Debug)]
    pub type CronService;
    #[wasm_bindgen(method, js_name = getFullList)]
    pub fn get_full_list(this: &CronService, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method)]
    pub fn run(this: &CronService, job_id: JsValue, options: Option<JsValue>) -> Promise;

    /// `pb.settings`.
    #[derive(Clone, Debug)]
    pub type SettingsService;
    #[wasm_bindgen(method, js_name = getAll)]
    pub fn get_all(this: &SettingsService, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method)]
    pub fn update(this: &SettingsService, body: Option<JsValue>, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method, js_name = testS3)]
    pub fn test_s3(this: &SettingsService, filesystem: Option<JsValue>, options: Option<JsValue>) -> Promise;

    /// `pb.files`.
    #[derive(Clone, Debug)]
    pub type FileService;
    #[wasm_bindgen(method, js_name = getToken)]
    pub fn get_token(this: &FileService, options: Option<JsValue>) -> Promise;

    /// `pb.health`.
    #[derive(Clone, Debug)]
    pub type HealthService;
    #[wasm_bindgen(method)]
    pub fn check(this: &HealthService, options: Option<JsValue>) -> Promise;

    /// `pb.collection(name)`: the auth methods.
    #[derive(Clone, Debug)]
    pub type RecordService;
    #[wasm_bindgen(method, js_name = authWithPassword)]
    pub fn auth_with_password(
        this: &RecordService,
        identity: JsValue,
        password: JsValue,
        options: Option<JsValue>,
    ) -> Promise;
    #[wasm_bindgen(method, js_name = authWithOTP)]
    pub fn auth_with_otp(
        this: &RecordService,
        otp_id: JsValue,
        password: JsValue,
        options: Option<JsValue>,
    ) -> Promise;
    #[wasm_bindgen(method, js_name = requestOTP)]
    pub fn request_otp(this: &RecordService, email: JsValue, options: Option<JsValue>) -> Promise;
    #[wasm_bindgen(method, js_name = authRefresh)]
    pub fn auth_refresh(this: &RecordService, options: Option<JsValue>) -> Promise;

    /// A session kept in memory.
    #[derive(Clone, Debug)]
    pub type BaseAuthStore;
    #[wasm_bindgen(constructor)]
    pub fn new() -> BaseAuthStore;

    /// A session kept in `localStorage`.
    #[derive(Clone, Debug)]
    pub type LocalAuthStore;
    #[wasm_bindgen(constructor, catch)]
    pub fn new(storage_key: Option<JsValue>) -> Result<LocalAuthStore, JsValue>;

    #[wasm_bindgen(js_name = isClientResponseError)]
    pub fn is_client_response_error(e: JsValue) -> bool;
    #[wasm_bindgen(js_name = initSync)]
    fn init_sync() -> JsValue;
    /// What the package imports the tools module with (the entries set it).
    #[wasm_bindgen(js_name = __setToolsLoader)]
    pub fn set_tools_loader(load: &JsValue);
}
