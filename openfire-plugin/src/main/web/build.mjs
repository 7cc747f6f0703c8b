// Bundles the web chat into the folder given as the first argument: embed.js (the panel, with its XMPP libraries inside),
// embed.css (its look) and the pages in static/, copied as they are. Run by the Maven build; `npm run build -- DIR`
// does the same by hand.
import { build } from "esbuild";
import { cpSync, mkdirSync } from "node:fs";

const out = process.argv[2];
if (!out) {
  console.error("usage: node build.mjs OUTPUT_FOLDER");
  process.exit(2);
}
mkdirSync(out, { recursive: true });
// Chromium, Firefox and Safari of the last few years; nothing older needs to be carried.
const target = ["es2020"];
await build({ entryPoints: ["src/embed.js"], bundle: true, minify: true, format: "iife", target,
  outfile: `${out}/embed.js`, legalComments: "none", logLevel: "warning" });
await build({ entryPoints: ["src/embed.css"], bundle: true, minify: true, target,
  outfile: `${out}/embed.css`, logLevel: "warning" });
cpSync("static", out, { recursive: true });
