import type { Doc } from "../../src/core/doc";
import type { Logger } from "../../src/core/logger";
import type {
  ConnectionTestResult,
  DomainProbe,
  IncomingLoginTest,
  MailContext,
  OutgoingLoginTest,
} from "../../src/core/mail-context";
import type { RunFlags } from "../../src/core/context";
import { openLocalSite } from "../../src/open-site";
import type { LocalSite } from "../../src/site/local-site";
import { tempDir } from "../helpers/temp-site";

/**
 * A unit-level stand-in for the mail engine seam: records every login test it is asked for and
 * answers "ok", a given answer, or throws a given error. The real engine is tested elsewhere.
 */
export class RecordingMail implements MailContext {
  readonly incoming: IncomingLoginTest[] = [];
  readonly outgoing: OutgoingLoginTest[] = [];
  readonly probes: DomainProbe[] = [];
  answer: ConnectionTestResult = { status: "ok" };
  incomingError?: Error;
  outgoingError?: Error;

  async testIncomingLogin(test: IncomingLoginTest): Promise<ConnectionTestResult> {
    this.incoming.push(structuredClone(test));
    if (this.incomingError) throw this.incomingError;
    return this.answer;
  }

  async testOutgoingLogin(test: OutgoingLoginTest): Promise<ConnectionTestResult> {
    this.outgoing.push(structuredClone(test));
    if (this.outgoingError) throw this.outgoingError;
    return this.answer;
  }

  async probeDomain(probe: DomainProbe): Promise<ConnectionTestResult> {
    this.probes.push(structuredClone(probe));
    return { status: "ok" };
  }

  reset(): void {
    this.incoming.length = 0;
    this.outgoing.length = 0;
  }
}

export interface LogLine {
  level: string;
  bindings: Record<string, unknown>;
  obj: object;
  msg?: string;
}

/** A Logger that keeps every line (with its child bindings), so tests can search them for secrets. */
export function capturingLogger(lines: LogLine[] = [], bindings: Record<string, unknown> = {}): Logger & { lines: LogLine[] } {
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, bindings, obj, ...(msg === undefined ? {} : { msg }) });
  return {
    lines,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (more) => capturingLogger(lines, { ...bindings, ...more }),
  };
}

export interface TestSite {
  site: LocalSite;
  mail: RecordingMail;
  log: ReturnType<typeof capturingLogger>;
  close(): Promise<void>;
}

/** A real embedded site in a temporary folder, wired with the recorder and the capturing logger. */
export function openTestSite(flags?: RunFlags): TestSite {
  const tmp = tempDir("fea-email-account-");
  const mail = new RecordingMail();
  const log = capturingLogger();
  const site = openLocalSite({ file: tmp.file, mail, log, ...(flags ? { flags } : {}) });
  return {
    site,
    mail,
    log,
    close: async () => {
      await site.close();
      tmp.cleanup();
    },
  };
}

/** A minimal valid account: no incoming, no outgoing, so nothing is tested unless a test asks for it. */
export function account(fields: Record<string, unknown> = {}): Doc {
  return { doctype: "Email Account", email_id: "support@example.com", ...fields };
}

/** An incoming IMAP account with one INBOX folder. */
export function imapAccount(fields: Record<string, unknown> = {}): Doc {
  return account({
    enable_incoming: 1,
    use_imap: 1,
    email_server: "imap.example.com",
    imap_folder: [{ folder_name: "INBOX" }],
    ...fields,
  });
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the promise to reject");
}
