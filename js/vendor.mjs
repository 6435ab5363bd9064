// Copy the built browser bundles (and their licences) from node_modules into the
// plugin's static folder; the copies are committed, node_modules is not.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "kb", "static", "vendor");
const assets = [
  ["cytoscape/dist/cytoscape.min.js", "cytoscape.min.js"],
  ["cytoscape/LICENSE", "cytoscape.LICENSE"],
];

mkdirSync(target, { recursive: true });
for (const [source, name] of assets) {
  copyFileSync(join(here, "node_modules", source), join(target, name));
  console.log(`kb/static/vendor/${name}`);
}
