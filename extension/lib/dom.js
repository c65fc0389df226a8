// Building the popup's and the options page's DOM. Page and server text (titles,
// messages, problem details) is untrusted: it only ever becomes textContent, never HTML.

/**
 * el("li", {className: "x", text: "…", attrs: {…}, on: {click}}, child, …)
 * Children are nodes or strings (strings become text nodes).
 */
export function el(tag, options = {}, ...children) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs || {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const [type, listener] of Object.entries(options.on || {})) node.addEventListener(type, listener);
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

export const $ = (id) => document.getElementById(id);

export function show(id, visible) {
  $(id).hidden = !visible;
}
