// The Options page: where the server is, pairing with it (its token), what to mark.
// Every change is saved at once; "Save and test" also asks the server whether it takes
// the token, so pairing is confirmed where it is done.

import * as ext from "./lib/ext.js";
import { $, el, show } from "./lib/dom.js";
import { API_VERSION, KINDS, PAINT_MODES, loadSettings, saveSettings } from "./lib/settings.js";

function say(text, kind = "") {
  $("status").textContent = text;
  $("status").className = kind;
}

function fill(settings) {
  $("host").value = settings.host;
  $("port").value = String(settings.port);
  $("token").value = settings.token;
  $("kinds").replaceChildren(...Object.entries(KINDS).map(([kind, info]) => {
    const dot = el("span", { className: "dot" });
    dot.style.background = info.colour;
    return el("label", { className: "kind" },
      el("input", { attrs: { type: "checkbox", name: "kind", value: kind, checked: settings.kinds[kind] !== false } }),
      dot, info.label);
  }));
  $("paint").replaceChildren(...Object.entries(PAINT_MODES).map(([mode, label]) => el("label", { className: "kind" },
    el("input", { attrs: { type: "radio", name: "paint", value: mode, checked: settings.paint === mode } }), label)));
}

function fromForm() {
  const kinds = {};
  for (const box of document.querySelectorAll('input[name="kind"]')) kinds[box.value] = box.checked;
  return {
    host: $("host").value,
    port: Number.parseInt($("port").value, 10),
    // A token pasted with the prompt or a line break around it still pairs.
    token: $("token").value.trim().split(/\s+/).pop() || "",
    kinds,
    paint: document.querySelector('input[name="paint"]:checked')?.value || "auto",
  };
}

async function test(settings) {
  if (!settings.token) {
    say("Not paired yet: paste the token, then Save and test.", "error");
    return;
  }
  say("Testing…");
  const answer = await ext.send({ what: "check-pairing", settings });
  if (answer?.paired) {
    document.body.dataset.paired = "yes";
    say(`Paired with newslint ${answer.version} at ${settings.host}:${settings.port}.`, "ok");
    show("next", true);
  } else {
    document.body.dataset.paired = "no";
    const error = answer?.error || {};
    const fix = [error.action, error.command].filter(Boolean).join(" ");
    say(`${error.title || "Not paired"}: ${error.detail || ""} ${fix}`.trim(), "error");
  }
}

async function checkPermission() {
  show("permission", !(await ext.hasHostPermissions()));
}

function sayAuto(text, kind = "") {
  $("auto-status").textContent = text;
  $("auto-status").className = kind;
}

/** Is the newslint app's helper there? Asked without starting anything. */
async function checkHelper() {
  const hello = await ext.send({ what: "host-hello" });
  document.body.dataset.helper = hello?.available ? "yes" : "no";
  if (hello?.available) {
    sayAuto(`The newslint app (${hello.version}) is installed: a click on the newslint button starts and pairs it.`, "ok");
    if ((await loadSettings()).token) $("pair-auto").textContent = "Pair again";
  } else {
    sayAuto(hello?.help || "newslint cannot start by itself here: pair by hand below.", "error");
  }
}

async function pairAutomatically() {
  sayAuto("Starting newslint and pairing…");
  const answer = await ext.send({ what: "pair-host" });
  if (answer?.paired) {
    const settings = await loadSettings();
    fill(settings);
    document.body.dataset.paired = "yes";
    sayAuto(`Paired with newslint ${answer.version} at ${settings.host}:${settings.port}, by itself.`, "ok");
    show("next", true);
  } else {
    const error = answer?.error || {};
    sayAuto([error.title, error.detail, error.native || error.action].filter(Boolean).join(": "), "error");
  }
}

async function showShortcuts() {
  const answer = await ext.send({ what: "commands" });
  const names = { _execute_action: "Open newslint and mark the page", "mark-page": "Mark the page without opening newslint" };
  $("shortcuts").replaceChildren(...(answer?.commands || []).map((command) => el("li", { attrs: { "data-command": command.name } },
    command.shortcut ? el("kbd", { text: command.shortcut }) : el("span", { className: "hint", text: "not set" }),
    ` ${names[command.name] || command.description}`)));
  $("shortcuts-where").textContent = `Change them at ${answer?.page || "chrome://extensions/shortcuts"}.`;
  const open = (answer?.commands || []).find((command) => command.name === "_execute_action");
  $("next-shortcut").textContent = open?.shortcut ? ` (or press ${open.shortcut})` : "";
}

async function main() {
  const settings = await loadSettings();
  fill(settings);
  $("version").textContent = `Extension ${ext.manifestVersion()}, speaks the server's API ${API_VERSION}.`;
  $("form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const saved = await saveSettings({ ...fromForm(), pairedBy: "manual" });
    $("token").value = saved.token;
    await test(saved);
  });
  $("form").addEventListener("change", async (event) => {
    if (event.target.name !== "kind" && event.target.name !== "paint") return;
    await saveSettings(fromForm());
    say("Saved.", "ok");
  });
  $("reveal-token").addEventListener("click", () => {
    const hidden = $("token").type === "password";
    $("token").type = hidden ? "text" : "password";
    $("reveal-token").textContent = hidden ? "Hide" : "Show";
    $("reveal-token").setAttribute("aria-pressed", String(hidden));
  });
  $("grant").addEventListener("click", () => {
    // Straight from the click: the browser asks the user only inside a user gesture.
    ext.requestHostPermissions().then(checkPermission, checkPermission);
  });
  $("pair-auto").addEventListener("click", pairAutomatically);
  await checkPermission();
  await showShortcuts();
  document.body.dataset.ready = "yes";
  checkHelper();
  if (settings.token) await test(settings);
}

main();
