// The page around the panel: runs it against the server named by `?pb=` and shows the
// steps in #status as JSON, {ok, steps[, error]}, for run.mjs to read. It does not
// import either SDK; panel.ts does.
import { runPanel, type PanelStep } from "./panel.js";

const status = document.getElementById("status") as HTMLElement;
const steps: PanelStep[] = [];
const server = new URLSearchParams(location.search).get("pb");
Promise.resolve()
  .then(() => {
    if (!server) throw new Error("no ?pb=<server url>");
    return runPanel(server, (step) => steps.push(step));
  })
  .then(
    () => (status.textContent = JSON.stringify({ ok: true, steps })),
    (e: unknown) => (status.textContent = JSON.stringify({ ok: false, error: String((e as Error)?.stack ?? e), steps })),
  );
