// Copy Mozilla Readability from node_modules into vendor/ with its licence: the extension
// loads unpacked with no build step, so what it runs is committed. `npm run vendor` after
// changing the version in package.json; a test checks the copy matches the package.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const from = join(root, "node_modules", "@mozilla", "readability");
const to = join(root, "vendor", "readability");
mkdirSync(to, { recursive: true });
for (const name of ["Readability.js", "LICENSE.md"]) copyFileSync(join(from, name), join(to, name));
console.log(`vendored ${from} → ${to}`);
