// Bundles the web chat into the folder given as the first argument: embed.js (the panel, with its XMPP libraries inside),
// embed.css (its look) and the pages in static/, copied as they are. With a second folder, also bench/floor.js into it
// (the benchmark's floor pages; never in the plugin). Run by the Maven build; `npm run build -- DIR [BENCH_DIR]` does
// the same by hand.
import { build } from "esbuild";
import { cpSync, mkdirSync } from "node:fs";

const [out, benchOut] = process.argv.slice(2);
if (!out) {
  console.error("usage: node build.mjs OUTPUT_FOLDER [BENCHMARK_FOLDER]");
  process.exit(2);
}
mkdirSync(out, { recursive: true });
// Chromium, Firefox and Safari of the last few years; nothing older needs to be carried.
const target = ["es2020"];
const script = (entry, outfile) => build({ entryPoints: [entry], bundle: true, minify: true, format: "iife", target,
  outfile, legalComments: "none", logLevel: "warning" });
await script("src/embed.js", `${out}/embed.js`);
await build({ entryPoints: ["src/embed.css"], bundle: true, minify: true, target,
  outfile: `${out}/embed.css`, logLevel: "warning" });
cpSync("static", out, { recursive: true });
if (benchOut) {
  await script("bench/floor.js", `${benchOut}/floor.js`);
}
