import type { Doc } from "../../../src/core/doc";
import { openLocalSite } from "../../../src/open-site";
import type { LocalSite } from "../../../src/site/local-site";
import { tempDir } from "../../helpers/temp-site";

/** A real embedded site in a temporary folder, for the sending side's tests. */
export interface OutboundSite {
  site: LocalSite;
  close(): Promise<void>;
}

export function openOutboundSite(now?: () => Date): OutboundSite {
  const tmp = tempDir("fea-outbound-");
  const site = openLocalSite({ file: tmp.file, ...(now ? { now } : {}) });
  return {
    site,
    close: async () => {
      await site.close();
      tmp.cleanup();
    },
  };
}

/** An outgoing account record (SMTP only unless the fields say otherwise). */
export function outgoingAccount(name: string, emailId: string, fields: Record<string, unknown> = {}): Doc {
  return {
    doctype: "Email Account",
    email_account_name: name,
    email_id: emailId,
    enable_outgoing: 1,
    smtp_server: "smtp.example.test",
    smtp_port: "587",
    use_tls: 1,
    password: "account-secret",
    ...fields,
  };
}

/** Inserts records without live logins. */
export async function insertAll(site: LocalSite, records: Doc[]): Promise<Doc[]> {
  const out: Doc[] = [];
  for (const record of records) out.push((await site.insert(record, { noConnect: true })).doc);
  return out;
}
