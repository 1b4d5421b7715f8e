// Parses each Bicep file given on the command line with the tree-sitter Bicep grammar and prints one JSON line
// per syntax error: {"file", "line", "column", "problem"}. Exit status: 0 no errors, 1 errors, 2 could not run.
'use strict';

const fs = require('fs');

let Parser;
let Bicep;
try {
  Parser = require('tree-sitter');
  Bicep = require('tree-sitter-bicep');
} catch (e) {
  console.error(`cannot load tree-sitter: ${e.message}`);
  process.exit(2);
}

const parser = new Parser();
parser.setLanguage(Bicep);

function errorsIn(node, found) {
  if (node.isMissing) {
    found.push({ node, problem: `missing ${node.type}` });
  } else if (node.type === 'ERROR') {
    found.push({ node, problem: `unexpected ${JSON.stringify(node.text.slice(0, 40))}` });
    return found;
  }
  for (const child of node.children) {
    if (child.hasError || child.isMissing || child.type === 'ERROR') {
      errorsIn(child, found);
    }
  }
  return found;
}

let failed = false;
for (const file of process.argv.slice(2)) {
  let source;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch (e) {
    console.error(`cannot read ${file}: ${e.message}`);
    process.exit(2);
  }
  // tree-sitter's default 32 KiB input buffer truncates larger files; size it to the file instead.
  const tree = parser.parse(source, null, { bufferSize: Buffer.byteLength(source) * 2 + 1024 });
  for (const { node, problem } of errorsIn(tree.rootNode, [])) {
    failed = true;
    console.log(JSON.stringify({
      file,
      line: node.startPosition.row + 1,
      column: node.startPosition.column + 1,
      problem,
    }));
  }
}
process.exit(failed ? 1 : 0);
