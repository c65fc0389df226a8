// The one way the Node tests run the extension's extraction: Readability and
// content/page.js loaded into a jsdom page, then page.js's own "collect" message, the
// message the popup sends in the browser. Each test file builds its page's HTML and reads
// the blocks back through `collect`.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { JSDOM, VirtualConsole } from "jsdom";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const readability = readFileSync(here("../vendor/readability/Readability.js"), "utf8");
const pageScript = readFileSync(here("../content/page.js"), "utf8");

/** The extension's blocks ([kind, text]) of the page `html` served at `url`. */
export async function collect(html, url) {
  const dom = new JSDOM(html, {
    url,
    runScripts: "outside-only",
    pretendToBeVisual: true,
    virtualConsole: new VirtualConsole(),
  });
  try {
    dom.window.eval(readability);
    dom.window.eval(pageScript);
    const found = await dom.window.newslintPage.handle({ what: "collect" });
    // (Copied into this realm: jsdom's arrays are not deep-equal to Node's.)
    return Array.from(found.blocks, ({ kind, text }) => [kind, text]);
  } finally {
    dom.window.close();
  }
}

/** The texts of `blocks`, in order. */
export const texts = (blocks) => blocks.map(([, text]) => text);
