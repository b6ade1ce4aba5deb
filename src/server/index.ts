/** The Frappe-compatible REST server over a Site (`frappe-email-account serve`). */
export { createFrappeServer, DEFAULT_LIMITS } from "./frappe-server";
export { encodeServerMessages, type ServerMessage } from "./error-body";
export { dataReply, messageReply } from "./reply";
export type { RequestBody } from "./body";
export type { SpooledFile } from "./multipart";
export type {
  ApiKey,
  BodyLimits,
  Caller,
  Fault,
  FaultAction,
  FrappeServer,
  FrappeServerOptions,
  ListeningServer,
  Reply,
  RequestContext,
  Route,
} from "./types";
