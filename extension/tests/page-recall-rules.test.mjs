// content/page.js gives the article's blocks the kinds the server gives them (s24-recall):
// one test per rule mirrored from server/pages/extraction/blocks.py, each on a page that
// Readability reads whole, so that only page.js's own rule can change a block's kind, and
// each with controls the rule must leave alone.
//
// Run: `node --test tests/` in extension/ (tests/test_extension_page_rules.py runs every
// tests/*.test.mjs in the suite's node tier).

import assert from "node:assert/strict";
import { test } from "node:test";
import { collect } from "./collect.mjs";

const HEADLINE = "Ferry timetable cut as crews fall ill";
const LEDE = "Fewer ferries will sail to the northern islands this week because a third of "
  + "the operator's crews have called in sick.";
const BODY = [
  "The morning crossings to Harrow and Skellig will not run until Friday, and the evening "
    + "boats will leave half an hour later than the printed timetable says.",
  "Islanders who work on the mainland said they had been given two days' notice, and "
    + "several said they would stay with relatives in town until the timetable is back.",
  "The harbour office said freight would go first on the remaining crossings, so that the "
    + "shops and the health centre on the islands keep their supplies through the week.",
  "A spokesman for the operator said the company had asked two other firms to lend it "
    + "crews, and that it hoped to add one crossing a day from Wednesday.",
];

/** The extension's blocks of a story whose `top` stands between <article> and the body
 * box (`box`, opened with `start`). */
async function read(top, start = "", box = "div class='article-body'") {
  const tag = box.split(" ")[0];
  const html = `<!doctype html><html lang=en><head><title>${HEADLINE} | Island Weekly</title>`
    + `<meta property="og:title" content="${HEADLINE}"></head><body>`
    + `<nav><ul><li><a href="/a">News</a></li><li><a href="/b">Sport</a></li></ul></nav>`
    + `<article>${top}<${box}>${start}${BODY.map((text) => `<p>${text}</p>`).join("")}`
    + `</${tag}></article></body></html>`;
  return collect(html, "https://news.example/a");
}

const kindOf = (blocks, text) => blocks.filter(([, t]) => t === text).map(([kind]) => kind);

test("a lede Readability reads as the first paragraph is the standfirst (read_standfirst)", async () => {
  // Its class in the body box, as the server's trafilatura reads it too.
  const named = await read(`<h1>${HEADLINE}</h1>`, `<p class="story-lead-text">${LEDE}</p>`);
  assert.deepEqual(kindOf(named, LEDE), ["standfirst"]);
  assert.deepEqual(kindOf(named, BODY[0]), ["p"]);
  // The class on a wrapper that holds no more text than the lede.
  const wrapped = await read(`<h1>${HEADLINE}</h1>`, `<div class="news-teaser"><p>${LEDE}</p></div>`);
  assert.deepEqual(kindOf(wrapped, LEDE), ["standfirst"]);
  // And only a lede: a plain first paragraph, a class on the whole body box, a lede class
  // further down, a link.
  const plain = await read(`<h1>${HEADLINE}</h1>`, `<p>${LEDE}</p>`);
  assert.deepEqual(kindOf(plain, LEDE), ["p"]);
  const box = await read(`<h1>${HEADLINE}</h1>`, `<p>${LEDE}</p>`, "div class='story-summary-body'");
  assert.deepEqual(kindOf(box, LEDE), ["p"]);
  const later = await read(`<h1>${HEADLINE}</h1>`, `<p>${LEDE}</p><p class="story-lead-text">${BODY[3]} Again.</p>`);
  assert.deepEqual(kindOf(later, `${BODY[3]} Again.`), ["p"]);
  const linked = await read(`<h1>${HEADLINE}</h1>`, `<p class="story-lead-text"><a href="/other">${LEDE}</a></p>`);
  assert.ok(!kindOf(linked, LEDE).includes("standfirst"), JSON.stringify(linked));
});

test("a definition list's terms and descriptions are list items, as trafilatura reads a <dl>", async () => {
  // trafilatura turns <dl>/<dt>/<dd> into its list and items, so the server reads each as
  // "li"; read as "p" here, the engine compared them as prose (a fact box's "braun" or
  // "Vorteile" against the body) where the server leaves lists alone.
  const facts = "<dl class='facts'><dt>Operator</dt><dd>Northern Isles Ferries, a company "
    + "owned by the council</dd><dt>Crossings cut</dt><dd>Eight a day until Friday</dd></dl>";
  const blocks = await read(`<h1>${HEADLINE}</h1>`, `<p>${LEDE}</p>${facts}`);
  for (const text of ["Operator", "Northern Isles Ferries, a company owned by the council",
    "Crossings cut", "Eight a day until Friday"]) {
    assert.deepEqual(kindOf(blocks, text), ["li"], `${text}: ${JSON.stringify(blocks)}`);
  }
  // Paragraphs around the list stay paragraphs.
  assert.deepEqual(kindOf(blocks, BODY[0]), ["p"]);
});
