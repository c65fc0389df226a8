// The extension's settings: one table of defaults, normalised on every read, so a value
// written by an older version (or by hand in the devtools) can never break a surface.

import { local } from "./ext.js";

export const API_VERSION = "v1";
export const DEFAULT_PORT = 8877;

// One colour per kind of finding: the page's highlights (content/page.css), the popup
// and the options page use the same ones.
export const KINDS = {
  // label: the popup's heading; card: one finding's title; one/many: how findings are
  // counted ("6 repeats": paragraph 9 may re-tell two earlier ones, each a finding).
  duplicate: { label: "Repeated paragraphs", card: "Repeated paragraph", one: "repeat", many: "repeats", colour: "#f4b400" },
  date_conflict: { label: "Date conflicts", card: "Date conflict", one: "date conflict", many: "date conflicts", colour: "#e63946" },
};

export const PAINT_MODES = {
  auto: "Highlights (the page's text is never changed)",
  overlay: "Boxes over the text (for pages where highlights do not show)",
};

export const DEFAULTS = {
  host: "127.0.0.1",
  port: DEFAULT_PORT,
  token: "",
  kinds: { duplicate: true, date_conflict: true },
  paint: "auto",
  // "host": paired by the newslint app's helper (native messaging); "manual": in Options.
  pairedBy: "",
};

// The extension may only talk to the local server (its host permissions say so).
export const HOSTS = ["127.0.0.1", "localhost"];

export function normalise(stored = {}) {
  const host = HOSTS.includes(stored.host) ? stored.host : DEFAULTS.host;
  const port = Number.parseInt(stored.port, 10);
  const kinds = { ...DEFAULTS.kinds };
  for (const [kind, on] of Object.entries(stored.kinds || {})) kinds[kind] = on !== false;
  return {
    host,
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULTS.port,
    token: typeof stored.token === "string" ? stored.token.trim() : "",
    kinds,
    paint: stored.paint in PAINT_MODES ? stored.paint : DEFAULTS.paint,
    pairedBy: stored.pairedBy === "host" || stored.pairedBy === "manual" ? stored.pairedBy : "",
  };
}

export function serverBase(settings) {
  return `http://${settings.host}:${settings.port}`;
}

/** Kinds the server may send that this extension has no label for are shown, not hidden. */
export function kindLabel(type, count = 2) {
  const kind = KINDS[type];
  if (!kind) return String(type).replace(/_/g, " ");
  return count === 1 ? kind.one : kind.many;
}

export async function loadSettings() {
  return normalise(await local.get(Object.keys(DEFAULTS)));
}

export async function saveSettings(changes) {
  const next = normalise({ ...(await loadSettings()), ...changes });
  await local.set(next);
  return next;
}
