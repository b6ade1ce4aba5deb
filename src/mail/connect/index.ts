/** The real mail context (connection tests) and the doctor, for the composition root and the CLI. */
export { createMailContext, DEFAULT_CONNECT_TIMEOUT_MS, type MailContextOptions } from "./mail-context";
export type { IncomingConnectionError, OutgoingConnectionError, ConnectionFacts } from "./connection-errors";
export type { FailureKind } from "./failure";
export type { TrustOptions } from "./tls-trust";
export { runDoctor, DEFAULT_CHECK_TIMEOUT_MS, type DoctorOptions } from "./doctor/run-doctor";
export type { AccountReport, CheckResult, CheckStatus } from "./doctor/check-result";
