import type { Doc } from "../../../src/core/doc";
import { rig } from "../../rig";

/** The rig's Support account: submission with STARTTLS + AUTH; IMAP with STARTTLS for the Sent folder. */
export function rigSupportAccount(fields: Record<string, unknown> = {}): Doc {
  const { host, smtp, imap, users } = rig();
  return {
    doctype: "Email Account",
    email_account_name: "Support",
    email_id: users.support.email,
    password: users.support.password,
    enable_outgoing: 1,
    default_outgoing: 1,
    smtp_server: host,
    smtp_port: String(smtp.submission),
    use_tls: 1,
    enable_incoming: 1,
    use_imap: 1,
    email_server: host,
    incoming_port: String(imap.plain),
    use_starttls: 1,
    imap_folder: [{ folder_name: "INBOX" }],
    ...fields,
  };
}

/** Whether a stored message's raw source holds a text (e.g. its Message-ID). */
export const rawIncludes = (text: string) => (message: { raw: Buffer }) => message.raw.toString("utf8").includes(text);
