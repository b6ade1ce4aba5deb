/** Sending mail: the Email Queue, the messages on it, and the SMTP side that flushes it. */
export { queueEmail } from "./queue-email";
export type { QueueEmailArgs, QueueEmailOptions, QueueEmailResult } from "./queue-email-args";
export { flushQueue, type FlushOptions, type FlushResult } from "./flush-queue";
export { retrySending } from "./retry-sending";
export { TransportPool, type TransportPoolOptions } from "./transport-pool";
export {
  findOutgoingAccount,
  findIncomingAccount,
  requireOutgoingAccount,
  defaultSender,
  NO_OUTGOING_ACCOUNT,
  NO_ACCOUNT_FOR_COMMUNICATION,
} from "./account-choice";
export { makeMessageId, stripAngleBrackets } from "./message-id";
export { resolveOutboundConfig, type OutboundConfig } from "./outbound-config";
export { signedParams, unsubscribeUrl } from "./unsubscribe";
