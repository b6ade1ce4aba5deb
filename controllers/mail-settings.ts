/** Server settings shared by the Email Domain and Email Account controllers. */

/** The settings an Email Domain hands down to its Email Accounts (v15 `EMAIL_DOMAIN_FIELDS`, D3 and M1), in Frappe's order. */
export const EMAIL_DOMAIN_FIELDS = [
  "email_server",
  "use_imap",
  "use_ssl",
  "use_starttls",
  "use_tls",
  "attachment_limit",
  "smtp_server",
  "smtp_port",
  "use_ssl_for_outgoing",
  "append_emails_to_sent_folder",
  "incoming_port",
] as const;

/** Frappe's `get_port` defaults: IMAP+SSL 993, IMAP 143, POP3+SSL 995, POP3 110. */
export function defaultIncomingPort(useImap: boolean, useSsl: boolean): number {
  if (useImap) return useSsl ? 993 : 143;
  return useSsl ? 995 : 110;
}
