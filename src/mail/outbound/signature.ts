import { cint, cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import { escapeHtml } from "../../schema/email-address";
import { STANDARD_USERS } from "./addresses";
import { contentAsHtml } from "./html-body";

/**
 * S11, as the desk composer does it: the sending user's own `email_signature`, else the sending
 * account's `signature` when its `add_signature` is on.
 */
export async function findSignature(site: Site, user: string | undefined, account: Doc): Promise<string> {
  if (user && !STANDARD_USERS.has(user) && (await site.exists("User", user))) {
    const own = cstr((await site.get("User", user)).email_signature).trim();
    if (own) return own;
  }
  return cint(account.add_signature) ? cstr(account.signature).trim() : "";
}

function looksLikeHtml(text: string): boolean {
  return /<[a-z][^>]*>/i.test(text);
}

/**
 * The content with the signature after a line break; a plain-text signature keeps its line breaks.
 * Not added twice when the content already holds it (a reply that quotes an earlier mail).
 */
export function appendSignature(content: string, signature: string): string {
  if (!signature) return content;
  const html = looksLikeHtml(signature) ? signature : escapeHtml(signature).replace(/\r?\n/g, "<br>");
  if (content.includes(signature) || content.includes(html)) return content;
  // Plain content becomes HTML first (it would no longer start with "<" once the signature is on).
  const body = content.trim().startsWith("<") ? content : `<div>${contentAsHtml(content)}</div>`;
  return `${body}<br><div class="signature">${html}</div>`;
}
