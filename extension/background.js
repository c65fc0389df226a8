// The service worker (Firefox: the event page): the only part that talks to the local
// server. It reads the page through the content script, posts its blocks to
// /v1/analyze, has the content script mark the findings, and keeps each tab's result in
// session storage for the popup (the worker itself may be stopped at any moment, so it
// keeps nothing that matters in memory).

import * as ext from "./lib/ext.js";
import { Failure, analyze, checkPairing, checkServer, describe, historyLink } from "./lib/server.js";
import { KINDS, kindLabel, loadSettings, normalise, saveSettings } from "./lib/settings.js";

const CONTENT_SCRIPTS = ["vendor/readability/Readability.js", "content/page.js"];
const CONTENT_CSS = ["content/page.css"];
const BADGE = { working: "#5f6368", findings: "#8a4b00", clean: "#188038", error: "#b3261e" };
// How fast the server reads, until it says (its /v1/health reports what it measured).
const WORDS_PER_SECOND = 6000;
// Failures the newslint app's helper can fix by starting the server or pairing again.
const HOST_CAN_FIX = new Set(["not-running", "not-newslint", "unauthorized"]);
const MAX_FINDINGS_KEPT = 500;
const MAX_TIMELINE_KEPT = 100;

// Tabs being analysed now (a second click joins the first) and, per tab, a generation
// that changes when the tab loads a new page, so a late answer never lands on it.
const running = new Map();
const generations = new Map();
// Tabs whose page has the content script (forgotten when the tab loads a page, and lost
// when the worker restarts: then the first call finds out by asking).
const injected = new Set();

// --- listeners: registered at the top level, so a restarted worker gets every event ---

ext.onMessage(handle);
ext.onCommand(onCommand);
ext.onTabLoading(forgetTab);
ext.onTabRemoved(forgetTab);
ext.onInstalled((reason) => {
  // The extension does nothing until it is paired with the local server: say how, once.
  if (reason === "install") ext.openOptions();
});

/** The one switch every message goes through. Only the extension's own pages may ask. */
async function handle(message, sender) {
  if (!ext.isOwnPage(sender)) {
    return { error: { code: "forbidden", title: "Not allowed", detail: "Only newslint's own pages may ask this." } };
  }
  const tabId = Number.isInteger(message?.tabId) ? message.tabId : null;
  switch (message?.what) {
    case "state":
      return (await loadState(tabId)) || { status: "none" };
    case "analyze":
      return analyzeTab(tabId);
    case "clear":
      return clearTab(tabId);
    case "reveal":
      return callPage(tabId, { what: "reveal", annotation: message.annotation, place: message.place, avoid: message.avoid }, { inject: false });
    case "open-history":
      return openHistory(tabId);
    case "check-pairing":
      return pairingStatus(normalise(message.settings || (await loadSettings())));
    case "pair-host":
      return pairFromOptions();
    case "host-hello":
      return hostHello();
    case "commands":
      return { commands: await ext.commands(), page: ext.shortcutsPage() };
    case "inspect":
      return callPage(tabId, { what: "inspect" }, { inject: false });
    default:
      return { error: { code: "unknown", title: "Unknown request", detail: String(message?.what) } };
  }
}

async function onCommand(command, tab) {
  if (command !== "mark-page") return;
  const tabId = tab?.id ?? (await ext.activeTabId());
  if (tabId !== null) await analyzeTab(tabId);
}

// The devtools console (and the end-to-end tests, through Playwright's worker handle)
// reach the same switch and the same command handler the browser's events do.
globalThis.newslint = {
  handle: (message) => handle(message, { id: ext.ownId(), url: ext.extensionUrl("background.js") }),
  command: onCommand,
};

// --- per-tab state ----------------------------------------------------------------------

const stateKey = (tabId) => `tab:${tabId}`;

async function loadState(tabId) {
  if (tabId === null) return null;
  const stored = await ext.session.get(stateKey(tabId));
  return stored[stateKey(tabId)] || null;
}

async function saveState(tabId, state) {
  await ext.session.set({ [stateKey(tabId)]: state });
}

async function forgetTab(tabId) {
  generations.set(tabId, (generations.get(tabId) || 0) + 1);
  injected.delete(tabId);
  await ext.session.remove(stateKey(tabId));
  await ext.setBadge(tabId, "");
  await ext.setTitle(tabId, "");
}

// --- talking to the content script --------------------------------------------------------

function restrictedPage(error) {
  return new Failure("restricted-page", "newslint cannot read this page",
    "The browser does not let extensions read this kind of page (its own settings and start pages, the extension store, some built-in viewers).",
    { action: "Open a news article on a website, then click newslint there.", problem: String(error?.message || "") });
}

/** Ask the content script (injecting it first when the page does not have it yet). */
async function callPage(tabId, message, { inject: mayInject = true } = {}) {
  if (tabId === null) throw new Failure("restricted-page", "No tab", "There is no tab to read.");
  const ask = () => ext.inTab(tabId, (m) => (globalThis.newslintPage ? globalThis.newslintPage.handle(m) : { notInjected: true }), [message]);
  const inject = async () => {
    await ext.insertCSS(tabId, CONTENT_CSS);
    await ext.injectFiles(tabId, CONTENT_SCRIPTS);
    injected.add(tabId);
  };
  try {
    // A page known to be new gets the script at once: one round trip less on a first click.
    if (mayInject && !injected.has(tabId) && message.what === "collect") await inject();
    let answer = await ask();
    if (answer?.notInjected) {
      if (!mayInject) return {};
      await inject();
      answer = await ask();
    }
    if (answer?.error) throw new Error(answer.error);
    return answer;
  } catch (error) {
    if (error instanceof ext.RestrictedPage) throw restrictedPage(error);
    throw error;
  }
}

function noArticle(found) {
  return new Failure("no-article", "No article on this page",
    found.words
      ? `newslint found only ${found.words} words of running text here: this page is not an article.`
      : "newslint found no running text on this page.",
    { action: "Open a single news article (not a front page, search results or a list of links) and try again." });
}

// --- the analysis --------------------------------------------------------------------------

async function analyzeTab(tabId) {
  if (tabId === null) return { status: "error", error: describe(restrictedPage()) };
  if (running.has(tabId)) return running.get(tabId);
  const job = runAnalysis(tabId).finally(() => running.delete(tabId));
  running.set(tabId, job);
  return job;
}

async function runAnalysis(tabId) {
  const generation = generations.get(tabId) || 0;
  const current = () => (generations.get(tabId) || 0) === generation;
  const t0 = performance.now();
  const startedAt = Date.now();
  const timings = {};
  // Progress is shown, not waited for: storage and badge writes keep their order.
  saveState(tabId, { status: "working", step: "reading", startedAt });
  ext.setBadge(tabId, "…", BADGE.working);
  let state;
  let pairedNow = false;
  const starting = () => saveState(tabId, { status: "working", step: "starting", startedAt });
  const pairing = () => saveState(tabId, { status: "working", step: "pairing", startedAt });
  try {
    let settings = await loadSettings();
    // The health check (is newslint there, and does it speak our API?) runs while the
    // content script reads the page; a page that cannot be read is said first.
    const [checked, reading] = await Promise.allSettled([checkServer(settings), callPage(tabId, { what: "collect" })]);
    if (reading.status === "rejected") throw reading.reason;
    const found = reading.value;
    timings.collect = round(found.ms);
    // No article: said before anything is started or paired.
    if (found.noArticle) throw noArticle(found);
    let health = checked.value;
    if (checked.status === "rejected") {
      // Nothing (or not newslint) at the address: the newslint app's helper starts the
      // server and says where it is, with its token.
      if (!HOST_CAN_FIX.has(checked.reason?.code)) throw checked.reason;
      settings = await pairThroughHost(checked.reason, checked.reason.code === "not-running" ? starting : pairing);
      pairedNow = true;
      health = await checkServer(settings);
    } else if (!settings.token) {
      settings = await pairThroughHost(unpaired(settings), pairing);
      pairedNow = true;
    }
    const labels = new Map(found.blocks.map((block, i) => [block.id, found.labels?.[i] || `block ${i + 1}`]));
    const speed = Number(health?.words_per_second) > 0 ? Number(health.words_per_second) : WORDS_PER_SECOND;
    saveState(tabId, {
      status: "working", step: "analysing", startedAt: Date.now(), words: found.words, blocks: found.blocks.length,
      estimateMs: Math.round((found.words / speed) * 1000), wordsPerSecond: speed,
    });
    const page = { url: found.url, title: found.title, lang: found.lang, published: found.published, blocks: found.blocks };
    const t1 = performance.now();
    let answer;
    try {
      answer = await ext.whileAlive(analyze(settings, page));
    } catch (error) {
      // A token rotated since pairing (or another newslint's): pair again, once.
      if (error?.code !== "unauthorized" || pairedNow) throw error;
      settings = await pairThroughHost(error, null);
      pairedNow = true;
      answer = await ext.whileAlive(analyze(settings, page));
    }
    const { body, historyId } = answer;
    timings.server = round(performance.now() - t1);
    if (!current()) return { status: "none" };
    const shown = body.annotations.filter((a) => settings.kinds[a.type] !== false);
    const marked = await callPage(tabId, {
      what: "mark",
      annotations: shown.map(({ id, type, block, start, end, related, message, evidence }) => ({
        id, type, block, start, end, related, message, evidence: pageEvidence(evidence),
      })),
      paint: settings.paint,
      kinds: Object.fromEntries(Object.entries(KINDS).map(([kind, info]) => [kind, { label: info.card, colour: info.colour }])),
    });
    timings.mark = round(marked.ms);
    timings.total = round(performance.now() - t0);
    state = summarise({ found, body, shown, marked, labels, historyId, startedAt, timings });
  } catch (error) {
    state = { status: "error", error: describe(error), startedAt };
  }
  if (!current()) return { status: "none" };
  await Promise.all([saveState(tabId, state), showOnButton(tabId, state)]);
  // "Paired by itself; what next" is for the popup that watched it happen, not kept.
  return state.status === "done" ? { ...state, pairedNow } : state;
}

const round = (ms) => Math.round(ms * 10) / 10;

function snippet(text, length = 90) {
  const clean = String(text || "").replace(/\s+/g, " ").trim();
  return clean.length > length ? `${clean.slice(0, length - 1).trimEnd()}…` : clean;
}

/** What the popup shows, small enough for session storage: no evidence, no page text. */
function summarise({ found, body, shown, marked, labels, historyId, startedAt, timings }) {
  const counts = {};
  for (const a of shown) counts[a.type] = (counts[a.type] || 0) + 1;
  const texts = new Map(found.blocks.map((block) => [block.id, block.text]));
  const hidden = body.annotations.length - shown.length;
  return {
    status: "done",
    startedAt,
    url: found.url,
    title: body.page?.title || found.title,
    words: found.words,
    blocks: found.blocks.length,
    published: body.page?.published || null,
    counts,
    hidden,
    findings: shown.slice(0, MAX_FINDINGS_KEPT).map((a) => ({
      id: a.id,
      type: a.type,
      rule: a.rule,
      message: a.message,
      block: a.block,
      label: labels.get(a.block) || "",
      cluster: clusterOf(a, labels),
      snippet: snippet([...(texts.get(a.block) || "")].slice(a.start, a.end).join(""), 80),
    })),
    timeline: (body.timeline || []).slice(0, MAX_TIMELINE_KEPT).map((entry) => ({
      date: entry.date,
      granularity: entry.granularity,
      label: entry.label,
      mentions: (entry.mentions || []).map((m) => ({
        block: m.block, start: m.start, end: m.end, expression: m.expression, label: labels.get(m.block) || "",
      })),
    })),
    notices: (body.notices || []).map((n) => String(n.message || "")),
    painted: marked.painted,
    missing: marked.missing,
    mode: marked.mode,
    historyId,
    serverMs: body.elapsed_ms,
    timings,
  };
}

async function showOnButton(tabId, state) {
  if (state.status === "error") {
    await ext.setBadge(tabId, "!", BADGE.error);
    await ext.setTitle(tabId, `newslint: ${state.error.title}`);
    return;
  }
  const total = state.findings.length;
  await ext.setBadge(tabId, total > 999 ? "999+" : String(total), total ? BADGE.findings : BADGE.clean);
  const parts = Object.entries(state.counts).map(([type, n]) => `${n} ${kindLabel(type, n)}`);
  await ext.setTitle(tabId, `newslint: ${parts.join(", ") || "nothing found"}`);
}

async function clearTab(tabId) {
  const answer = await callPage(tabId, { what: "clear" }, { inject: false }).catch(() => ({}));
  await ext.session.remove(stateKey(tabId));
  await ext.setBadge(tabId, "");
  await ext.setTitle(tabId, "");
  return { status: "cleared", cleared: answer?.cleared || 0 };
}

async function openHistory(tabId) {
  const settings = await loadSettings();
  const state = await loadState(tabId);
  try {
    await checkServer(settings);
    const link = await historyLink(settings, { historyId: state?.historyId || null, url: state?.url || "" });
    await ext.openTab(link);
    return { opened: true };
  } catch (error) {
    return { error: describe(error) };
  }
}

// --- starting and pairing through the newslint app's helper (native messaging) -------------

/** The failure of an unpaired extension, for when the helper cannot pair it either. */
function unpaired(settings) {
  return new Failure("unauthorized", "Pair the extension with newslint",
    `The newslint server at ${settings.host}:${settings.port} needs a pairing token, and the extension has none yet.`,
    { action: "Open Options and paste what this command prints:", command: "newslint token" });
}

const NATIVE_HELP = {
  "not-installed": "newslint could not start by itself: its browser helper is not installed. Run newslint browser install once, then restart the browser. (Flatpak and Snap builds of a browser cannot start programs at all: there, start newslint yourself and pair in Options.)",
  forbidden: "newslint could not start by itself: its browser helper does not accept this copy of the extension (only newslint's own extension ids may use it).",
  unsupported: "newslint could not start by itself: this browser does not let extensions start programs. Start newslint yourself and pair in Options.",
  failed: "newslint could not start by itself: its browser helper failed",
};

/**
 * Ask the newslint app's helper to start the server (if nothing answers) and hand back
 * its port and token; keep them as the Options page would. When the helper is missing or
 * refuses, the original failure is thrown, saying why it could not be fixed by itself.
 */
async function pairThroughHost(cause, onStarting) {
  onStarting?.();
  let answer;
  try {
    answer = await ext.whileAlive(ext.sendNative({ what: "start" }));
  } catch (error) {
    if (!(error instanceof ext.NativeUnavailable)) throw error;
    const help = error.reason === "failed" ? `${NATIVE_HELP.failed} (${error.message}).` : NATIVE_HELP[error.reason];
    throw new Failure(cause.code, cause.title, cause.detail,
      { action: cause.action, command: cause.command, problem: cause.problem, status: cause.status, native: help });
  }
  if (!answer?.ok || !Number.isInteger(answer.port) || typeof answer.token !== "string") {
    const error = answer?.error || {};
    const code = { "not-newslint": "not-newslint", "token-refused": "unauthorized" }[error.code] || "not-running";
    throw new Failure(code, String(error.title || "newslint could not start"), String(error.detail || "Its helper gave no reason."),
      { action: String(error.action || ""), command: code === "not-running" ? "newslint serve" : "" });
  }
  return saveSettings({ host: "127.0.0.1", port: answer.port, token: answer.token, pairedBy: "host" });
}

async function pairFromOptions() {
  try {
    const settings = await pairThroughHost(unpaired(await loadSettings()), null);
    return { ...(await pairingStatus(settings)), port: settings.port };
  } catch (error) {
    return { paired: false, error: describe(error) };
  }
}

async function hostHello() {
  try {
    const answer = await ext.sendNative({ what: "hello" });
    return { available: Boolean(answer?.ok), version: String(answer?.version || ""), port: answer?.port ?? null };
  } catch (error) {
    return { available: false, reason: error?.reason || "failed", detail: String(error?.message || error),
      help: NATIVE_HELP[error?.reason] || NATIVE_HELP.failed };
  }
}

// --- what the page and the popup get of a finding's evidence ---------------------------------

/** The sentence pairs and the cluster, and nothing else (the evidence may be large). */
function pageEvidence(evidence) {
  if (!evidence || typeof evidence !== "object") return {};
  const out = {};
  if (Array.isArray(evidence.sentences)) {
    out.sentences = evidence.sentences.slice(0, 6).map((pair) => ({
      sentence: pair?.sentence ? { block: pair.sentence.block, start: pair.sentence.start, end: pair.sentence.end } : null,
      twin: pair?.twin ? { block: pair.twin.block, start: pair.twin.start, end: pair.twin.end } : null,
    })).filter((pair) => pair.sentence && pair.twin);
  }
  const cluster = clusterData(evidence);
  if (cluster) out.cluster = cluster;
  return out;
}

function clusterData(evidence) {
  const cluster = evidence?.cluster;
  if (!cluster || typeof cluster.id !== "string" || !Array.isArray(cluster.blocks)) return null;
  return { id: cluster.id.slice(0, 60), blocks: cluster.blocks.filter((b) => typeof b === "string").slice(0, 50) };
}

function clusterOf(annotation, labels) {
  const cluster = clusterData(annotation.evidence);
  if (!cluster) return null;
  return { id: cluster.id, labels: cluster.blocks.map((block) => labels.get(block) || block) };
}

async function pairingStatus(settings) {
  try {
    const health = await checkPairing(settings);
    return { paired: true, version: String(health.version || ""), model: health.model || null };
  } catch (error) {
    return { paired: false, error: describe(error) };
  }
}
