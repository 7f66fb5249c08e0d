// Parses PowerShell scripts with tree-sitter-powershell (loaded by web-tree-sitter) and prints,
// for each file, one JSON document: whether the tree has an error, and the tree itself with the
// node type, its byte-free character range and, for leaves and string literals, its text.
// (Run node with --liftoff-only: otherwise V8 tiers the 1 MB grammar up in the background and
// node waits for that compilation at exit, which takes minutes on a busy machine.)
// Usage: node --liftoff-only parse-powershell.mjs NODE_MODULES_DIR FILE...
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, ...files] = process.argv.slice(2);
const { Parser, Language } = await import(
  pathToFileURL(join(modules, 'web-tree-sitter', 'web-tree-sitter.js')).href
);
await Parser.init();
const language = await Language.load(
  join(modules, 'tree-sitter-powershell', 'tree-sitter-powershell.wasm'),
);
const parser = new Parser();
parser.setLanguage(language);

function walk(node) {
  const out = { type: node.type };
  if (node.isError) out.error = true;
  if (node.isMissing) out.missing = true;
  if (node.childCount === 0 || node.type.includes('string') || node.type === 'comment') {
    out.text = node.text;
  }
  if (node.childCount > 0) out.children = node.children.map(walk);
  return out;
}

const results = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const tree = parser.parse(text);
  results.push({ file, hasError: tree.rootNode.hasError, tree: walk(tree.rootNode) });
}
process.stdout.write(JSON.stringify(results));
