// Observable Framework configuration for the mhst-sim notebooks.
// Run from this folder (the npm scripts do): `observable preview` or `node build.js`.
import { existsSync } from "node:fs";

const notebooks = [
  { name: "Comparing cluster designs", path: "/comparing-cluster-designs" },
  { name: "Staffing scenarios", path: "/staffing-scenarios" },
  { name: "Can the model be trusted?", path: "/can-the-model-be-trusted" },
];

export default {
  title: "mhst-sim notebooks",
  root: "src",
  // The test suite builds into a temporary folder; everyone else gets notebooks/dist.
  output: process.env.MHST_NOTEBOOKS_OUT ?? "dist",
  // A notebook appears in the sidebar once its page exists.
  pages: notebooks.filter((p) => existsSync(new URL(`./src${p.path}.md`, import.meta.url))),
  // The default theme links a web font from a font CDN; the notebooks must read offline.
  globalStylesheets: [],
  footer: "mhst-sim notebooks: figures come from the project's own simulation code, run when the site is built.",
  pager: true,
  // Links end in .html (and / in /index.html), so the built site works under any plain static
  // file server, not only one that maps /page to /page.html.
  preserveExtension: true,
  preserveIndex: true,
  toc: true,
  search: false,
};
