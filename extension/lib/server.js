// The local server's client, used by the service worker only (content scripts never fetch).
// Every failure becomes a Failure: what went wrong and what the user can do about it.

import { API_VERSION, DEFAULT_PORT, serverBase } from "./settings.js";

export const TOKEN_HEADER = "X-Newslint-Token";
const HEALTH_TIMEOUT_MS = 4000;
const ANALYZE_TIMEOUT_MS = 180000;
const BUSY_RETRIES = 2;
const DETAIL_MAX = 600;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Failure extends Error {
  /**
   * @param {string} code  stable: not-running, not-newslint, server-older, server-newer,
   *   unauthorized, problem, bad-response, timeout, no-article, restricted-page
   * @param {string} title  one line
   * @param {string} detail  what happened, in the user's terms
   * @param {{action?: string, command?: string, problem?: string, status?: number, native?: string}} more
   *   native: why the extension could not start and pair with newslint by itself (the
   *   native messaging host is missing, refused, or failed), said under the error
   */
  constructor(code, title, detail, more = {}) {
    super(`${title}: ${detail}`);
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.action = more.action || "";
    this.command = more.command || "";
    this.problem = more.problem || "";
    this.status = more.status || 0;
    this.native = more.native || "";
  }

  toJSON() {
    const { code, title, detail, action, command, problem, status, native } = this;
    return { code, title, detail, action, command, problem, status, native };
  }
}

async function request(settings, path, { method = "GET", body, timeout }) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  const headers = { Accept: "application/json" };
  if (settings.token && !/^[\x21-\x7e]+$/.test(settings.token)) {
    // fetch() would refuse such a header with a TypeError that reads like a network error.
    throw new Failure("unauthorized", "Pair the extension with newslint",
      "The pairing token in Options has characters a newslint token never has.",
      { action: "Run this in a terminal and paste what it prints in Options:", command: "newslint token" });
  }
  if (settings.token) headers[TOKEN_HEADER] = settings.token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  try {
    return await fetch(serverBase(settings) + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      credentials: "omit",
      cache: "no-store",
    });
  } catch (error) {
    if (error?.name === "AbortError") {
      throw new Failure("timeout", "newslint took too long",
        `No answer from ${serverBase(settings)} within ${Math.round(timeout / 1000)} s.`,
        { action: "Try again; on a very long page, try a shorter one or raise the server's limits." });
    }
    throw notRunning(settings);
  } finally {
    clearTimeout(timer);
  }
}

function notRunning(settings) {
  return new Failure("not-running", "newslint is not running",
    `Nothing answers at ${serverBase(settings)}.`,
    {
      action: settings.port === DEFAULT_PORT
        ? "Start it in a terminal (or open the newslint desktop app), then try again:"
        : `Start it on port ${settings.port} (or change the port in Options), then try again:`,
      command: settings.port === DEFAULT_PORT ? "newslint serve" : `newslint serve --port ${settings.port}`,
    });
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function apiNumber(api) {
  const match = /^v(\d+)$/.exec(String(api || ""));
  return match ? Number(match[1]) : NaN;
}

/** GET /v1/health: is a newslint server there, and does it speak this extension's API? */
export async function checkServer(settings) {
  const response = await request(settings, "/v1/health", { timeout: HEALTH_TIMEOUT_MS });
  const body = response.ok ? await readJson(response) : null;
  if (response.status === 404 || !body || body.name !== "newslint") {
    throw new Failure("not-newslint", "Another program answers on this port",
      `${serverBase(settings)} is not a newslint server (status ${response.status}).`,
      { action: "Check the server address and port in Options, or start newslint on a free port:",
        command: "newslint serve --port 8878" });
  }
  if (body.api !== API_VERSION) {
    const theirs = apiNumber(body.api);
    const ours = apiNumber(API_VERSION);
    const newer = Number.isNaN(theirs) || theirs > ours;
    throw new Failure(newer ? "server-newer" : "server-older",
      newer ? "The newslint server is newer than this extension" : "The newslint server is older than this extension",
      `The server (newslint ${body.version}) speaks API ${body.api}; this extension speaks ${API_VERSION}.`,
      newer
        ? { action: "Update the extension to the version that comes with your newslint." }
        : { action: "Update newslint to the version that comes with this extension, then restart the server:",
            command: "newslint serve" });
  }
  return body;
}

/** A problem-details answer (RFC 9457) as a Failure; never a trace, never raw HTML. */
export function failureFromResponse(status, body, settings = null) {
  const isProblem = body && typeof body === "object" && typeof body.type === "string";
  const problem = isProblem ? body.type.replace(/^urn:newslint:problem:/, "") : "";
  if (status === 401) {
    const where = settings ? `The newslint server at ${settings.host}:${settings.port}` : "The newslint server";
    return new Failure("unauthorized", "Pair the extension with newslint",
      settings && !settings.token
        ? `${where} needs a pairing token, and the extension has none yet.`
        : `${where} refused this extension's pairing token: it was replaced (newslint token --rotate) or belongs to another newslint.`,
      { action: "Open Options and paste what this command prints:",
        command: "newslint token", problem, status });
  }
  if (isProblem) {
    const text = typeof body.detail === "string" && body.detail ? body.detail
      : typeof body.title === "string" ? body.title : problem;
    const detail = text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX - 1)}…` : text;
    const title = typeof body.title === "string" && body.title ? body.title.slice(0, 120) : "The analysis failed";
    return new Failure("problem", title, detail, { problem, status,
        action: status >= 500 ? "Try again; if it keeps failing, the server's log says why." : "" });
  }
  return new Failure("bad-response", "The analysis failed",
    `The server answered with status ${status} and no explanation.`,
    { status, action: "Check that the address in Options is newslint's." });
}

/**
 * POST /v1/analyze with the page's blocks: the response, and the id the server kept the
 * analysis under in its history (null when it could not keep it).
 * A busy server (all analysis slots taken) says when to retry; it is retried twice.
 */
export async function analyze(settings, page) {
  for (let attempt = 0; ; attempt++) {
    const response = await request(settings, "/v1/analyze", {
      method: "POST", body: page, timeout: ANALYZE_TIMEOUT_MS,
    });
    const body = await readJson(response);
    if (response.status === 503 && body?.type === "urn:newslint:problem:server-busy" && attempt < BUSY_RETRIES) {
      const seconds = Number.parseFloat(response.headers.get("Retry-After")) || 1;
      await sleep(Math.min(seconds, 10) * 1000);
      continue;
    }
    if (!response.ok) throw failureFromResponse(response.status, body, settings);
    if (!body || !Array.isArray(body.annotations)) {
      throw new Failure("bad-response", "The analysis failed",
        "The server's answer is not a newslint analysis.", { status: response.status });
    }
    const kept = Number.parseInt(response.headers.get("X-Newslint-History-Id"), 10);
    return { body, historyId: Number.isInteger(kept) ? kept : null };
  }
}

async function getJson(settings, path, { method = "GET", body } = {}) {
  const response = await request(settings, path, { method, body, timeout: HEALTH_TIMEOUT_MS });
  const answer = await readJson(response);
  if (!response.ok) throw failureFromResponse(response.status, answer, settings);
  return answer;
}

/**
 * A one-time link into the history UI at the page of this analysis.
 * The server answers the analysis id; the UI addresses a page (`#/page/P/run/A`), so the
 * page is looked up among the most recent pages of the same site.
 */
export async function historyLink(settings, { historyId, url }) {
  let hash = "#/";
  if (historyId) {
    let site = "";
    try {
      site = new URL(url).hostname.toLowerCase();
    } catch {
      // No address: search every site.
    }
    const query = new URLSearchParams({ sort: "recent", limit: "100" });
    if (site) query.set("site", site);
    const list = await getJson(settings, `/v1/history/pages?${query}`);
    const page = (list?.items || []).find((item) => item.analysis_id === historyId);
    if (page) hash = `#/page/${page.id}/run/${historyId}`;
  }
  const ticket = await getJson(settings, "/v1/history/ticket", { method: "POST", body: {} });
  if (!ticket || typeof ticket.open !== "string" || !ticket.open.startsWith("/history/open?")) {
    throw new Failure("bad-response", "The history could not be opened",
      "The server's answer is not a newslint history ticket.");
  }
  // The server redirects /history/open to /history; the browser carries the fragment over.
  return serverBase(settings) + ticket.open + hash;
}

/** Is the token accepted? Any token-checked path answers 401 without it; nothing is changed. */
export async function checkPairing(settings) {
  const health = await checkServer(settings);
  await getJson(settings, "/v1/history/stats");
  return health;
}

export function describe(error) {
  if (error instanceof Failure) return error.toJSON();
  return new Failure("bad-response", "Something went wrong", String(error?.message || error)).toJSON();
}
