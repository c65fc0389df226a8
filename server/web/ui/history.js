// The history UI: a list of analysed pages (search, filters, charts, delete, export)
// and one page with its findings highlighted. Talks only to this server's /v1/history
// API with a UI session: the cookie the server set when this tab redeemed its one-time
// ticket, and the session key that exchange answered (kept in this tab's sessionStorage,
// sent as X-Newslint-Session). The page never holds the token; the pairing dialog asks
// for it with the session (see server/web/pairing.py).
// Page data only ever enters the DOM through text.js (text nodes, never markup).

import { byDay, bySite } from './chart.js';
import { cssName, el, markedText, safeLink, snippet } from './text.js';

const SESSION_KEY = 'newslint-session';
let SESSION = sessionStorage.getItem(SESSION_KEY) ?? '';
const KNOWN_KINDS = ['duplicate', 'date_conflict'];
const KIND_LABELS = { duplicate: 'Duplicates', date_conflict: 'Date conflicts' };
const ROLE_LABELS = { twin: 'Twin', other: 'Other date', other_date: 'Other date' };
const PAGE_SIZE = 50;

const $ = (id) => document.getElementById(id);
const state = { offset: 0, total: 0, kinds: [...KNOWN_KINDS], selected: new Set(), items: [], page: null };

class Problem extends Error {
  constructor(detail, status) { super(detail); this.status = status; }
}

async function api(path, options = {}) {
  const headers = { 'X-Newslint-Session': SESSION };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { ...options, headers, credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try { detail = (await response.json()).detail || detail; } catch { /* not JSON */ }
    throw new Problem(detail, response.status);
  }
  return response;
}

function say(message, kind = 'info') {
  const status = $('status');
  status.textContent = message;
  status.dataset.kind = kind;
}

function countText(n, kind) {
  const label = kindLabel(kind).toLowerCase();
  return `${n} ${n === 1 ? label.replace(/s$/, '') : label}`;
}

function kindLabel(kind) {
  return KIND_LABELS[kind] ?? String(kind).replace(/_/g, ' ');
}

function when(iso) {
  const date = new Date(iso);
  const node = el('time', { text: Number.isNaN(date.getTime()) ? iso : date.toLocaleString() });
  node.dateTime = iso;
  return node;
}

// --- the list -----------------------------------------------------------------------------

function filterParams({ withPaging = false } = {}) {
  const form = new FormData($('filters'));
  const params = new URLSearchParams();
  for (const name of ['q', 'site', 'kind', 'since', 'until']) {
    const value = String(form.get(name) ?? '').trim();
    if (value) params.set(name, value);
  }
  if (withPaging) {
    params.set('sort', String(form.get('sort') || 'recent'));
    params.set('limit', String(PAGE_SIZE));
    params.set('offset', String(state.offset));
  }
  return params;
}

let listRequest = 0;

async function loadList() {
  const started = performance.now();
  const mine = ++listRequest;
  document.body.dataset.state = 'loading';
  try {
    const [list, stats] = await Promise.all([
      api(`/v1/history/pages?${filterParams({ withPaging: true })}`).then((r) => r.json()),
      api(`/v1/history/stats?${filterParams()}`).then((r) => r.json()),
    ]);
    if (mine !== listRequest) return;
    state.kinds = [...new Set([...KNOWN_KINDS, ...(stats.kinds ?? [])])];
    renderFacets(stats);
    renderList(list);
    renderCharts(stats);
    if ($('status').dataset.kind === 'error') say('');
    const ms = performance.now() - started;
    document.body.dataset.listMs = ms.toFixed(1);
    document.body.dataset.state = 'ready';
  } catch (error) {
    if (mine !== listRequest) return;
    say(error.message, 'error');
    document.body.dataset.state = 'error';
  }
}

function renderFacets(stats) {
  const select = $('site');
  const current = select.value;
  const options = [el('option', { text: 'All sites', attrs: { value: '' } })];
  for (const { site, pages } of stats.sites ?? []) {
    const option = el('option', { text: `${site || 'local files'} (${pages})` });
    option.value = site;
    options.push(option);
  }
  select.replaceChildren(...options);
  select.value = current;
  const kind = $('kind');
  for (const k of state.kinds) {
    if (![...kind.options].some((o) => o.value === k)) {
      const option = el('option', { text: `With ${kindLabel(k).toLowerCase()}` });
      option.value = k;
      kind.insertBefore(option, kind.lastElementChild);
    }
  }
}

function renderList(list) {
  state.total = list.total;
  state.items = list.items;
  const head = $('pages-head');
  const columns = ['', 'Page', 'Site', 'Last analysed', 'Runs', ...state.kinds.map(kindLabel)];
  head.replaceChildren(...columns.map((text, i) => {
    const th = el('th', { text, attrs: { scope: 'col' } });
    if (i === 0) th.append(el('span', { className: 'visually-hidden', text: 'Select' }));
    if (i >= 4) th.className = 'num';
    return th;
  }));
  const body = $('pages-body');
  const rows = list.items.map((item) => pageRow(item));
  if (!rows.length) {
    const td = el('td', { className: 'empty', text: filterParams().toString()
      ? 'No analysed page matches these filters.'
      : 'No page analysed yet. Pages you check with the extension or `newslint check` appear here.' });
    td.colSpan = columns.length;
    const tr = el('tr');
    tr.append(td);
    rows.push(tr);
  }
  body.replaceChildren(...rows);
  const from = list.total ? list.offset + 1 : 0;
  const to = list.offset + list.items.length;
  $('summary').textContent = `${list.total.toLocaleString()} page${list.total === 1 ? '' : 's'}`
    + (list.total ? `; showing ${from.toLocaleString()}–${to.toLocaleString()}` : '');
  $('page-position').textContent = list.total ? `${from}–${to} of ${list.total.toLocaleString()}` : '';
  $('prev-page').disabled = list.offset === 0;
  $('next-page').disabled = to >= list.total;
  updateSelection();
}

function pageRow(item) {
  const tr = el('tr');
  tr.dataset.pageId = item.id;
  const box = el('input', { attrs: { type: 'checkbox' } });
  box.checked = state.selected.has(item.id);
  box.setAttribute('aria-label', `Select ${item.title}`);
  box.addEventListener('change', () => {
    if (box.checked) state.selected.add(item.id); else state.selected.delete(item.id);
    updateSelection();
  });
  const selectCell = el('td');
  selectCell.append(box);
  const titleCell = el('td', { className: 'title' });
  const link = el('a', { className: 'page-link', text: item.title || item.url || 'Untitled page' });
  link.href = `#/page/${item.id}`;
  titleCell.append(link);
  if (item.snippet) {
    const p = el('p', { className: 'snippet' });
    snippet(p, item.snippet);
    titleCell.append(p);
  } else if (item.url) {
    titleCell.append(el('p', { className: 'url-line', text: item.url }));
  }
  const cells = [selectCell, titleCell, el('td', { text: item.site || 'local file' })];
  const whenCell = el('td');
  whenCell.append(when(item.last_analyzed));
  cells.push(whenCell, el('td', { className: 'num', text: item.runs }));
  for (const kind of state.kinds) {
    const n = item.counts?.[kind] ?? 0;
    const td = el('td', { className: `num count ${n ? `has kind-${cssName(kind)}` : 'zero'}`, text: n });
    cells.push(td);
  }
  tr.append(...cells);
  return tr;
}

function updateSelection() {
  const n = state.selected.size;
  $('delete-selected').disabled = n === 0;
  $('delete-selected').textContent = n ? `Delete ${n} selected` : 'Delete selected';
  const shown = state.items.map((i) => i.id);
  $('select-all').checked = shown.length > 0 && shown.every((id) => state.selected.has(id));
}

function renderCharts(stats) {
  const days = stats.by_day ?? [];
  const total = days.reduce((sum, d) => sum + (d.findings || 0), 0);
  const dayLabel = `Findings by day analysed: ${total} findings over ${days.length} days`;
  byDay($('chart-by-day'), days, state.kinds, dayLabel);
  const sites = stats.by_site ?? [];
  bySite($('chart-by-site'), sites, `Findings per site, ${sites.length} sites with the most findings`);
}

// --- one page -----------------------------------------------------------------------------

async function loadPage(pageId, runId) {
  document.body.dataset.state = 'loading';
  try {
    const query = runId ? `?analysis=${encodeURIComponent(runId)}` : '';
    const page = await (await api(`/v1/history/pages/${encodeURIComponent(pageId)}${query}`)).json();
    state.page = page;
    renderPage(page);
    document.body.dataset.state = 'page-ready';
  } catch (error) {
    say(error.message, 'error');
    document.body.dataset.state = 'error';
  }
}

function renderPage(page) {
  const { analysis } = page;
  const response = analysis.response ?? {};
  const meta = response.page ?? {};
  $('page-title').textContent = page.title || page.url || 'Untitled page';
  document.title = `${page.title || 'Page'} — newslint history`;
  const line = $('page-meta');
  line.replaceChildren();
  if (page.url) line.append(safeLink(page.url), document.createTextNode(' · '));
  line.append(document.createTextNode(`analysed `), when(analysis.analyzed_at),
    document.createTextNode(` by newslint ${analysis.engine_version}`
      + (meta.words ? ` · ${meta.words} words` : '')
      + (meta.language ? ` · language ${meta.language}` : '')
      + (meta.published ? ` · published ${meta.published}` : '')));
  // What the analysis could not do (another language, a page past the paragraph cap):
  // without it a page checked only in part reads as a clean page.
  const notices = (response.notices ?? []).map((n) => String(n?.message ?? '')).filter(Boolean);
  $('page-notices').replaceChildren(...notices.map((text) => el('li', { text })));
  $('page-notices').hidden = notices.length === 0;

  const blocks = analysis.blocks ?? [];
  const index = new Map(blocks.map((b, i) => [String(b.id), i]));
  state.labels = readerLabels(blocks);
  const spans = new Map();
  const add = (block, span) => {
    const key = String(block);
    if (!spans.has(key)) spans.set(key, []);
    spans.get(key).push(span);
  };
  const annotations = response.annotations ?? [];
  for (const a of annotations) {
    add(a.block, { id: a.id, kind: a.type, role: 'self', start: a.start, end: a.end });
    for (const r of a.related ?? []) add(r.block, { id: a.id, kind: a.type, role: 'related', start: r.start, end: r.end });
  }
  const recycled = new Map((page.recycled ?? []).map((r) => [String(r.block), r.appears_on ?? []]));
  const article = $('article');
  article.replaceChildren(...blocks.map((block, i) => {
    const wrap = el('div', { className: 'block' });
    wrap.id = `block-${i + 1}`;
    const heading = /^(h[1-6]|title)$/.test(String(block.kind));
    const label = state.labels[i];
    wrap.append(el('span', { className: 'num', text: label.short, attrs: { 'aria-label': label.long } }));
    const body = el(heading ? 'h3' : 'p', { className: heading ? 'block-text heading' : 'block-text' });
    markedText(body, block.text ?? '', spans.get(String(block.id)) ?? [], (id) => selectFinding(id));
    wrap.append(body);
    const elsewhere = recycled.get(String(block.id));
    if (elsewhere) wrap.append(recycledNote(elsewhere));
    return wrap;
  }));

  const list = $('findings');
  list.replaceChildren(...annotations.map((a) => findingItem(a, index)));
  if (!annotations.length) list.append(el('li', { className: 'empty', text: 'No findings on this page.' }));

  renderRuns(page);
  renderChanges(page);
  renderTimeline(response.timeline ?? [], index);
}

// "This paragraph also appeared on example.org, 3 days earlier", each with a link to that page.
function recycledNote(places) {
  const note = el('ul', { className: 'recycled-note', attrs: { 'aria-label': 'This paragraph on other pages' } });
  for (const place of places) {
    const li = el('li');
    const link = el('a', { text: place.site || place.title || place.url || 'another page' });
    link.href = `#/page/${Number(place.page)}`;
    li.append(document.createTextNode('This paragraph also appeared on '), link,
      document.createTextNode(`${place.when ? `, ${place.when}` : ''} (paragraph ${Number(place.paragraph)}${place.match === 'exact' ? ', word for word' : place.match === 'retelling' ? ', re-told' : ''}).`));
    note.append(li);
  }
  return note;
}

const HEADING = /^(h[1-6]|title)$/;

/** Blocks named as a reader counts them (the engine's `Page.label`): headings are not
 *  paragraphs, so "paragraph 3" is the third paragraph on the screen. */
function readerLabels(blocks) {
  const labels = [];
  let paragraphs = 0;
  let headings = 0;
  const headline = blocks.length && /^(h1|title)$/.test(String(blocks.find((b) => HEADING.test(String(b.kind)))?.kind ?? ''));
  for (const block of blocks) {
    if (HEADING.test(String(block.kind))) {
      headings += 1;
      const n = headline ? headings - 1 : headings;
      labels.push(n === 0 ? { short: 'H', long: 'the headline' } : { short: `H${n}`, long: `heading ${n}` });
    } else {
      paragraphs += 1;
      labels.push({ short: `${paragraphs}`, long: `paragraph ${paragraphs}` });
    }
  }
  return labels;
}

function paragraph(index, block) {
  const i = index.get(String(block));
  return i === undefined ? String(block) : (state.labels?.[i]?.long ?? `block ${i + 1}`);
}

/** The sentence pairs that carry a repeat, and the other members of its cluster. */
function repeatEvidence(a, index) {
  const evidence = a.evidence ?? {};
  const box = el('div', { className: 'evidence' });
  const members = (evidence.cluster?.blocks ?? []).filter((b) => String(b) !== String(a.block));
  if (members.length > 1) {
    box.append(el('p', { className: 'cluster', text: `One claim told in ${members.length + 1} paragraphs: ${members.map((b) => paragraph(index, b)).join(', ')} and this one.` }));
  }
  const pairs = evidence.sentences ?? [];
  if (pairs.length) {
    const details = el('details', { className: 'pairs' });
    details.append(el('summary', { text: `${pairs.length} matched sentence${pairs.length === 1 ? '' : 's'}` }));
    for (const pair of pairs) {
      const row = el('div', { className: 'pair' });
      row.append(el('q', { text: pair.sentence?.text ?? '' }), el('span', { className: 'pair-sep', text: ' ≈ ' }),
        el('q', { text: pair.twin?.text ?? '' }), el('span', { className: 'pair-where', text: ` (${paragraph(index, pair.twin?.block)})` }));
      details.append(row);
    }
    box.append(details);
  }
  return box;
}

function findingItem(a, index) {
  const li = el('li', { className: `finding-item kind-${cssName(a.type)}` });
  li.dataset.annotation = a.id;
  li.append(el('span', { className: `badge kind-${cssName(a.type)}`, text: kindLabel(a.type).replace(/s$/, '') }));
  li.append(el('p', { className: 'message', text: a.message }));
  const actions = el('div', { className: 'finding-actions' });
  const show = el('button', { text: `Show in ${paragraph(index, a.block)}`, attrs: { type: 'button' } });
  show.addEventListener('click', () => selectFinding(a.id));
  actions.append(show);
  for (const r of a.related ?? []) {
    const go = el('button', { text: `${ROLE_LABELS[r.role] ?? 'Related'}: ${paragraph(index, r.block)}`, attrs: { type: 'button' } });
    go.addEventListener('click', () => goToBlock(index.get(String(r.block)), a.id, 'related'));
    actions.append(go);
  }
  li.append(actions);
  if (a.type === 'duplicate') li.append(repeatEvidence(a, index));
  return li;
}

function selectFinding(id) {
  const marks = [...document.querySelectorAll('#article mark.finding')];
  for (const m of marks) m.classList.toggle('active', m.dataset.annotations.split(' ').includes(id));
  const target = marks.find((m) => m.classList.contains('active') && m.classList.contains('self'))
    ?? marks.find((m) => m.classList.contains('active'));
  for (const item of document.querySelectorAll('#findings .finding-item')) {
    item.classList.toggle('active', item.dataset.annotation === id);
  }
  if (target) {
    target.tabIndex = -1;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }
}

function goToBlock(i, id, role) {
  if (i === undefined) return;
  const block = $(`block-${i + 1}`);
  if (!block) return;
  const marks = [...block.querySelectorAll('mark.finding')].filter((m) => m.dataset.annotations.split(' ').includes(id));
  for (const m of document.querySelectorAll('#article mark.finding.active')) m.classList.remove('active');
  for (const m of marks) m.classList.add('active');
  const target = marks.find((m) => m.classList.contains(role)) ?? marks[0] ?? block;
  target.tabIndex = -1;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

function renderRuns(page) {
  const list = $('runs');
  const first = page.runs[0]?.id;
  list.replaceChildren(...[...page.runs].reverse().map((run) => {
    const li = el('li');
    const link = el('a', { attrs: { href: `#/page/${page.id}/run/${run.id}` } });
    link.append(when(run.analyzed_at));
    if (run.id === page.analysis.id) link.setAttribute('aria-current', 'page');
    const counts = state.kinds.filter((k) => run.counts?.[k]).map((k) => countText(run.counts[k], k));
    li.append(link, el('span', { className: 'run-counts', text: ` — ${counts.join(', ') || 'no findings'}` }));
    if (run.id !== first && (run.added || run.removed)) {
      li.append(el('span', { className: 'delta', text: ` (+${run.added} new, −${run.removed} gone)` }));
    }
    li.append(el('span', { className: 'engine', text: ` · engine ${run.engine_version}` }));
    return li;
  }));
}

function renderChanges(page) {
  const box = $('changes');
  box.replaceChildren();
  const { changes, previous } = page.analysis;
  if (!previous) {
    box.append(el('p', { className: 'meta', text: page.runs.length > 1 ? 'This is the first analysis of this page.' : 'Analysed once so far.' }));
    return;
  }
  const before = page.runs.find((r) => r.id === previous);
  const intro = el('p', { className: 'meta' });
  intro.append(document.createTextNode('Compared with the analysis of '), when(before?.analyzed_at ?? ''),
    document.createTextNode(`: ${changes.added.length} new, ${changes.removed.length} gone, ${changes.kept} unchanged.`));
  box.append(intro);
  for (const [title, items, cls] of [['New findings', changes.added, 'added'], ['Gone since then', changes.removed, 'removed']]) {
    if (!items.length) continue;
    box.append(el('h4', { text: title }));
    const ul = el('ul', { className: `change-list ${cls}` });
    for (const a of items) ul.append(el('li', { text: a.message }));
    box.append(ul);
  }
}

function renderTimeline(timeline, index) {
  const list = $('timeline');
  list.replaceChildren(...timeline.map((entry) => {
    const li = el('li');
    li.append(el('strong', { className: 'date', text: entry.when ?? entry.date ?? '' }),
      document.createTextNode(` ${entry.label ?? ''} `));
    const seen = new Set();
    for (const m of entry.mentions ?? []) {
      const i = index.get(String(m.block));
      if (i === undefined || seen.has(i)) continue;
      seen.add(i);
      const label = state.labels?.[i] ?? { short: `${i + 1}`, long: `block ${i + 1}` };
      const go = el('button', { className: 'link', text: `¶${label.short}`, attrs: { type: 'button', 'aria-label': `${m.expression ?? ''} in ${label.long}` } });
      go.addEventListener('click', () => { const b = $(`block-${i + 1}`); b.tabIndex = -1; b.scrollIntoView({ block: 'center' }); b.focus({ preventScroll: true }); });
      li.append(go);
    }
    return li;
  }));
  if (!timeline.length) list.append(el('li', { className: 'empty', text: 'No dated events.' }));
}

// --- actions ------------------------------------------------------------------------------

function confirmDialog(text, okLabel) {
  const dialog = $('confirm');
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = okLabel;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    $('confirm-cancel').focus();
  });
}

async function deleteSelected() {
  const ids = [...state.selected];
  if (!ids.length) return;
  if (!await confirmDialog(`Delete ${ids.length} page${ids.length === 1 ? '' : 's'} and every analysis of ${ids.length === 1 ? 'it' : 'them'} from the history?`, 'Delete')) return;
  try {
    const { deleted } = await (await api('/v1/history/pages/delete', { method: 'POST', body: JSON.stringify({ ids }) })).json();
    state.selected.clear();
    say(`Deleted ${deleted} page${deleted === 1 ? '' : 's'}.`);
    await loadList();
  } catch (error) { say(error.message, 'error'); }
}

async function deleteCurrentPage() {
  const page = state.page;
  if (!page) return;
  if (!await confirmDialog(`Delete “${page.title}” and its ${page.runs.length} analyses from the history?`, 'Delete')) return;
  try {
    await api(`/v1/history/pages/${page.id}`, { method: 'DELETE' });
    state.selected.delete(page.id);
    say('Deleted the page.');
    location.hash = '#/';
  } catch (error) { say(error.message, 'error'); }
}

async function rerunCurrentPage() {
  const page = state.page;
  if (!page) return;
  const button = $('rerun');
  button.disabled = true;
  say('Analysing again…');
  try {
    const result = await (await api(`/v1/history/pages/${page.id}/rerun`, { method: 'POST', body: '{}' })).json();
    say(`Analysed again: ${result.added.length} new, ${result.removed.length} gone, ${result.kept} unchanged.`);
    location.hash = `#/page/${page.id}/run/${result.analysis_id}`;
  } catch (error) {
    say(error.message, 'error');
  } finally { button.disabled = false; }
}

/** Exports are ordinary downloads, in a browser and in the desktop window alike (which
 * asks where to save them: it offers page scripts no bridge into Python). */
async function exportHistory(format, params) {
  const query = params.toString();
  try {
    const response = await api(`/v1/history/export?${query}${query ? '&' : ''}format=${format}`);
    const blob = await response.blob();
    const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `newslint-history.${format}`;
    const url = URL.createObjectURL(blob);
    const link = el('a', { attrs: { download: name } });
    link.href = url;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
    // The page cannot know whether a save dialog was then cancelled: say what it did.
    say(`Exported ${name} (${blob.size.toLocaleString()} bytes) as a download.`);
  } catch (error) { say(error.message, 'error'); }
}

// The extension pairs with the token, which this page asks for only when the dialog opens,
// with its session: a browser or window let in to the history is the user's own.
async function showPairing() {
  try {
    const { token } = await (await api('/v1/history/pairing-token', { method: 'POST', body: '{}' })).json();
    $('pair-token').value = token;
  } catch (error) { say(error.message, 'error'); return; }
  $('pair').showModal();
  $('pair-token').select();
}

async function copyToken() {
  $('pair-token').select();
  try {
    await navigator.clipboard.writeText($('pair-token').value);
    say('Token copied: paste it in the extension\'s Options page.');
  } catch {
    say('Select the token and copy it (Ctrl+C).');
  }
}

function listExportParams() {
  if (state.selected.size) return new URLSearchParams({ ids: [...state.selected].join(',') });
  return filterParams();
}

// --- routing and wiring -------------------------------------------------------------------

function route() {
  const match = /^#\/page\/(\d+)(?:\/run\/(\d+))?$/.exec(location.hash);
  $('list-view').hidden = Boolean(match);
  $('page-view').hidden = !match;
  if (match) {
    loadPage(match[1], match[2]);
  } else {
    document.title = 'newslint — history';
    loadList();
  }
  $('main').focus({ preventScroll: true });
}

function debounce(fn, ms) {
  let timer = 0;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function wire() {
  const reload = () => { state.offset = 0; loadList(); };
  $('filters').addEventListener('submit', (event) => { event.preventDefault(); reload(); });
  $('q').addEventListener('input', debounce(() => {
    if ($('q').value.trim() && $('sort').value === 'recent') $('sort').value = 'relevance';
    if (!$('q').value.trim() && $('sort').value === 'relevance') $('sort').value = 'recent';
    reload();
  }, 100));
  for (const id of ['site', 'kind', 'since', 'until', 'sort']) $(id).addEventListener('change', reload);
  $('filters').addEventListener('reset', () => setTimeout(reload, 0));
  $('prev-page').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE_SIZE); loadList(); });
  $('next-page').addEventListener('click', () => { state.offset += PAGE_SIZE; loadList(); });
  $('select-all').addEventListener('change', (event) => {
    for (const item of state.items) {
      if (event.target.checked) state.selected.add(item.id); else state.selected.delete(item.id);
    }
    for (const box of document.querySelectorAll('#pages-body input[type=checkbox]')) box.checked = event.target.checked;
    updateSelection();
  });
  $('delete-selected').addEventListener('click', deleteSelected);
  $('export-jsonl').addEventListener('click', () => exportHistory('jsonl', listExportParams()));
  $('export-csv').addEventListener('click', () => exportHistory('csv', listExportParams()));
  $('rerun').addEventListener('click', rerunCurrentPage);
  $('delete-page').addEventListener('click', deleteCurrentPage);
  $('page-export-jsonl').addEventListener('click', () => exportHistory('jsonl', new URLSearchParams({ ids: state.page?.id ?? '' })));
  $('page-export-csv').addEventListener('click', () => exportHistory('csv', new URLSearchParams({ ids: state.page?.id ?? '' })));
  document.addEventListener('keydown', (event) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement?.tagName ?? '');
    if (event.key === '/' && !typing && !$('list-view').hidden) { event.preventDefault(); $('q').focus(); }
  });
  $('pair-open').addEventListener('click', showPairing);
  $('pair-copy').addEventListener('click', copyToken);
  window.addEventListener('hashchange', route);
}

/** Redeem the one-time ticket this tab was opened with (`/history/open?ticket=…`): the
 * answer sets the session cookie and carries the session key, which only this tab keeps. */
async function openSession() {
  const ticket = new URLSearchParams(location.search).get('ticket');
  if (location.pathname === '/history/open' && ticket) {
    history.replaceState(null, '', '/history' + location.hash);
    const response = await fetch('/history/session', {
      method: 'POST', body: JSON.stringify({ ticket }), credentials: 'same-origin',
      cache: 'no-store', headers: { 'Content-Type': 'application/json' } });
    if (response.ok) {
      SESSION = (await response.json()).session;
      sessionStorage.setItem(SESSION_KEY, SESSION);
    }
  }
  if (!SESSION) {
    document.body.dataset.state = 'locked';
    say('This window was not let in to your history: run `newslint history --open` again.', 'error');
    return false;
  }
  return true;
}

if (await openSession()) {
  wire();
  route();
}
