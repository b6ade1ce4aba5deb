import type { MailHeader } from "./html-body";
import type { OutboundConfig } from "./outbound-config";

/**
 * The arguments of `frappe.sendmail` (and, with `communication: true`, of the desk's
 * `communication.email.make`), in camelCase.
 */
export interface QueueEmailArgs {
  /** To: a comma-separated text or a list; entries may be `Name <addr>`. */
  recipients?: string | readonly string[];
  cc?: string | readonly string[];
  bcc?: string | readonly string[];
  /**
   * From. Empty or "Administrator" means the account's `{name} <{email_id}>`. With
   * `communication: true` and no sender, a real user sends as `Full Name <email>` (Frappe's `make`).
   */
  sender?: string;
  subject?: string;
  /** The body: HTML, or plain text (escaped, line breaks kept). `content` is an alias, as in Frappe. */
  message?: string;
  content?: string;
  /** The text/plain part; made from the HTML when absent. */
  textContent?: string;
  referenceDoctype?: string;
  referenceName?: string;
  /** Send through this Email Account instead of choosing one (S3). */
  emailAccount?: string;
  replyTo?: string;
  /** The Communication this mail answers: sets In-Reply-To and References. */
  inReplyTo?: string;
  /** A Message-ID to use (bare or in brackets); generated when absent. */
  messageId?: string;
  /** A datetime, or a whole number of days from today. */
  sendAfter?: string | Date | number | null;
  /** Higher is sent first (default 1). */
  priority?: number;
  /**
   * `true`: record the mail as a Sent Communication first (the desk composer's `make`), so replies
   * thread back to it. A string: link the queue row to that existing Communication.
   */
  communication?: true | string;
  /** "Send me a copy": CC the sending user (communication mail only). */
  sendMeACopy?: boolean;
  /** Append the user's or the account's signature (S11). Default: on for communication mail, off otherwise. */
  addSignature?: boolean;
  /** The unsubscribe link's text; the link is added only with a reference document (S12). */
  unsubscribeMessage?: string;
  addUnsubscribeLink?: boolean;
  unsubscribeMethod?: string;
  unsubscribeParams?: Record<string, string>;
  /** `header`: everybody in To/CC (always for communication mail); `footer`: a "sent to" line. */
  exposeRecipients?: "header" | "footer";
  /** Marks Frappe-generated notifications (header `isnotification`). */
  isNotification?: boolean;
  readReceipt?: boolean;
  header?: MailHeader;
  /**
   * Further headers, e.g. RFC 3834's `Auto-Submitted: auto-replied` on an auto-reply. Names the
   * builder sets itself (From, To, Subject, Message-ID, Content-*, ...) are refused; values are cleaned.
   */
  extraHeaders?: Readonly<Record<string, string>>;
  withContainer?: boolean;
  /** One queue row per To address (also automatic past 100 addresses). */
  queueSeparately?: boolean;
  /** The session user (default Administrator): whose copy and signature. */
  user?: string;
}

export interface QueueEmailOptions {
  config?: Partial<OutboundConfig>;
  now?: () => Date;
}

export interface QueueEmailResult {
  /** The Email Queue rows created (none when nobody is left to mail). */
  queue: string[];
  /** The Sent Communication created with `communication: true`. */
  communication?: string;
  /** The Message-ID, without angle brackets. */
  messageId?: string;
  /** Addresses on the Communication that are not mailed (standard users, thread notifications off). */
  emailsNotSentTo: string[];
}
