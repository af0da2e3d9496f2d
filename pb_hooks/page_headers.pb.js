// The Backup Manager page's Content-Security-Policy, sent as a header by the server
// that serves the page (scripts/demo.sh and the browser tests load this folder with
// --hooksDir). A <meta http-equiv> could not carry frame-ancestors. The page holds a
// superuser's session, so nothing but its own files may run in it: no inline or
// foreign script, no plugins, no <base> rewrite, no form sent to another origin (its
// own forms are handled by its scripts and never sent), no framing; 'wasm-unsafe-eval'
// lets it compile the package's WebAssembly.
//
// PocketBase's own dashboard (/_/) is left as it is: it is not this page.
routerUse((e) => {
  if (!e.request.url.path.startsWith("/_/")) {
    e.response.header().set(
      "Content-Security-Policy",
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
  }
  return e.next();
});
