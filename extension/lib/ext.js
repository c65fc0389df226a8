// The only module that touches the browser's extension API (chrome.* / browser.*).
// Every surface (service worker, popup, options) goes through it, so the differences
// between Chromium and Firefox live in one place. The content script touches no
// extension API at all: the service worker calls into it with scripting.executeScript.

const api = globalThis.browser ?? globalThis.chrome;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Errors that mean "the service worker is not there yet": it may be stopped at any time
// and is restarted by the message itself, so the first try can miss it.
const NOT_LISTENING = /Receiving end does not exist|Could not establish connection|message port closed/i;

/** Send a message to the service worker; retry while it is starting. */
export async function send(message, { tries = 5 } = {}) {
  let lastError;
  for (let attempt = 0; attempt < tries; attempt++) {
    try {
      return await api.runtime.sendMessage(message);
    } catch (error) {
      lastError = error;
      if (!NOT_LISTENING.test(String(error?.message || error))) break;
      await sleep(100 * (attempt + 1));
    }
  }
  throw lastError;
}

/**
 * Listen for messages; `handle(message, sender)` returns a promise of the answer.
 * sendResponse + `return true` rather than returning the promise: both browsers
 * support it, only newer ones support the promise.
 */
export function onMessage(handle) {
  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    Promise.resolve()
      .then(() => handle(message, sender))
      .then(sendResponse, (error) => sendResponse({ error: { code: "bad-response", title: "Something went wrong", detail: String(error?.message || error) } }));
    return true;
  });
}

export function onInstalled(listener) {
  api.runtime.onInstalled.addListener((details) => listener(details.reason));
}

export function onCommand(listener) {
  api.commands.onCommand.addListener(listener);
}

export function onTabLoading(listener) {
  // Only `status` is read: it needs no "tabs" permission (the URL would).
  api.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === "loading") listener(tabId);
  });
}

export function onTabRemoved(listener) {
  api.tabs.onRemoved.addListener((tabId) => listener(tabId));
}

export async function activeTabId() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

export async function openTab(url) {
  await api.tabs.create({ url });
}

export function openOptions() {
  return api.runtime.openOptionsPage();
}

export const local = {
  get: (keys) => api.storage.local.get(keys),
  set: (items) => api.storage.local.set(items),
};

// Per-tab results live in session storage: gone when the browser closes, never on disk,
// and kept while the service worker sleeps. Content scripts cannot read it (the default
// access level is trusted contexts only).
const sessionArea = api.storage.session ?? api.storage.local;
export const session = {
  get: (keys) => sessionArea.get(keys),
  set: (items) => sessionArea.set(items),
  remove: (keys) => sessionArea.remove(keys),
};

export function onSessionChanged(listener) {
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "session" || (area === "local" && !api.storage.session)) listener(changes);
  });
}

export async function setBadge(tabId, text, color) {
  try {
    await api.action.setBadgeText({ tabId, text });
    if (color) await api.action.setBadgeBackgroundColor({ tabId, color });
    if (color && api.action.setBadgeTextColor) await api.action.setBadgeTextColor({ tabId, color: "#ffffff" });
  } catch {
    // The tab was closed meanwhile.
  }
}

/** The button's tooltip for one tab; no title means the manifest's own. */
export async function setTitle(tabId, title) {
  try {
    await api.action.setTitle({ tabId, title: title || api.runtime.getManifest().action.default_title });
  } catch {
    // The tab was closed meanwhile.
  }
}

export class RestrictedPage extends Error {}

function unwrap(result) {
  if (result && result.error) throw new Error(String(result.error?.message || result.error));
  return result?.result;
}

function restricted(error) {
  // Chromium: "Cannot access contents of url …", "Cannot access a chrome:// URL",
  // "The extensions gallery cannot be scripted"; Firefox: "Missing host permission for the tab".
  const text = String(error?.message || error);
  if (/cannot access|cannot be scripted|missing host permission|no tab with id|invalid tab|frame with id 0/i.test(text)) {
    return new RestrictedPage(text);
  }
  return error;
}

/** Run `func(...args)` in the tab's content-script world; its (awaited) result. */
export async function inTab(tabId, func, args = []) {
  try {
    const [result] = await api.scripting.executeScript({ target: { tabId }, func, args });
    return unwrap(result);
  } catch (error) {
    throw restricted(error);
  }
}

export async function injectFiles(tabId, files) {
  try {
    await api.scripting.executeScript({ target: { tabId }, files });
  } catch (error) {
    throw restricted(error);
  }
}

export async function insertCSS(tabId, files) {
  try {
    await api.scripting.insertCSS({ target: { tabId }, files });
  } catch (error) {
    throw restricted(error);
  }
}

export async function removeCSS(tabId, files) {
  try {
    await api.scripting.removeCSS({ target: { tabId }, files });
  } catch {
    // Nothing to remove, or the tab is gone.
  }
}

/**
 * Keep the service worker alive until `promise` settles. Chromium stops an idle worker
 * after 30 s, and a long analysis (a huge page) is one fetch with no events in between;
 * any extension API call resets the idle timer.
 */
export async function whileAlive(promise) {
  const timer = setInterval(() => api.runtime.getPlatformInfo(), 20000);
  try {
    return await promise;
  } finally {
    clearInterval(timer);
  }
}

export function extensionUrl(path) {
  return api.runtime.getURL(path);
}

export function ownId() {
  return api.runtime.id;
}

export function manifestVersion() {
  return api.runtime.getManifest().version;
}

/**
 * Is the sender one of the extension's own pages (popup, options), even when opened in a
 * tab? Content scripts, web pages and other extensions are not.
 */
export function isOwnPage(sender) {
  const own = api.runtime.getURL("");
  const url = String(sender?.url || "");
  const origin = String(sender?.origin || "");
  return sender?.id === api.runtime.id && url.startsWith(own) && (!origin || own.startsWith(origin));
}

// The host permissions the manifest asks for. Firefox may leave them ungranted until the
// user allows them; without them the worker's fetch would be subject to CORS and fail.
export function hostPermissions() {
  return api.runtime.getManifest().host_permissions || [];
}

export async function hasHostPermissions() {
  try {
    return await api.permissions.contains({ origins: hostPermissions() });
  } catch {
    return true;
  }
}

/** Must be called straight from a click handler (the browser asks the user). */
export function requestHostPermissions() {
  return api.permissions.request({ origins: hostPermissions() });
}

// --- native messaging: the newslint app's helper, which starts the server and pairs ------

/** The host's name in its manifest (shared/extension_ids.py's NATIVE_HOST_NAME). */
export const NATIVE_HOST = "org.newslint.host";

/** Why the host could not be reached, in terms the popup can explain. */
export class NativeUnavailable extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason; // not-installed | forbidden | failed | unsupported
  }
}

/** One message to the host (the browser starts it, and ends it after the answer). */
export async function sendNative(message) {
  if (typeof api.runtime.sendNativeMessage !== "function") {
    throw new NativeUnavailable("unsupported", "This browser does not let extensions start programs.");
  }
  try {
    return await api.runtime.sendNativeMessage(NATIVE_HOST, message);
  } catch (error) {
    const text = String(error?.message || error);
    // Chromium: "Specified native messaging host not found."; Firefox: "No such native application …".
    if (/not found|no such native application/i.test(text)) throw new NativeUnavailable("not-installed", text);
    if (/forbidden|not have permission|not allowed/i.test(text)) throw new NativeUnavailable("forbidden", text);
    throw new NativeUnavailable("failed", text);
  }
}

/** The extension's keyboard shortcuts as the browser bound them (empty: not bound). */
export async function commands() {
  try {
    return (await api.commands.getAll()).map(({ name, shortcut, description }) => ({ name, shortcut: shortcut || "", description: description || "" }));
  } catch {
    return [];
  }
}

/** Where the user changes the shortcuts in this browser. */
export function shortcutsPage() {
  return globalThis.browser?.runtime?.getBrowserInfo ? "about:addons (gear menu → Manage Extension Shortcuts)" : "chrome://extensions/shortcuts";
}
