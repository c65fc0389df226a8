// The extension's own article finding, outside a browser: Readability.js and
// content/page.js run unchanged in a jsdom window and `collect` answers as it does in a tab.
// Used by `newslint eval extraction` to score the extension's path on saved pages.
//
// Input on stdin: one JSON object a line, {"id", "html", "url"}.
// Output on stdout: one JSON object a line, {"id", "blocks", "title", "noArticle", "ms"}
// or {"id", "error"} when the page could not be read.

import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { JSDOM, VirtualConsole } from "jsdom";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const readability = readFileSync(here("../vendor/readability/Readability.js"), "utf8");
const pageScript = readFileSync(here("../content/page.js"), "utf8");
const quiet = new VirtualConsole();

async function collect({ html, url }) {
  const dom = new JSDOM(html, {
    url: url && /^https?:/.test(url) ? url : "https://example.invalid/",
    runScripts: "outside-only",
    pretendToBeVisual: true,
    virtualConsole: quiet,
  });
  try {
    dom.window.eval(readability);
    dom.window.eval(pageScript);
    return await dom.window.newslintPage.handle({ what: "collect" });
  } finally {
    dom.window.close();
  }
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  const request = JSON.parse(line);
  let answer;
  try {
    const found = await collect(request);
    answer = { id: request.id, blocks: found.blocks, title: found.title ?? null, noArticle: found.noArticle, ms: found.ms };
  } catch (error) {
    answer = { id: request.id, error: String(error?.message || error).split("\n")[0] };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
