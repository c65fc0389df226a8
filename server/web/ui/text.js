// Page text into the DOM, safely. Everything a page said (titles, paragraphs, URLs,
// messages quoting it) is hostile input: it only ever becomes text nodes
// (textContent / createTextNode), never markup: no HTML parsing sink anywhere in this UI.

/** An element with optional classes and text; text goes in as text, never as HTML. */
export function el(tag, { className, text, attrs } = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs ?? {})) node.setAttribute(name, String(value));
  return node;
}

/** A link only for http(s) addresses; anything else (javascript:, data:) stays text. */
export function safeLink(url, text) {
  let parsed = null;
  try { parsed = new URL(String(url)); } catch { parsed = null; }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    return el('span', { className: 'url', text: text ?? url ?? '' });
  }
  const link = el('a', { className: 'url', text: text ?? parsed.href });
  link.href = parsed.href;
  link.rel = 'noopener noreferrer nofollow';
  link.target = '_blank';
  return link;
}

/**
 * Split `text` into runs at annotation boundaries. Offsets are Unicode code points
 * (the API's unit), so the text is indexed as an array of code points, not UTF-16.
 * `spans` are {start, end, id, kind, role}; returns [{text, spans: [...]}].
 */
export function segments(text, spans) {
  const points = Array.from(String(text));
  const cuts = new Set([0, points.length]);
  const clean = [];
  for (const span of spans) {
    const start = Math.max(0, Math.min(points.length, Number(span.start) | 0));
    const end = Math.max(start, Math.min(points.length, Number(span.end) | 0));
    if (end > start) { clean.push({ ...span, start, end }); cuts.add(start); cuts.add(end); }
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < sorted.length; i += 1) {
    const [from, to] = [sorted[i], sorted[i + 1]];
    out.push({
      text: points.slice(from, to).join(''),
      spans: clean.filter((s) => s.start <= from && s.end >= to),
    });
  }
  return out;
}

/** A block's text with its findings marked: <mark> elements around text nodes. */
export function markedText(container, text, spans, onActivate) {
  for (const part of segments(text, spans)) {
    if (!part.spans.length) { container.append(document.createTextNode(part.text)); continue; }
    const own = part.spans.filter((s) => s.role === 'self');
    const mark = el('mark', { text: part.text });
    const kinds = new Set(part.spans.map((s) => s.kind));
    mark.className = ['finding', ...[...kinds].map((k) => `kind-${cssName(k)}`),
      own.length ? 'self' : 'related'].join(' ');
    mark.dataset.annotations = [...new Set(part.spans.map((s) => s.id))].join(' ');
    if (onActivate) mark.addEventListener('click', () => onActivate(part.spans[0].id));
    container.append(mark);
  }
}

/** Only letters, digits and dashes: a finding type from the server becomes a class name. */
export function cssName(value) {
  return String(value).toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** A search snippet from the server: matched words between \u0002 and \u0003. */
export function snippet(container, value) {
  const parts = String(value).split(/([\u0002\u0003])/);
  let inside = false;
  for (const part of parts) {
    if (part === '\u0002') { inside = true; continue; }
    if (part === '\u0003') { inside = false; continue; }
    if (!part) continue;
    container.append(inside ? el('mark', { className: 'match', text: part })
      : document.createTextNode(part));
  }
}
