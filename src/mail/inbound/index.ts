/** Turning one fetched mail into records: the entry point the IMAP puller calls, and helpers the jobs use. */
export { ingestMessage, type IngestOptions } from "./ingest-message";
export { automatedMailReason, isAutomatedMail, type AutomatedMailInput } from "./automated-mail";
export { AUTOMATED_COMMUNICATION_TYPE } from "./communication-record";
export { parseMail, type ParsedMail } from "./parsed-mail";
export { sanitizeMailHtml } from "./html-sanitizer";
export { DEFAULT_ATTACHMENT_LIMIT_MB } from "./attachment-spool";
export { RAW_KEEP_BYTES } from "./raw-source";
