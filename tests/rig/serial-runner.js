// Rig tests share the servers' mailboxes, so their files run one at a time (in jest's parent process), while the
// unit project keeps its workers. jest runs a runner with `isSerial` in band.
const TestRunner = require("jest-runner").default;

module.exports = class SerialRunner extends TestRunner {
  isSerial = true;
};
