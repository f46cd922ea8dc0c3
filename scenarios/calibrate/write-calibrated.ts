import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from "yaml";
import type { ServiceModel } from "../../sim/model/index.js";
import { loadScenarioText } from "../load/load.js";
import { parseScenario } from "../load/parse.js";
import type { FieldEdit } from "./field-map.js";
import { spliceEdits } from "./splice-edits.js";
import { isDeepStrictEqual } from "node:util";

function sameData(a: string, b: string): boolean {
  const pa = parseDocument(a);
  return pa.errors.length === 0 && isDeepStrictEqual(pa.toJS(), parseDocument(b).toJS());
}

/**
 * Applies field edits to a scenario file's text through the YAML document, so that every
 * comment and field the edits do not touch is kept, and each changed field carries its
 * comment. The lines the edits touch are changed in place when that gives the same document
 * (so the file keeps its layout); otherwise the whole document is written out again. The result
 * is loaded again to prove it is a valid scenario.
 *
 * @returns the new text and the model it loads to.
 * @throws ScenarioError when the text is not a scenario, or the edited one does not load.
 * @example writeCalibrated(text, "mine.yaml", edits).text
 */
export function writeCalibrated(text: string, file: string, edits: readonly FieldEdit[]): { text: string; model: ServiceModel } {
  const { doc } = parseScenario(text, file);
  for (const e of edits) {
    if (e.value === undefined) {
      doc.deleteIn(e.path);
      continue;
    }
    ensureParents(doc, e.path);
    // Distributions stay on one line, as the built-in scenarios write them.
    const node = doc.createNode(e.value, { flow: true }) as Node;
    // A scalar takes its comment on its own line end; a collection on the line above it.
    if (isScalar(node)) node.comment = ` ${e.comment}`;
    else node.commentBefore = ` ${e.comment}`;
    doc.setIn(e.path, node);
    // A flow mapping cannot hold a line comment inside it: write the one holding the field as a block.
    const parent = doc.getIn(e.path.slice(0, -1), true);
    if (isMap(parent) && parent.flow) parent.flow = false;
  }
  const whole = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  // Prefer the text changed only where the edits are, when it reads as the same document.
  const spliced = spliceEdits(text, edits);
  const out = spliced !== null && sameData(spliced, whole) ? spliced : whole;
  return { text: out, model: loadScenarioText(out, { file }) };
}

/** Creates missing mappings along a path, so that setIn never meets a scalar or null parent. */
function ensureParents(doc: Document, path: readonly (string | number)[]): void {
  for (let i = 1; i < path.length; i++) {
    const parent = doc.getIn(path.slice(0, i), true);
    if (parent === undefined || parent === null || (isScalar(parent) && parent.value === null)) doc.setIn(path.slice(0, i), doc.createNode({}));
    else if (!isMap(parent) && !isSeq(parent)) return;
  }
}
