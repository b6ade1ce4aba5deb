// `npm run bench`: compiles bench/ (and the src/ and tests/rig/ code it imports) to dist/bench/, then runs it.
// Plain JavaScript because it has to run before anything is compiled; the bench itself is bench/main.ts.
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const outDir = path.join(root, "dist", "bench");

function compile() {
  const tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
  const result = spawnSync(process.execPath, [tsc, "-p", path.join(__dirname, "tsconfig.json")], { cwd: root, encoding: "utf8" });
  const output = `${result.stdout}${result.stderr}`.trim();
  if (result.status === 0) return;
  // tsc still emits on type errors. Errors in the bench's own files stop it; errors elsewhere in the tree
  // (someone's work in progress) are shown but do not.
  const own = output.split("\n").filter((line) => line.startsWith("bench/"));
  process.stderr.write(`${output}\n`);
  if (own.length > 0 || !fs.existsSync(path.join(outDir, "bench", "main.js"))) {
    process.stderr.write("bench: compilation failed\n");
    process.exit(1);
  }
  process.stderr.write("bench: type errors outside bench/ (shown above); running the emitted code anyway\n");
}

/** The rig renders its server configs from templates next to its code (render.ts reads them from __dirname). */
function copyRigTemplates(dir = path.join(root, "tests", "rig")) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const source = path.join(dir, entry.name);
    if (entry.isDirectory()) copyRigTemplates(source);
    else if (entry.name.endsWith(".template")) {
      const target = path.join(outDir, path.relative(root, source));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

compile();
copyRigTemplates();
// `npm run bench -- connector [...]` runs the connector benchmark; anything else is the mail pull benchmark.
const [first, ...rest] = process.argv.slice(2);
const [entry, args] = first === "connector" ? ["connector.js", rest] : ["main.js", process.argv.slice(2)];
require(path.join(outDir, "bench", entry))
  .main(args)
  // Exit explicitly: the servers are stopped by now, and nothing else must keep the bench alive.
  .then((code) => process.exit(code))
  .catch((err) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
