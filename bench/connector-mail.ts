import type { Doc } from "../src/core/doc";
import { BENCH_ACCOUNT } from "./connector-server";

const FIRST = ["Anna", "Ben", "Chloe", "David", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Luca"];
const LAST = ["Meyer", "Okafor", "Nakamura", "Silva", "Novak", "Haddad", "Larsen", "Rossi", "Kowalski", "Brown"];
const TOPICS = ["invoice 2024-0381", "delivery delay", "password reset", "order #55812", "refund request", "contract renewal", "API access", "shipping address"];

/** A paragraph of plausible support mail, a few hundred characters. */
function paragraph(index: number): string {
  const topic = TOPICS[index % TOPICS.length] as string;
  return (
    `Hello support team, I am writing about ${topic}. We noticed the issue on Monday and tried the steps from your ` +
    `help page, but the result is still the same. Could you please look into it and tell us what we should do next? ` +
    `Our customer number is ${100000 + (index % 9000)} and the contact person is in copy. Thank you in advance.`
  );
}

/**
 * The n-th of a realistic stream of received support mail: 200 distinct senders (so Contacts are
 * reused, as in a real inbox), an HTML body of ~1.5 kB with its text version, a unique Message-ID.
 */
export function benchMail(index: number, run: string): Doc {
  const sender = index % 200;
  const first = FIRST[sender % FIRST.length] as string;
  const last = LAST[sender % LAST.length] as string;
  const address = `${first}.${last}${sender}@customer${sender % 17}.example`.toLowerCase();
  const text = [paragraph(index), paragraph(index + 3), `Best regards,\n${first} ${last}`].join("\n\n");
  const html = text
    .split("\n\n")
    .map((part) => `<p>${part.replace(/\n/g, "<br>")}</p>`)
    .join("\n");
  const minute = index % 60;
  return {
    doctype: "Communication",
    communication_medium: "Email",
    communication_type: "Communication",
    sent_or_received: "Received",
    subject: `Re: ${TOPICS[index % TOPICS.length]} (${index})`,
    sender: address,
    sender_full_name: `${first} ${last}`,
    recipients: "support@acme.test",
    cc: index % 5 === 0 ? "accounts@acme.test" : null,
    content: html,
    text_content: text,
    email_account: BENCH_ACCOUNT,
    imap_folder: "INBOX",
    uid: index + 1,
    message_id: `<${run}.${index}.${sender}@mail.customer${sender % 17}.example>`,
    communication_date: `2024-05-${String(1 + (index % 28)).padStart(2, "0")} ${String(8 + (index % 10)).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00`,
    has_attachment: 0,
    seen: 0,
  };
}
