// @ts-check
const js = require("@eslint/js");
const tseslint = require("typescript-eslint");
const globals = require("globals");

const CLI = ["**/cli/**", "**/cli"];
const ABOVE_CORE = ["**/controllers/**", "**/controllers", "**/hooks", "**/hooks/**", "**/site/**", "**/mail/**", "**/open-site"];

/** Layers, bottom to top: data and errors; core and schema; controllers; site and mail adapters; the composition root; the CLI. */
const layer = (files, forbidden, why) => ({
  files,
  rules: {
    "no-restricted-imports": ["error", { patterns: forbidden.map((group) => ({ group: [group], message: why })) }],
  },
});

module.exports = tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      "no-eval": "error",
      "no-new-func": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  { files: ["**/*.js"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  layer(
    ["src/errors.ts", "src/core/**/*.ts", "src/schema/**/*.ts"],
    [...ABOVE_CORE, ...CLI],
    "core and schema sit below controllers, adapters and the CLI: they may not import them",
  ),
  layer(
    ["controllers/**/*.ts", "hooks/**/*.ts"],
    ["**/src/site/**", "**/src/mail/**", "**/open-site", ...CLI],
    "controllers and hooks reach sites and mail only through the context they are handed",
  ),
  layer(
    ["src/site/**/*.ts", "src/mail/**/*.ts", "src/jobs/**/*.ts", "src/server/**/*.ts"],
    ["**/controllers/**", "**/controllers", "**/hooks", "**/hooks/**", "**/open-site", ...CLI],
    "adapters import only core types",
  ),
  layer(["src/open-site.ts", "src/index.ts"], CLI, "nothing imports the CLI: it is the top"),
);
