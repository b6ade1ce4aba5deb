import { type AddressObject, type EmailAddress, type Headers, parseAddressHeader } from "mailparser";

/** One decoded address with its display name ("" when none). */
export interface Mailbox {
  name: string;
  address: string;
}

/** Every mailbox of an address header (several headers, groups flattened), in order. */
export function mailboxes(value: AddressObject | AddressObject[] | undefined): Mailbox[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  const out: Mailbox[] = [];
  const visit = (entry: EmailAddress) => {
    if (entry.group) entry.group.forEach(visit);
    else if (entry.address) out.push({ name: (entry.name ?? "").trim(), address: entry.address.trim() });
  };
  for (const object of objects) object.value.forEach(visit);
  return out;
}

function isAddressObject(value: unknown): value is AddressObject {
  return typeof value === "object" && value !== null && Array.isArray((value as AddressObject).value);
}

/** The mailboxes of an address header of a parsed header map (From, To, Cc, Reply-To, Delivered-To...). */
export function headerMailboxes(headers: Headers, key: string): Mailbox[] {
  const value = headers.get(key);
  const list = Array.isArray(value) ? value : [value];
  return mailboxes(list.filter(isAddressObject));
}

/** An address header as mailparser writes it out (`"Name" <addr>`, decoded), several headers joined. */
export function headerAddressText(headers: Headers, key: string): string {
  const value = headers.get(key);
  const list = Array.isArray(value) ? value : [value];
  return list.filter(isAddressObject).map((object) => object.text).filter((text) => text !== "").join(", ");
}

/** The first mailbox of a header value given as raw text (e.g. `X-Original-From`), encoded words decoded. */
export function parseMailbox(raw: string): Mailbox | undefined {
  if (raw.trim() === "") return undefined;
  return mailboxes(parseAddressHeader(raw))[0];
}

/** A display name safe to put before `<addr>`: quoted when it holds characters with a meaning there. */
function displayName(name: string): string {
  if (!/[",<>@;:\\()[\].]/.test(name)) return name;
  return `"${name.replace(/(["\\])/g, "\\$1")}"`;
}

/** `Name <addr>, addr2` for recipients / cc: decoded, one entry per mailbox. */
export function formatMailboxes(list: Mailbox[]): string {
  return list.map((box) => (box.name && box.name !== box.address ? `${displayName(box.name)} <${box.address}>` : box.address)).join(", ");
}
