import type { Ignored } from "./compare-capture";
import {
  bothCaptureAccounts,
  captureDomain,
  captureSales,
  captureSupport,
  captureTemp,
  communication,
  communicationBody,
  installerAccounts,
  salesSignature,
  type SetupNames,
  type SetupStep,
  todo,
} from "./capture-setup";
import type { HttpAnswer } from "./test-server";

export interface ReplayState {
  names: SetupNames;
  /** Stub mail servers for 03 (the capture's were on 18143 / 18025). */
  ports?: { imap: number; smtp: number };
  /** `modified` of a record the setup wrote, for requests that send the current one (11b). */
  modified?: string;
}

/** How one capture is replayed: the records it needs, and what is adjusted to this site. */
export interface CaptureCase {
  setup?: SetupStep[];
  /** Answers the Email Domain probe through real sockets (03, 03b). */
  probing?: boolean;
  /** Stub servers answer the domain probe (03). */
  greeters?: boolean;
  /** The request as sent to this site (defaults to the captured one). */
  body?: (captured: unknown, state: ReplayState) => unknown;
  path?: (captured: string, state: ReplayState) => string;
  /** The captured answer adjusted for values the setup decides (ports, names). */
  expected?: (captured: unknown, state: ReplayState) => unknown;
  /** Paths not compared by value: natural differences and named deviations. */
  ignored?: Ignored[];
  /** The list answer has no defined order on the capture site (no ORDER BY was sent). */
  unordered?: boolean;
  /**
   * A deliberate difference from v15 (README "Where we differ"): the capture is not expected to match;
   * `assert` checks our documented answer instead.
   */
  deviation?: { rule: string; why: string; assert: (answer: HttpAnswer) => void };
}

/** Fields Frappe fetches from an account's Email Domain (R14 fills `domain` from the address here). */
const R14_FETCHED = ["domain", "email_server", "use_imap", "smtp_server", "smtp_port", "sent_folder_name", "incoming_port"];
const r14 = (prefix: string): Ignored[] =>
  R14_FETCHED.map((f) => ({ path: `${prefix}.${f}`, why: "README R14: the domain named like the address is linked and its settings fetched" }));

function withPorts(value: unknown, state: ReplayState, asNumber: boolean): unknown {
  const record = { ...(value as Record<string, unknown>) };
  if (state.ports) {
    record.incoming_port = asNumber ? state.ports.imap : String(state.ports.imap);
    record.smtp_port = String(state.ports.smtp);
  }
  return record;
}

export const CAPTURE_CASES: Record<string, CaptureCase> = {
  "01-list-email-account.json": { setup: [installerAccounts], unordered: true },
  "02-get-email-account-notifications.json": { setup: [installerAccounts] },
  "03-insert-email-domain.json": {
    probing: true,
    greeters: true,
    body: (captured, state) => withPorts(captured, state, false),
    expected: (captured, state) => {
      const body = captured as { data: Record<string, unknown> };
      return { data: withPorts(body.data, state, false) };
    },
    ignored: [{ path: "body.data.incoming_port", why: "v15 answers the port it normalised as a number (18143); the field is Data and is answered as text here" }],
  },
  "03b-insert-email-domain-unreachable.json": {
    probing: true,
    ignored: [{ path: "_server_messages.0.message", why: "the socket error's own words differ (Python's `[Errno 111] Connection refused`, Node's `connect ECONNREFUSED`)" }],
  },
  "04-insert-email-account-awaiting-password.json": { setup: [captureDomain] },
  "05-insert-email-account-with-password.json": { setup: [captureDomain], ignored: r14("body.data") },
  "06-get-email-account-with-password.json": { setup: [captureSales] },
  "07-insert-email-account-invalid-email.json": {},
  "07b-insert-email-account-missing-mandatory.json": {},
  "07c-insert-email-account-bad-link.json": {
    deviation: {
      rule: "README 'Where we differ', links",
      why: "v15 accepts a Link to a missing Email Domain when fetch_from fields depend on it; the account would point at no servers, so it is refused here",
      assert: (answer) => {
        expect(answer.status).toBe(417);
        expect((answer.body as { exc_type: string }).exc_type).toBe("LinkValidationError");
      },
    },
  },
  "07d-insert-email-account-bad-link-no-fetch.json": {},
  "08-list-email-account-no-auth.json": { setup: [installerAccounts] },
  "08b-list-email-account-bad-token.json": { setup: [installerAccounts] },
  "08c-get-email-account-no-auth.json": { setup: [captureSales] },
  "09-get-email-account-missing.json": {},
  "10-insert-email-account-duplicate.json": { setup: [captureSales] },
  "11-update-email-account-stale-modified.json": { setup: [captureSales] },
  "11b-update-email-account-current-modified.json": {
    setup: [captureSales],
    body: (captured, state) => ({ ...(captured as object), modified: state.modified }),
  },
  "11c-update-email-account-no-modified.json": { setup: [captureSales, salesSignature] },
  "12-get-password.json": { setup: [captureSales] },
  "12b-get-password-not-set.json": { setup: [captureDomain, captureSupport] },
  "13-list-email-account-filters-fields.json": { setup: bothCaptureAccounts },
  "13b-list-email-account-dict-filters-limit.json": { setup: bothCaptureAccounts },
  "13c-list-email-account-as-list.json": { setup: bothCaptureAccounts, unordered: true },
  "13d-list-email-account-bad-field.json": {},
  "14-get-count.json": { setup: [captureDomain, captureSupport, captureSales] },
  "14b-get-count-post.json": { setup: bothCaptureAccounts },
  "15-insert-communication.json": {
    setup: [captureSales, todo],
    body: (_captured, state) => communicationBody(String(state.names.todo)),
  },
  "15a-insert-todo.json": {},
  "15b-get-communication.json": {
    setup: [captureSales, todo, communication],
    path: (_captured, state) => `/api/resource/Communication/${String(state.names.communication)}`,
  },
  "16-method-get-list.json": { setup: [captureDomain, captureSupport, captureSales] },
  "16b-method-get-value.json": { setup: [captureSales] },
  "16c-method-insert.json": {},
  "16d-delete-email-account.json": { setup: [captureTemp] },
  "16e-delete-email-account-missing.json": {},
  "16f-method-not-whitelisted.json": {},
  "16g-method-missing.json": {},
  "16h-get-logged-user.json": {},
  "16i-form-encoded-insert.json": {},
  "17-delete-email-account-linked.json": { setup: [captureSales, todo, communication] },
};
