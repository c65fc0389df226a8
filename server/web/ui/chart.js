// Small inline SVG charts built with DOM APIs (no library, no CDN, no markup strings).

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function kindClass(kind) {
  return `bar kind-${String(kind).toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}

/** Stacked bars: findings per day analysed, one colour per kind. */
export function byDay(container, days, kinds, label) {
  container.replaceChildren();
  const shown = days.slice(-45);
  if (!shown.length) { container.append(empty()); return; }
  const width = 640;
  const height = 160;
  const pad = { left: 34, bottom: 22, top: 8 };
  const max = Math.max(1, ...shown.map((d) => d.findings || 0));
  const step = Math.min(48, (width - pad.left) / shown.length);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart-svg' });
  root.append(svg('title', {}, label));
  const plot = height - pad.bottom - pad.top;
  root.append(svg('text', { x: pad.left - 6, y: pad.top + 10, class: 'axis', 'text-anchor': 'end' }, max));
  root.append(svg('text', { x: pad.left - 6, y: height - pad.bottom, class: 'axis', 'text-anchor': 'end' }, 0));
  root.append(svg('line', { x1: pad.left, x2: width, y1: height - pad.bottom, y2: height - pad.bottom, class: 'baseline' }));
  shown.forEach((day, i) => {
    let y = height - pad.bottom;
    const x = pad.left + i * step + step * 0.15;
    const group = svg('g');
    group.append(svg('title', {}, `${day.day}: ${day.findings} findings on ${day.pages} pages`));
    for (const kind of kinds) {
      const n = (day.counts || {})[kind] || 0;
      if (!n) continue;
      const h = (n / max) * plot;
      y -= h;
      group.append(svg('rect', { x, y, width: Math.max(1, step * 0.7), height: h, class: kindClass(kind) }));
    }
    if (!day.findings) {
      group.append(svg('rect', { x, y: y - 1.5, width: Math.max(1, step * 0.7), height: 1.5, class: 'bar none' }));
    }
    root.append(group);
    if (i === 0 || i === shown.length - 1 || (shown.length > 8 && i === Math.floor(shown.length / 2))) {
      root.append(svg('text', { x: x + step * 0.35, y: height - 6, class: 'axis', 'text-anchor': 'middle' }, day.day.slice(5)));
    }
  });
  container.append(root, legend(kinds));
}

/** Horizontal bars: findings per site (the sites with the most first). */
export function bySite(container, sites, label) {
  container.replaceChildren();
  if (!sites.length) { container.append(empty()); return; }
  const row = 20;
  const width = 640;
  const labelWidth = 220;
  const height = sites.length * row + 4;
  const max = Math.max(1, ...sites.map((s) => s.findings || 0));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'chart-svg' });
  root.append(svg('title', {}, label));
  sites.forEach((site, i) => {
    const y = i * row + 2;
    const name = site.site || 'local files';
    const group = svg('g');
    group.append(svg('title', {}, `${name}: ${site.findings} findings on ${site.pages} pages`));
    group.append(svg('text', { x: labelWidth - 8, y: y + 14, class: 'axis', 'text-anchor': 'end' },
      name.length > 30 ? `${name.slice(0, 29)}…` : name));
    const w = ((site.findings || 0) / max) * (width - labelWidth - 50);
    group.append(svg('rect', { x: labelWidth, y: y + 3, width: Math.max(1, w), height: row - 6, class: 'bar site' }));
    group.append(svg('text', { x: labelWidth + w + 6, y: y + 14, class: 'axis' }, site.findings || 0));
    root.append(group);
  });
  container.append(root);
}

function legend(kinds) {
  const list = document.createElement('ul');
  list.className = 'legend';
  for (const kind of kinds) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch ${kindClass(kind)}`;
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, document.createTextNode(` ${kind.replace(/_/g, ' ')}`));
    list.append(item);
  }
  return list;
}

function empty() {
  const p = document.createElement('p');
  p.className = 'empty';
  p.textContent = 'Nothing to chart yet.';
  return p;
}
