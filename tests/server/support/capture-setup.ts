import type { LocalSite } from "../../../src/site/local-site";

/** Names the setup created that a request or an answer refers to (hash-named records differ per site). */
export interface SetupNames {
  todo?: string;
  communication?: string;
}

export type SetupStep = (site: LocalSite, names: SetupNames) => Promise<void>;

/** What a fresh v15 site has: the installer's Email Domain example.com and its two accounts (01, 02). */
export const installerAccounts: SetupStep = async (site) => {
  await site.insert(
    { doctype: "Email Domain", domain_name: "example.com", email_server: "imap.example.com", smtp_server: "smtp.example.com", use_imap: 1 },
    { noConnect: true },
  );
  for (const [name, email] of [["Notifications", "notifications@example.com"], ["Replies", "replies@example.com"]]) {
    await site.insert({ doctype: "Email Account", email_account_name: name, email_id: email, domain: "example.com", enable_incoming: 0, enable_outgoing: 0 });
  }
};

/** 03's Email Domain (its servers were a local stub; no connection is made here). */
export const captureDomain: SetupStep = async (site) => {
  await site.insert(
    {
      doctype: "Email Domain",
      domain_name: "capture.example.test",
      email_server: "127.0.0.1",
      use_imap: 1,
      use_ssl: 0,
      use_starttls: 0,
      incoming_port: "18143",
      smtp_server: "127.0.0.1",
      smtp_port: "18025",
      use_tls: 0,
      use_ssl_for_outgoing: 0,
    },
    { noConnect: true },
  );
};

/** 04: Capture Support, awaiting its password, on the capture domain. */
export const captureSupport: SetupStep = async (site) => {
  await site.insert({
    doctype: "Email Account",
    email_account_name: "Capture Support",
    email_id: "support@capture.example.test",
    domain: "capture.example.test",
    awaiting_password: 1,
    enable_incoming: 0,
    enable_outgoing: 0,
  });
};

/**
 * 05: Capture Sales with a password. The capture site left it without a domain (v15 never fills one);
 * here R14 links the domain named like the address when it exists, so those columns are set back to
 * what the capture site stored.
 */
export const captureSales: SetupStep = async (site) => {
  await site.insert({
    doctype: "Email Account",
    email_account_name: "Capture Sales",
    email_id: "sales@capture.example.test",
    password: "s3cret-Passw0rd",
    enable_incoming: 0,
    enable_outgoing: 0,
  });
  await site.setValue(
    "Email Account",
    "Capture Sales",
    { domain: null, email_server: null, incoming_port: null, use_imap: 0, smtp_server: null, smtp_port: null, sent_folder_name: null },
    { updateModified: false },
  );
};

/** 11b and 11c: the signature, then add_signature. */
export const salesSignature: SetupStep = async (site) => {
  await site.save({ doctype: "Email Account", name: "Capture Sales", signature: "Regards, Sales" });
};
export const salesAddSignature: SetupStep = async (site) => {
  await site.save({ doctype: "Email Account", name: "Capture Sales", add_signature: 1 });
};

/** 15a: the ToDo the Communication refers to. */
export const todo: SetupStep = async (site, names) => {
  const { doc } = await site.insert({ doctype: "ToDo", description: "REST capture: follow up with customer" });
  names.todo = String(doc.name);
};

/** 15's body, referring to this site's ToDo. */
export function communicationBody(todoName: string): Record<string, unknown> {
  return {
    communication_type: "Communication",
    communication_medium: "Email",
    sent_or_received: "Received",
    subject: "REST capture: hello",
    content: "<p>Hello from a customer</p>",
    sender: "customer@example.org",
    sender_full_name: "A Customer",
    recipients: "sales@capture.example.test",
    email_account: "Capture Sales",
    reference_doctype: "ToDo",
    reference_name: todoName,
    message_id: "<capture-1@example.org>",
  };
}

/** 15: a received Communication on Capture Sales, linked to the ToDo. */
export const communication: SetupStep = async (site, names) => {
  const { doc } = await site.insert({ doctype: "Communication", ...communicationBody(String(names.todo)) });
  names.communication = String(doc.name);
};

/** 16c: Capture Temp, deleted by 16d. */
export const captureTemp: SetupStep = async (site) => {
  await site.insert({
    doctype: "Email Account",
    email_account_name: "Capture Temp",
    email_id: "temp@capture.example.test",
    awaiting_password: 1,
    enable_incoming: 0,
    enable_outgoing: 0,
  });
};

/** The capture session's state before 13..14b: both capture accounts, Sales edited by 11b/11c. */
export const bothCaptureAccounts: SetupStep[] = [installerAccounts, captureDomain, captureSupport, captureSales, salesSignature, salesAddSignature];
