// The popup: opening it (a click on the toolbar button, or its keyboard shortcut) marks
// the page; it then lists the findings by kind, the page's timeline, and links to the
// desktop history. It only renders what the service worker keeps for the tab.
//
// Opened as a tab with ?tab=ID (as the end-to-end tests do), it works on that tab.

import * as ext from "./lib/ext.js";
import { $, el, show } from "./lib/dom.js";
import { KINDS, kindLabel } from "./lib/settings.js";

const SECTIONS = ["working", "error", "cleared", "results"];
// Failures the Options page fixes (pairing, address, port).
const OPTIONS_FIX = new Set(["unauthorized", "not-newslint", "not-running"]);

let tabId = null;
let progressTimer = 0;

async function targetTab() {
  const asked = Number.parseInt(new URLSearchParams(location.search).get("tab"), 10);
  return Number.isInteger(asked) ? asked : ext.activeTabId();
}

function setState(name) {
  document.body.dataset.state = name;
  for (const id of SECTIONS) show(id, id === name || (name === "done" && id === "results"));
}

// --- rendering ------------------------------------------------------------------------------

function render(state) {
  clearInterval(progressTimer);
  delete document.body.dataset.errorCode;
  if (state?.error && !state.status) return renderError(state.error);
  switch (state?.status) {
    case "working":
      return renderWorking(state);
    case "error":
      return renderError(state.error);
    case "done":
      return renderDone(state);
    case "cleared":
      setState("cleared");
      $("summary").textContent = "";
      return undefined;
    default:
      return renderWorking({ step: "reading", startedAt: Date.now() });
  }
}

function renderWorking(state) {
  setState("working");
  $("summary").textContent = "";
  const words = Number(state.words) || 0;
  $("working-text").textContent = state.step === "analysing"
    ? `Analysing ${words.toLocaleString("en")} words in ${Number(state.blocks) || 0} blocks…`
    : "Reading the page…";
  const estimate = Number(state.estimateMs) || 0;
  const bar = $("progress");
  const long = state.step === "analysing" && estimate >= 1500;
  $("working-hint").textContent = long
    ? `A long page: about ${Math.ceil(estimate / 1000)} s. You may close this window; the button's badge shows the result.`
    : "";
  if (!long) {
    bar.removeAttribute("value");
    return;
  }
  const tick = () => {
    const elapsed = Date.now() - (Number(state.startedAt) || Date.now());
    bar.max = 100;
    bar.value = Math.min(95, Math.round((elapsed / estimate) * 100));
  };
  tick();
  progressTimer = setInterval(tick, 200);
}

function renderError(error = {}) {
  setState("error");
  document.body.dataset.errorCode = error.code || "unknown";
  $("summary").textContent = "";
  $("error-title").textContent = error.title || "Something went wrong";
  $("error-detail").textContent = error.detail || "";
  $("error-action").textContent = error.action || "";
  $("error-command").textContent = error.command || "";
  show("error-command-row", Boolean(error.command));
  show("error-options", OPTIONS_FIX.has(error.code));
}

function formatDate(date, granularity) {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(date || ""));
  if (!match) return String(date || "");
  const [, year, month, day] = match;
  const utc = new Date(Date.UTC(Number(year), Number(month || 1) - 1, Number(day || 1)));
  const options = { timeZone: "UTC", year: "numeric" };
  if (granularity === "day" && day) Object.assign(options, { month: "short", day: "numeric" });
  else if (granularity === "month" && month) options.month = "short";
  else if (granularity !== "year") return granularity ? `${date} (${granularity})` : String(date);
  return new Intl.DateTimeFormat("en-GB", options).format(utc);
}

const where = (number) => (number ? `¶${number}` : "");

function reveal(message) {
  return ext.send({ what: "reveal", tabId, ...message });
}

function renderDone(state) {
  setState("done");
  const total = state.findings.length;
  const parts = Object.entries(state.counts).map(([type, n]) => `${n} ${kindLabel(type, n)}`);
  $("summary").textContent = total ? parts.join(", ") : "Nothing found";

  const notices = [];
  if (!total) {
    notices.push(`No repeated paragraphs or date conflicts in ${Number(state.words).toLocaleString("en")} words.`);
  }
  if (state.missing) {
    notices.push(`${state.missing} finding${state.missing === 1 ? "" : "s"} could not be marked: the page changed since it was read. Analyse again to mark them.`);
  }
  if (state.hidden) {
    notices.push(`${state.hidden} finding${state.hidden === 1 ? " is" : "s are"} of a kind switched off in Options.`);
  }
  notices.push(...(state.notices || []));
  $("notices").replaceChildren(...notices.map((text) => el("li", { text })));

  const order = [...Object.keys(KINDS), ...Object.keys(state.counts).filter((type) => !(type in KINDS))];
  const groups = order.filter((type) => state.counts[type]).map((type) => {
    const items = state.findings.filter((finding) => finding.type === type).map((finding) => el("li", {},
      el("button", {
        className: "finding",
        attrs: { type: "button", "data-id": finding.id, title: finding.snippet ? `“${finding.snippet}”` : null },
        on: { click: () => reveal({ annotation: finding.id }) },
      }, el("span", { className: "where", text: where(finding.number) }), el("span", { className: "message", text: finding.message }))));
    const dot = el("span", { className: "dot" });
    dot.style.background = KINDS[type]?.colour || "#888888";
    return el("section", { className: `group kind-${type}`, attrs: { "data-kind": type } },
      el("h2", {}, dot, KINDS[type]?.label || kindLabel(type), " ", el("span", { className: "count", text: state.counts[type] })),
      el("ul", {}, ...items));
  });
  $("groups").replaceChildren(...groups);

  const events = (state.timeline || []).map((entry) => {
    const first = entry.mentions[0];
    const numbers = [...new Set(entry.mentions.map((m) => m.number).filter(Boolean))];
    return el("li", {}, el("button", {
      className: "event",
      attrs: { type: "button", title: entry.mentions.map((m) => `“${m.expression}”`).join(", ") },
      on: { click: () => first && reveal({ place: { block: first.block, start: first.start, end: first.end } }) },
    }, el("time", { text: formatDate(entry.date, entry.granularity), attrs: { datetime: entry.date } }),
    el("span", { className: "label", text: entry.label }),
    el("span", { className: "where", text: numbers.map(where).join(" ") })));
  });
  $("timeline").replaceChildren(...(events.length ? events : [el("li", { className: "empty", text: "No dated events on this page." })]));
  show("history", Boolean(state.historyId));
}

// --- actions -----------------------------------------------------------------------------------

async function analyse() {
  render({ status: "working", step: "reading", startedAt: Date.now() });
  render(await ext.send({ what: "analyze", tabId }));
}

function say(text) {
  $("footer-message").textContent = text;
}

function wire() {
  $("retry").addEventListener("click", analyse);
  $("rerun").addEventListener("click", analyse);
  $("clear").addEventListener("click", async () => {
    render(await ext.send({ what: "clear", tabId }));
  });
  $("history").addEventListener("click", async () => {
    say("Opening the history…");
    const answer = await ext.send({ what: "open-history", tabId });
    say(answer?.error ? `${answer.error.title}: ${answer.error.detail}` : "");
  });
  const options = () => ext.openOptions();
  $("options").addEventListener("click", options);
  $("error-options").addEventListener("click", options);
  $("copy-command").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText($("error-command").textContent);
      $("copy-command").textContent = "Copied";
    } catch {
      getSelection().selectAllChildren($("error-command"));
    }
  });
}

async function main() {
  wire();
  tabId = await targetTab();
  ext.onSessionChanged((changes) => {
    const change = changes[`tab:${tabId}`];
    if (change?.newValue?.status === "working") render(change.newValue);
  });
  const state = await ext.send({ what: "state", tabId });
  if (state?.status === "done") {
    render(state);
    return;
  }
  if (state?.status === "working") render(state);
  // A click on the button means "mark this page": no state yet, or a failed attempt the
  // user may have fixed since (started the server, paired), runs the analysis.
  render(await ext.send({ what: "analyze", tabId }));
}

main().catch((error) => render({ status: "error", error: { code: "bad-response", title: "Something went wrong", detail: String(error?.message || error) } }));
