// content/page.js reads an article body printed in several boxes of one class, cut by
// full-width ad rows (wired.com's article__chunks), to its end: `withContinuedBody`, the
// server's `continued_body` (server/pages/extraction/blocks.py). With boxes of a size,
// Readability takes one box (its sibling step looks at the box's own parent, which holds an
// empty ad rail) and trafilatura one box too, so both stopped mid-story. Each page here was
// run through the server's `page_from_html` too (tests/test_extraction_recall.py has the
// same pages): the extension reads what the server reads.
//
// Run: `node --test tests/` in extension/ (tests/test_extension_page_rules.py runs it in the
// suite's node tier).

import assert from "node:assert/strict";
import { test } from "node:test";
import { collect, texts } from "./collect.mjs";

const HEADLINE = "Harbour wall approved";
const BODY = [
  "The council approved the new harbour wall on Tuesday after a debate that lasted most of the "
    + "afternoon and ended with a clear majority for the plan.",
  "Engineers say the wall will protect the old quay from winter storms for at least fifty years, "
    + "and the work is expected to start in the spring.",
  "Fishermen welcomed the decision, saying the quay had flooded four times last winter and that "
    + "their boats had been damaged twice.",
  "The harbour master said the quay would stay open while the wall is built, with one berth "
    + "closed at a time so that the boats can still land their catch.",
];
const MORE = [
  "The wall will cost the town about four million pounds, most of it paid by a national fund "
    + "for coastal defences that the council applied to last year.",
  "Some residents asked whether the money would be better spent on the road to the harbour, "
    + "which is closed for several days every winter by landslides.",
  "The council said the road would be repaired next year, and that the two projects did not "
    + "compete for the same money.",
];

const paragraphs = (list) => list.map((text) => `<p>${text}</p>`).join("");
const AD_ROW = "<div class='row full-bleed-ad'><div class='ad ad--mid-content'>"
  + "<span class='ad-label'>Advertisement</span></div></div>";
const grid = (inside) => "<div class='grid grid-items-2'><div class='body body__container article__body'>"
  + `${inside}</div><div class='grid-layout__aside'><div class='ad ad--rail'></div></div></div>`;

/** The extension's blocks of a page printing `chunks` (HTML, each a grid or an ad row) in
 * its article's article__chunks. */
async function read(chunks) {
  const html = `<!doctype html><html lang=en><head><title>${HEADLINE}</title></head><body>`
    + "<nav><ul><li><a href='/a'>News</a></li><li><a href='/b'>Sport</a></li></ul></nav>"
    + `<article class='article main-content'><header><h1>${HEADLINE}</h1></header>`
    + `<div class='article__chunks'>${chunks.join("")}</div></article>`
    + "<footer><p>Harbour Gazette, all rights reserved.</p></footer></body></html>";
  return collect(html, "https://news.example/a");
}

test("an article body printed in several boxes of one class is read to its end", async () => {
  const quote = "<aside class='pullquote-embed'><p>A wall for fifty years.</p></aside>";
  const blocks = await read([grid(paragraphs(BODY) + quote), AD_ROW, grid(paragraphs(MORE) + quote)]);
  assert.deepEqual(texts(blocks), [HEADLINE, ...BODY, ...MORE]);
});

test("a later box is judged as the first: teasers and page turns left out, an exact repeat read", async () => {
  const teaser = "<p><a href='/b/school-roof-repairs-delayed-again-as-contractor-withdraws'>"
    + "School roof repairs delayed again as contractor withdraws</a></p>";
  const turn = "<p>Next page: <a href='?page=2'>What the wall will cost and who pays</a></p>";
  const blocks = await read([grid(paragraphs(BODY.slice(0, 3))), AD_ROW,
    grid(paragraphs([...MORE, BODY[0]]) + teaser + turn)]);
  assert.deepEqual(texts(blocks), [HEADLINE, ...BODY.slice(0, 3), ...MORE, BODY[0]]);
});

test("a box of the same class beside its own head (the next story) is not read", async () => {
  // Same tag and class, as deep, under the same grandparent, but its parent prints a
  // headline and a byline too: another story, which a reader does not take for this one's.
  const next = "<div class='grid grid-items-2'><header><h2><a href='/b/residents-ask-for-a-second-vote'>"
    + "Residents ask for a second vote</a></h2><p class='byline'>By Tom Hale</p></header>"
    + `<div class='body body__container article__body'>${paragraphs(MORE)}</div></div>`;
  const blocks = await read([grid(paragraphs(BODY)), AD_ROW, next]);
  assert.deepEqual(texts(blocks), [HEADLINE, ...BODY]);
});

test("a related story's card in the body's box class is not read; a chunk opening with a heading is", async () => {
  // The card opens with its linked headline: another story, whose date and summary
  // re-telling the article gave false findings (review-s27-recall B1).
  const card = "<h3><a href='/b/harbour-wall-bill-rises'>Harbour wall bill rises by a million</a></h3>"
    + "<p class='date'>12 March 2026</p><p>The harbour wall will cost the town about five million "
    + "pounds, a million more than planned, because steel prices rose in winter.</p><p>Engineers "
    + "said last year that the new wall would shield the old quay from the winter storms for fifty "
    + "years or more.</p>";
  const blocks = await read([grid(paragraphs(BODY)), AD_ROW, grid(card)]);
  assert.deepEqual(texts(blocks), [HEADLINE, ...BODY]);
  // Its headline a bare link, the box's first child (the server's `iter("a")` counts it).
  const bare = card.replace(/<\/?h3>/g, "").replace("<p class='date'>12 March 2026</p>", "");
  assert.deepEqual(texts(await read([grid(paragraphs(BODY)), AD_ROW, grid(bare)])), [HEADLINE, ...BODY]);
  const chunk = await read([grid(paragraphs(BODY)), AD_ROW, grid(`<h2>Who pays for the wall</h2>${paragraphs(MORE)}`)]);
  assert.deepEqual(texts(chunk).slice(-MORE.length), MORE);
});

test("a row of the grid holding a byline and a date is not read as the body", async () => {
  // Two lines but no prose: only paragraphs of prose count (review-s27-recall S1).
  const signOff = "<p>Tom Reid, Transport Correspondent</p><p>Tuesday 16 September 2026, 10:42</p>";
  const blocks = await read([grid(paragraphs(BODY)), AD_ROW, grid(signOff)]);
  assert.deepEqual(texts(blocks), [HEADLINE, ...BODY]);
});

test("a hidden paragraph of a later box is not read", async () => {
  const hidden = "<p hidden>This paragraph is hidden until you log in to your account here.</p>";
  const blocks = await read([grid(paragraphs(BODY)), AD_ROW,
    grid(paragraphs(MORE.slice(0, 2)) + hidden + paragraphs(MORE.slice(2)))]);
  assert.deepEqual(texts(blocks), [HEADLINE, ...BODY, ...MORE]);
});
