#!/usr/bin/env node
"use strict";
// Thin launcher: the compiled CLI lives in dist/ (built by `npm run build`, which `npm ci` runs through `prepare`).
require("../dist/src/cli/main.js")
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
