// Chromium, Firefox and WebKit through WebDriver, each with its own driver started here
// on a free loopback port: Debian's chromedriver, geckodriver (cargo) and WebKitGTK's
// WebKitWebDriver, which starts MiniBrowser on the X display in DISPLAY (an Xvfb of the
// calling script's). No browser is downloaded. Only Node's own modules are imported:
// the caller passes selenium-webdriver's Builder, so that this file serves the e2e
// tests and the packaging fixtures (tests/packaging/shared/engines.mjs links here),
// each with its own node_modules.
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const ENGINES = ["chromium", "firefox", "webkit"];
export const WIDE = { width: 1280, height: 900 };

const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// The driver's command line and the session's capabilities; `downloads` is the folder
// where the browser saves files without asking.
function setup(engine, port, downloads) {
  switch (engine) {
    case "chromium":
      return {
        command: ["/usr/bin/chromedriver", `--port=${port}`],
        capabilities: {
          browserName: "chrome",
          "goog:chromeOptions": {
            binary: "/usr/bin/chromium",
            args: [...CHROMIUM_ARGS, `--window-size=${WIDE.width},${WIDE.height}`],
            prefs: { "download.default_directory": downloads, "download.prompt_for_download": false },
          },
        },
      };
    case "firefox":
      return {
        command: [process.env.GECKODRIVER || "geckodriver", `--port=${port}`],
        capabilities: {
          browserName: "firefox",
          "moz:firefoxOptions": {
            args: ["-headless", `-width=${WIDE.width}`, `-height=${WIDE.height}`],
            prefs: {
              "browser.download.dir": downloads,
              "browser.download.folderList": 2,
              "browser.download.useDownloadDir": true,
              "browser.download.always_ask_before_handling_new_types": false,
              "browser.helperApps.neverAsk.saveToDisk": "application/zip",
            },
          },
        },
      };
    case "webkit": {
      if (!process.env.DISPLAY) throw new Error("WebKit needs an X display: DISPLAY is not set");
      // MiniBrowser saves downloads in the desktop's download folder (else $HOME), named
      // by an XDG user-dirs file of its own.
      const config = mkdtempSync(path.join(tmpdir(), "webkit-xdg-"));
      writeFileSync(path.join(config, "user-dirs.dirs"), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
      return {
        command: [process.env.WEBKITDRIVER || "/usr/bin/WebKitWebDriver", `--port=${port}`],
        env: { XDG_CONFIG_HOME: config },
        capabilities: {
          browserName: "MiniBrowser",
          "webkitgtk:browserOptions": {
            binary: process.env.MINIBROWSER || "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
            args: ["--automation"],
          },
        },
      };
    }
    default:
      throw new Error(`unknown engine ${engine}: one of ${ENGINES.join(", ")}`);
  }
}

async function answers(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

// Starts the engine's driver and a session. Builder: selenium-webdriver's; downloads:
// the folder where the browser saves files without asking; log: a file for what the
// driver and the browser print (dropped without it). `version` is the engine's version
// as its driver reports it; `stop()` ends both.
export async function startBrowser(engine, { Builder, downloads = tmpdir(), log = "" }) {
  mkdirSync(downloads, { recursive: true });
  const port = await freePort();
  const { command, capabilities, env = {} } = setup(engine, port, downloads);
  const out = log ? openSync(log, "a") : "ignore";
  const proc = spawn(command[0], command.slice(1), { stdio: ["ignore", out, out], env: { ...process.env, ...env } });
  if (log) closeSync(out);
  let exited = false;
  proc.on("exit", () => { exited = true; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; !(await answers(`${url}/status`)); i++) {
    if (exited || i === 300) {
      proc.kill();
      throw new Error(`${command[0]} did not start on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let driver;
  try {
    driver = await new Builder().usingServer(url).withCapabilities(capabilities).build();
  } catch (err) {
    proc.kill();
    throw err;
  }
  const caps = await driver.getCapabilities();
  const stop = async () => {
    await driver.quit().catch(() => {});
    proc.kill();
  };
  return { engine, driver, version: `${caps.get("browserName")} ${caps.get("browserVersion")}`, stop };
}
