/** @type {import('jest').Config} */
const shared = {
  rootDir: __dirname,
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
};

module.exports = {
  // The embedded site and the CLI tests write real SQLite files: keep the run to two workers on these 2-core machines.
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      displayName: "unit",
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "\\.rig\\.test\\.ts$"],
    },
    {
      // Against real Dovecot + Postfix (tests/rig/README.md): only *.rig.test.ts files start the servers.
      ...shared,
      displayName: "rig",
      testMatch: ["**/*.rig.test.ts"],
      globalSetup: "<rootDir>/tests/rig/global-setup.ts",
      globalTeardown: "<rootDir>/tests/rig/global-teardown.ts",
      runner: "<rootDir>/tests/rig/serial-runner.js",
      testTimeout: 30000,
    },
  ],
};
