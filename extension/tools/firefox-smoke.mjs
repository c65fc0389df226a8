// Firefox smoke test: Debian's firefox-esr under puppeteer-core (WebDriver BiDi) installs
// this directory as a temporary add-on, pairs it in its Options page, opens the popup on an
// article and reports what the article then shows. Run by tests/test_extension_firefox.py:
//
//   node tools/firefox-smoke.mjs --port 8877 --token T --page http://127.0.0.1:8000/a.html
//   node tools/firefox-smoke.mjs --native --page http://127.0.0.1:8000/a.html
//
// With --native nothing is typed: the popup's click must start newslint and pair through
// the native messaging host (installed by `newslint browser install` under $HOME/.mozilla,
// HOME being what the caller gives this script, and so Firefox).
//
// Firefox's WebDriver BiDi does not reach extension pages (they are left out of its
// browsing contexts, Mozilla bug 1755014), so the Options page and the popup are driven
// from the browser window's own privileged scope (`--remote-allow-system-access`), with
// the extension's pages in the browser process (`extensions.webextensions.remote` off)
// where that scope can read their DOM. The article itself is an ordinary page.
//
// Prints one JSON object on stdout and exits 0 when it could drive the browser, whatever
// it found; the Python test makes the assertions.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import puppeteer from "puppeteer-core";

const EXTENSION = join(dirname(fileURLToPath(import.meta.url)), "..");
const ADDON_ID = "newslint@newslint.local";
// A fixed internal UUID, so the extension's pages have a known address.
const UUID = "6f1b8c52-3d0e-4c7a-9e21-5a4b3c2d1e0f";
const ORIGIN = `moz-extension://${UUID}`;

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    token: { type: "string" },
    page: { type: "string" },
    firefox: { type: "string", default: "/usr/bin/firefox-esr" },
    screenshot: { type: "string" },
    native: { type: "boolean", default: false },
  },
});

// --- run in the browser window's privileged scope -------------------------------------------

/** Open (or find) an extension page in a tab and wait until `ready` holds in it. */
async function openExtensionPage(url, readySelector, timeoutMs) {
  /* global gBrowser */
  let tab = [...gBrowser.tabs].find((t) => t.linkedBrowser.currentURI.spec === url);
  if (!tab) tab = gBrowser.addTrustedTab(url);
  const deadline = Date.now() + Number(timeoutMs);
  for (;;) {
    const doc = tab.linkedBrowser.contentDocument;
    if (doc?.readyState === "complete" && doc.querySelector(readySelector)) return "ready";
    if (Date.now() > deadline) return `timed out: ${doc?.body?.outerHTML?.slice(0, 300)}`;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Pair in the Options page as a user does: type the port and token, Save and test. */
async function pairInOptions(url, port, token) {
  const tab = [...gBrowser.tabs].find((t) => t.linkedBrowser.currentURI.spec === url);
  const doc = tab.linkedBrowser.contentDocument;
  doc.getElementById("port").value = port;
  doc.getElementById("token").value = token;
  doc.getElementById("save").click();
  for (let i = 0; i < 200 && !doc.body.dataset.paired; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return JSON.stringify({
    paired: doc.body.dataset.paired || "",
    status: doc.getElementById("status").textContent,
    permissionAsked: !doc.getElementById("permission").hidden,
  });
}

/** The extension's id of the tab showing `pageUrl`, asked through its own Options page. */
async function tabIdOf(url, pageUrl) {
  const tab = [...gBrowser.tabs].find((t) => t.linkedBrowser.currentURI.spec === url);
  const page = tab.linkedBrowser.contentWindow.wrappedJSObject;
  const found = await page.browser.tabs.query({});
  return JSON.stringify([...found].filter((t) => t.url === pageUrl).map((t) => t.id));
}

/** What the content script holds (its card is in a closed shadow root), asked through the
 * service worker's message switch as the popup would. */
async function inspectTab(url, tabId) {
  const tab = [...gBrowser.tabs].find((t) => t.linkedBrowser.currentURI.spec === url);
  const page = tab.linkedBrowser.contentWindow.wrappedJSObject;
  const answer = await page.browser.runtime.sendMessage(page.JSON.parse(JSON.stringify({ what: "inspect", tabId: Number(tabId) })));
  return page.JSON.stringify(answer);
}

/** What the extension keeps (port, token, how it paired), read through its Options page. */
async function storedSettings(url) {
  const tab = [...gBrowser.tabs].find((t) => t.linkedBrowser.currentURI.spec === url);
  const page = tab.linkedBrowser.contentWindow.wrappedJSObject;
  return page.JSON.stringify(await page.browser.storage.local.get(null));
}

async function readPopup(url) {
  const tab = [...gBrowser.tabs].find((t) => t.linkedBrowser.currentURI.spec === url);
  const doc = tab.linkedBrowser.contentDocument;
  return JSON.stringify({
    state: doc.body.dataset.state,
    summary: doc.getElementById("summary").textContent,
    findings: [...doc.querySelectorAll(".finding .message")].map((e) => e.textContent),
    timeline: [...doc.querySelectorAll("#timeline time")].map((e) => e.textContent),
    error: `${doc.getElementById("error-title").textContent} ${doc.getElementById("error-detail").textContent} ${doc.getElementById("error-native").textContent}`.trim(),
    next: doc.getElementById("next-steps")?.textContent || "",
  });
}

// --- the smoke test ---------------------------------------------------------------------------

const report = { steps: [] };
const step = (name) => report.steps.push(name);
const profile = mkdtempSync(join(tmpdir(), "newslint-firefox-"));
let browser;
try {
  browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: values.firefox,
    headless: true,
    userDataDir: profile,
    protocolTimeout: 30000,
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: {
      "extensions.webextensions.uuids": JSON.stringify({ [ADDON_ID]: UUID }),
      "extensions.webextensions.remote": false,
      // MV3 host permissions granted at install, as for a user who accepted them.
      "extensions.originControls.grantByDefault": true,
      "browser.shell.checkDefaultBrowser": false,
      "datareporting.policy.dataSubmissionEnabled": false,
    },
  });
  report.browser = await browser.version();
  step("launched");
  report.addon = await browser.installExtension(EXTENSION);
  step("installed");

  const tree = await browser.connection.send("browsingContext.getTree", { "moz:scope": "chrome" });
  const windowContext = tree.result.contexts[0].context;
  const inWindow = async (fn, ...args) => {
    const { result } = await browser.connection.send("script.callFunction", {
      functionDeclaration: fn.toString(),
      target: { context: windowContext },
      awaitPromise: true,
      arguments: args.map((value) => ({ type: "string", value: String(value) })),
    });
    if (result.type !== "success") throw new Error(JSON.stringify(result.exceptionDetails?.text || result));
    return result.result.value;
  };

  const options = `${ORIGIN}/options.html`;
  report.optionsOpened = await inWindow(openExtensionPage, options, "body[data-ready=yes]", 10000);
  if (values.native) {
    report.stored = JSON.parse(await inWindow(storedSettings, options));
  } else {
    Object.assign(report, JSON.parse(await inWindow(pairInOptions, options, values.port, values.token)));
    step("paired");
  }

  const article = await browser.newPage();
  await article.setViewport({ width: 1200, height: 800 });
  await article.goto(values.page);
  const tabs = JSON.parse(await inWindow(tabIdOf, options, values.page));
  if (tabs.length !== 1) throw new Error(`expected one tab at ${values.page}, found ${JSON.stringify(tabs)}`);
  step("tab");

  const popup = `${ORIGIN}/popup.html?tab=${tabs[0]}`;
  report.popupOpened = await inWindow(openExtensionPage, popup, "body[data-state=done], body[data-state=error]", values.native ? 150000 : 30000);
  report.popup = JSON.parse(await inWindow(readPopup, popup));
  step("popup");
  if (values.native) report.storedAfter = JSON.parse(await inWindow(storedSettings, options));

  report.highlights = await article.evaluate(() => {
    if (!globalThis.CSS?.highlights) return null;
    const out = {};
    for (const [name, highlight] of CSS.highlights) {
      if (name.startsWith("newslint-")) out[name] = [...highlight].map((range) => range.toString());
    }
    return out;
  });
  // Hover the date conflict as a reader would; the card must show, styled, beside it.
  const point = await article.evaluate(() => {
    const range = [...(CSS.highlights.get("newslint-date-conflict") || [])][0];
    if (!range) return null;
    range.startContainer.parentElement.scrollIntoView({ block: "center" });
    const rect = range.getClientRects()[0];
    return { x: rect.left + Math.min(rect.width / 2, 30), y: rect.top + rect.height / 2, top: rect.top, bottom: rect.bottom };
  });
  report.markRect = point;
  step("read");
  if (point) {
    await article.mouse.move(point.x, point.y);
    for (let i = 0; i < 100; i++) {
      report.inspect = JSON.parse(await inWindow(inspectTab, options, tabs[0]));
      if (report.inspect?.card) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    step("hovered");
  }
  if (values.screenshot) await article.screenshot({ path: values.screenshot });
} catch (error) {
  report.error = String(error?.stack || error);
} finally {
  await browser?.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
process.stdout.write(`${JSON.stringify(report)}\n`);
