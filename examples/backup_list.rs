//! A Rust frontend on the typed API, with plain `web-sys` (the same calls work from a
//! Leptos, Yew or Dioxus component): signs in as a superuser, lists the server's
//! backups into the page, and verifies the newest one — in the app's own module, with
//! no JS facade and no second module.
//!
//! Build and serve (the page is the one `index.html` below, in the output folder):
//!
//! ```sh
//! cargo build --release --target wasm32-unknown-unknown --example backup_list
//! wasm-bindgen --target web --out-dir dist target/wasm32-unknown-unknown/release/examples/backup_list.wasm
//! # dist/index.html:
//! #   <ul id="backups"></ul>
//! #   <script type="module">import init from "./backup_list.js"; init();</script>
//! ```
//!
//! The server and the credentials come from the page's address:
//! `index.html?pb=http://127.0.0.1:8090&email=admin@example.com&password=…`.

#[cfg(target_arch = "wasm32")]
mod app {
    use bosbase_backups::{Client, ClientOptions, Error, RequestOptions, VerifySource};

    /// `?name=value` of the page's address.
    fn param(name: &str) -> Option<String> {
        let search = web_sys::window()?.location().search().ok()?;
        let url = web_sys::Url::new(&format!("http://x/{search}")).ok()?;
        url.search_params().get(name)
    }

    fn show(line: &str) {
        let Some(list) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("backups").map(|list| (d, list)))
        else {
            return;
        };
        let (document, list) = list;
        if let Ok(item) = document.create_element("li") {
            item.set_text_content(Some(line));
            let _ = list.append_child(&item);
        }
    }

    async fn run() -> Result<(), Error> {
        let base = param("pb").unwrap_or_else(|| "/".into());
        // The session stays in memory: this page signs in each time it loads.
        let client = Client::with_options(
            &base,
            ClientOptions {
                persist_auth: false,
                ..ClientOptions::default()
            },
        );
        let opts = RequestOptions::new();
        let (email, password) = (
            param("email").unwrap_or_default(),
            param("password").unwrap_or_default(),
        );
        client
            .collection("_superusers")
            .auth_with_password(&email, &password, &opts)
            .await?;
        let mut backups = client.backups().get_full_list(&opts).await?;
        backups.sort_by(|a, b| b.modified.cmp(&a.modified));
        for b in &backups {
            show(&format!("{}  {} bytes  {}", b.key, b.size, b.modified));
        }
        if let Some(newest) = backups.first() {
            let report = client
                .backups()
                .verify(VerifySource::Key(newest.key.clone()), &opts, None)
                .await?;
            show(&format!(
                "{}: {} ({} entries, {} problems)",
                newest.key,
                if report.ok() { "sound" } else { "damaged" },
                report.entries,
                report.problems.len()
            ));
        }
        Ok(())
    }

    #[wasm_bindgen::prelude::wasm_bindgen(start)]
    pub fn start() {
        wasm_bindgen_futures::spawn_local(async {
            if let Err(e) = run().await {
                show(&format!("failed: {e}"));
            }
        });
    }
}

fn main() {}
