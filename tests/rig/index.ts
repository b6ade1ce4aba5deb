/** What rig tests import: `import { rig, appendMessage, ... } from "<path>/tests/rig"`. See README.md here. */
export { rig, imapClient } from "./connect";
export type { Rig } from "./connect";
export type { RigInfo } from "./run-info";
export { RIG_USER_NAMES, RIG_DOMAIN } from "./users";
export type { RigUser, RigUserName } from "./users";
export { appendMessage, listMailbox, createFolder, resetMailbox, DEFAULT_FOLDERS } from "./mailbox";
export type { StoredMessage } from "./mailbox";
export { seedMaildir, maildirPath } from "./maildir-seed";
export { changeUidValidity } from "./uidvalidity";
export { doveadm, folderStatus } from "./doveadm";
export { deliverViaSmtp, waitForMessage } from "./smtp";
