// content/page.js reads what the server reads: one test per rule the server's extraction
// gained in s22 (server/pages/extraction/markup.py `is_chrome`, `_APPARATUS`; notices.py
// `is_ad_label`, `is_disclosure`, `is_own_promotion`; blocks.py `drop_consent_rows`), each on a page
// whose trap Readability keeps, so that only page.js's own rule can take it away.
//
// Run: `node --test tests/` in extension/ (tests/test_extension_page_rules.py runs it in
// the suite's node tier). Readability.js and page.js run unchanged in a jsdom window, as
// tools/collect-blocks.mjs runs them for `newslint eval extraction`.

import assert from "node:assert/strict";
import { test } from "node:test";
import { collect, texts } from "./collect.mjs";


const HEADLINE = "Council votes to reopen the harbour baths";
const PARAGRAPHS = [
  "The city council voted on Tuesday night to reopen the harbour baths next summer, "
    + "ending a closure that began when the old pumps failed three years ago.",
  "Councillors approved a budget of 2.4 million euros for new pumps, a second changing "
    + "room and a ramp for wheelchair users, with the work to start in February.",
  "Swimmers who had campaigned for the reopening filled the public gallery and cheered "
    + "when the vote was read out, the chair said afterwards.",
  "The baths will open from June to September, and entry will stay free for children "
    + "under twelve, as it was before the closure.",
];

/** The extension's blocks ([kind, text]) of a page whose <article> holds `inside`, put
 * between the article's second and third paragraphs. */
async function read(inside, { before = "", after = "" } = {}) {
  const html = `<!doctype html><html lang=en><head><title>${HEADLINE} | Daily Example</title>`
    + `<meta property="og:title" content="${HEADLINE}"></head><body>${before}<article>`
    + `<h1>${HEADLINE}</h1><p>${PARAGRAPHS[0]}</p><p>${PARAGRAPHS[1]}</p>${inside}`
    + `<p>${PARAGRAPHS[2]}</p><p>${PARAGRAPHS[3]}</p></article>${after}</body></html>`;
  return collect(html, "https://news.example/a");
}


/** The article's own paragraphs are all read, in order (the trap took nothing with it). */
function assertArticle(blocks) {
  assert.deepEqual(texts(blocks).filter((text) => PARAGRAPHS.includes(text)), PARAGRAPHS);
}

// 1. A side column named only by its class or id words ("rightBx", id "right"): the
// server's `_SIDE_COLUMN`, `_SIDE_IDS`. An alignment class ("text-right") is no column.
test("a side column named by its class or id is not read; a right-aligned paragraph is", async () => {
  const letter = "Why is the car deck always full on Fridays? Write to us and tell us how you cross.";
  const note = "Entry to the baths was free for children under twelve until the pumps failed.";
  const blocks = await read(`<div class="rightBx"><p>${letter}</p></div>`
    + `<div id="right"><p>Readers write about the ferry timetable and the new parking rules.</p></div>`
    + `<p class="text-right">${note}</p>`);
  assertArticle(blocks);
  assert.ok(!texts(blocks).some((text) => text.startsWith("Why is the car deck")), texts(blocks));
  assert.ok(!texts(blocks).some((text) => text.startsWith("Readers write about")), texts(blocks));
  assert.ok(texts(blocks).includes(note), texts(blocks));
});

// 2. WordPress's widgets, by whole class word, case as WordPress writes it: the server's
// `_WIDGET`; Blogger's "widget Blog" holds the posts (`_BLOG_POSTS`).
test("a WordPress widget is not read; Blogger's widget of the posts is", async () => {
  const recent = "Recent posts from the harbour: the lighthouse reopens, the ferry runs late again.";
  const blocks = await read(`<section class="widget widget_recent_entries"><p>${recent}</p></section>`);
  assertArticle(blocks);
  assert.ok(!texts(blocks).includes(recent), texts(blocks));
  const blogger = await read("", {
    before: "<div class='widget Blog' id='Blog1'>",
    after: "</div>",
  });
  assertArticle(blogger);
});

// 3. Boxes of keywords and themes: the server's `_CHROME_WORDS` gained "themes", "temas",
// "keywords", "schlagworte".
test("a box of keywords or themes is not read", async () => {
  const keywords = "Harbour baths, city council, public swimming pools, summer in the city";
  const themes = "Temas: piscinas municipales, consejo de la ciudad, verano en el puerto";
  const blocks = await read(`<div class="post-keywords"><p>${keywords}</p></div>`
    + `<div class="temas"><p>${themes}</p></div>`);
  assertArticle(blocks);
  assert.ok(!texts(blocks).includes(keywords) && !texts(blocks).includes(themes), texts(blocks));
});

// 4. A tabbed box's "tab-menu" holds its panels, the article's own text: not a menu (the
// server's `_TAB_MENU`).
test("the panels of a tab menu are read", async () => {
  const panel = "The new pumps move four hundred cubic metres of sea water an hour, twice what the old ones did.";
  const blocks = await read(`<div class="tab-menu" id="tab-content"><div class="tab-panel"><p>${panel}</p></div></div>`);
  assertArticle(blocks);
  assert.ok(texts(blocks).includes(panel), texts(blocks));
});

// 5. A table's sections are its own rows, whatever their class says ("pager-1" names a
// page of the rows): `is_chrome` gives False for tbody, thead and tfoot.
test("a table's rows are read whatever their section's class", async () => {
  const rows = [["Pumps", "1.6 million euros"], ["Changing room", "0.5 million euros"],
    ["Ramp", "0.3 million euros"]];
  const table = "<table><thead class='pager-head'><tr><th>Item</th><th>Cost</th></tr></thead>"
    + "<tbody class='pager-1'>" + rows.map(([a, b]) => `<tr><td>${a}</td><td>${b}</td></tr>`).join("")
    + "</tbody></table>";
  const blocks = await read(table);
  assertArticle(blocks);
  assert.ok(texts(blocks).some((text) => text.includes("Changing room")), texts(blocks));
});

// 6. A shop's short description over its long one is the standfirst: the server's
// standfirst class words gained "article-short", "product-short", "short-description",
// "kurzbeschreibung".
test("a short description is read as the standfirst", async () => {
  const short = "New pumps, a second changing room and a ramp: the baths reopen next June.";
  for (const name of ["product-short", "short-description", "kurzbeschreibung"]) {
    const blocks = await read(`<p class="${name}">${short}</p>`);
    assertArticle(blocks);
    assert.deepEqual(blocks.filter(([, text]) => text === short), [["standfirst", short]], name);
  }
});

// 7. "Anzeigen" is an ad label as "Anzeige" is (the server's `_AD_LABEL`).
test("the label Anzeigen is not read", async () => {
  const blocks = await read("<p>Anzeigen</p>");
  assertArticle(blocks);
  assert.ok(!texts(blocks).includes("Anzeigen"), texts(blocks));
});

// 8. A blog's disclosure of advertising (the server's `is_disclosure`): the opening at the
// start, then a word of what it discloses, in 40 words at most. A budget's "Werbung: …"
// line discloses nothing.
test("a notice of advertising is not read; a budget line on advertising is", async () => {
  const notices = ["*Werbung. Dieser Beitrag enthält Werbung für das Freibad am Hafen.",
    "Dieser Beitrag enthält Affiliate-Links zu Händlern von Badehosen.",
    "[Anzeige] Gesponsert von den Stadtwerken am Hafen."];
  const budget = "Werbung: 2 Mio. Euro gingen in die Kampagne für das neue Bad.";
  const blocks = await read(notices.map((text) => `<p>${text}</p>`).join("") + `<p>${budget}</p>`);
  assertArticle(blocks);
  for (const notice of notices) assert.ok(!texts(blocks).includes(notice), notice);
  assert.ok(texts(blocks).includes(budget), texts(blocks));
});

// 9. The site selling its own edition, newsletter or app (the server's
// `is_own_promotion`): "our"/"unser…" product and a call to act, in 30 words at most. An
// app in the news, or "your" newsletter, is no such line.
test("a call to subscribe to the site's own edition is not read; news of an app is", async () => {
  const promos = ["Subscribe now to our eNATION edition for the full story.",
    "Schauen Sie mal in unseren Musiknewsletter!",
    "Jetzt abonnieren: unsere Hafen-App für alle Badegäste."];
  const news = ["The baths' own app is out now, and swimmers can download it for free.",
    "Swimmers can sign up to your newsletter at the desk, the chair told the council."];
  const blocks = await read([...promos, ...news].map((text) => `<p>${text}</p>`).join(""));
  assertArticle(blocks);
  for (const promo of promos) assert.ok(!texts(blocks).includes(promo), promo);
  for (const line of news) assert.ok(texts(blocks).includes(line), line);
});

// 10. The rows of a cookie declaration, whatever the tool is called (the server's
// `drop_consent_rows`): labels near each other, one naming what is stored or for how long.
// A loan's "Anbieter:" and "Zweck:" are the article's facts.
test("the rows of a cookie declaration are not read; a loan's facts are", async () => {
  const rows = ["Provider: Streamly Video Ltd", "Purpose: Shows embedded videos from the site.",
    "Expiry: 6 months", "Datenschutzerklärung: streamly.example/privacy"];
  const facts = ["Anbieter: Hausbank Nord, the city's own savings bank.",
    "Zweck: the new pumps and the ramp at the harbour baths."];
  const blocks = await read(`<div class="privacy-settings-box">${rows.map((t) => `<p>${t}</p>`).join("")}</div>`);
  assertArticle(blocks);
  for (const row of rows) assert.ok(!texts(blocks).includes(row), row);
  // (On a page of their own: within three blocks of a declaration's rows they are judged
  // with them, on the server as here.)
  const loan = await read(`<div class="loan">${facts.map((t) => `<p>${t}</p>`).join("")}</div>`);
  assertArticle(loan);
  for (const fact of facts) assert.ok(texts(loan).includes(fact), fact);
});
