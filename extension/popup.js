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

/**
 * The progress bar's share done after `elapsed` of an `estimate`: linear up to 90 %, then
 * creeping on towards 100 % without ever stopping, so a page slower than the estimate
 * never looks frozen.
 */
export function progressShare(elapsed, estimate) {
  const share = elapsed / Math.max(1, estimate);
  if (share <= 0.9) return share;
  return 0.9 + 0.099 * (1 - Math.exp(-(share - 0.9) * 2));
}

function renderWorking(state) {
  setState("working");
  $("summary").textContent = "";
  const words = Number(state.words) || 0;
  $("working-text").textContent = state.step === "analysing"
    ? `Analysing ${words.toLocaleString("en")} words in ${Number(state.blocks) || 0} blocks…`
    : state.step === "starting" ? "Starting newslint…"
      : state.step === "pairing" ? "Pairing with newslint…" : "Reading the page…";
  const estimate = Number(state.estimateMs) || 0;
  const bar = $("progress");
  const long = state.step === "analysing" && estimate >= 1500;
  const seconds = Math.ceil(estimate / 1000);
  const speed = Math.round(Number(state.wordsPerSecond) || 0).toLocaleString("en");
  $("working-hint").textContent = state.step === "starting"
    ? "newslint was not running: its helper is starting it (the first start loads its language model, a few seconds)."
    : long ? `A long page: about ${seconds} s at this server's ${speed} words a second. You may close this window; the button's badge shows the result.` : "";
  if (!long) {
    bar.removeAttribute("value");
    return;
  }
  const started = Number(state.startedAt) || Date.now();
  const tick = () => {
    const elapsed = Date.now() - started;
    bar.max = 1000;
    bar.value = Math.round(progressShare(elapsed, estimate) * 1000);
    if (elapsed > estimate * 1.1) {
      $("working-hint").textContent = `Taking longer than the ${seconds} s expected; still working. You may close this window; the button's badge shows the result.`;
    }
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
  $("error-native").textContent = error.native || "";
  show("error-native", Boolean(error.native));
  // Where only Options can help (pairing, address, port), Options is the main button.
  const fixInOptions = OPTIONS_FIX.has(error.code);
  show("error-options", fixInOptions);
  $("retry").classList.toggle("primary", !fixInOptions);
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

/** A reader's name of a block, short: "¶3", "Hdg 2" (a heading), "Title" (the headline). */
function where(label) {
  const text = String(label || "");
  let match = /^paragraph (\d+)$/.exec(text);
  if (match) return `¶${match[1]}`;
  match = /^heading (\d+)$/.exec(text);
  if (match) return `Hdg ${match[1]}`;
  return text === "the headline" ? "Title" : "";
}

const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);

function andList(items) {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "Paragraphs 3, 5 and 8", "The headline and paragraph 4". */
function clusterName(labels) {
  const numbers = labels.map((label) => /^paragraph (\d+)$/.exec(label)?.[1]);
  if (numbers.every(Boolean)) return `Paragraphs ${andList(numbers)}`;
  return capitalised(andList(labels));
}

/**
 * The popup's entries of one kind: findings of one cluster (all the paragraphs that tell
 * one claim, `evidence.cluster`) become a single entry naming them all.
 */
function entries(findings) {
  const out = [];
  const clusters = new Map();
  for (const finding of findings) {
    const id = finding.cluster?.id;
    if (!id) {
      out.push({ finding, message: finding.message, where: where(finding.label) });
      continue;
    }
    if (clusters.has(id)) {
      clusters.get(id).count++;
      continue;
    }
    const entry = { finding, message: `${clusterName(finding.cluster.labels)} say the same thing.`,
      where: where(finding.cluster.labels[0]), count: 1, cluster: id };
    clusters.set(id, entry);
    out.push(entry);
  }
  return out;
}

function reveal(message) {
  // The popup covers the page's top right corner: the card opens beside it, not under it.
  return ext.send({ what: "reveal", tabId, avoid: { width: innerWidth, height: innerHeight }, ...message });
}

function renderDone(state) {
  setState("done");
  const total = state.findings.length;
  // One order for the summary and the list below it.
  const order = [...Object.keys(KINDS), ...Object.keys(state.counts).filter((type) => !(type in KINDS))]
    .filter((type) => state.counts[type]);
  const parts = order.map((type) => `${state.counts[type]} ${kindLabel(type, state.counts[type])}`);
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
  const items = notices.map((text) => el("li", { text }));
  if (state.pairedNow) {
    // The first analysis after pairing by itself: say what to do from now on.
    items.unshift(el("li", { className: "next", attrs: { id: "next-steps" } },
      "Paired with newslint by itself. Next: pin the newslint button (the puzzle-piece menu → pin) and click it on any news article",
      shortcutText ? ` (or press ${shortcutText})` : "", "."));
  }
  $("notices").replaceChildren(...items);

  const groups = order.map((type) => {
    const items = entries(state.findings.filter((finding) => finding.type === type)).map((entry) => el("li", {},
      el("button", {
        className: "finding",
        attrs: { type: "button", "data-id": entry.finding.id, "data-cluster": entry.cluster || null,
          title: entry.finding.snippet ? `“${entry.finding.snippet}”` : null },
        on: { click: () => reveal({ annotation: entry.finding.id }) },
      }, el("span", { className: "where", text: entry.where }), el("span", { className: "message", text: entry.message }))));
    const dot = el("span", { className: "dot" });
    dot.style.background = KINDS[type]?.colour || "#888888";
    return el("section", { className: `group kind-${type}`, attrs: { "data-kind": type } },
      el("h2", {}, dot, KINDS[type]?.label || kindLabel(type), " ", el("span", { className: "count", text: state.counts[type] })),
      el("ul", {}, ...items));
  });
  $("groups").replaceChildren(...groups);

  const events = (state.timeline || []).map((entry) => {
    const first = entry.mentions[0];
    const numbers = [...new Set(entry.mentions.map((m) => where(m.label)).filter(Boolean))];
    return el("li", {}, el("button", {
      className: "event",
      attrs: { type: "button", title: entry.mentions.map((m) => `“${m.expression}”`).join(", ") },
      on: { click: () => first && reveal({ place: { block: first.block, start: first.start, end: first.end } }) },
    }, el("time", { text: formatDate(entry.date, entry.granularity), attrs: { datetime: entry.date } }),
    el("span", { className: "label", text: entry.label }),
    el("span", { className: "where", text: numbers.join(" ") })));
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

let shortcutText = "";

/** The real binding of the popup's shortcut (chrome.commands.getAll()), or how to set one. */
async function showShortcut() {
  const answer = await ext.send({ what: "commands" }).catch(() => null);
  const open = (answer?.commands || []).find((command) => command.name === "_execute_action");
  shortcutText = open?.shortcut || "";
  $("shortcut").replaceChildren(...(shortcutText
    ? ["Shortcut: ", el("kbd", { text: shortcutText, attrs: { id: "shortcut-key" } }), " opens this and marks the page."]
    : [`No keyboard shortcut is set: choose one at ${answer?.page || "chrome://extensions/shortcuts"}.`]));
}

async function main() {
  wire();
  await showShortcut();
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
