import { cstr } from "../../core/doc";
import type { Site } from "../../core/site";
import { DoesNotExistError } from "../../errors";
import { isSafeMessageId, stripAngleBrackets } from "./message-id";

/** How far up a chain of replies References reaches (mail clients cap it similarly). */
const MAX_REFERENCES = 20;

const bracketed = (id: string) => `<${stripAngleBrackets(id)}>`;

/**
 * The In-Reply-To and References of a reply to a Communication: its Message-ID, preceded by those of
 * the Communications it answered in turn (oldest first), so mail clients thread the reply. Frappe
 * sets In-Reply-To only for auto-replies; a reply without it lands outside the customer's thread.
 */
export async function replyThread(site: Site, communication: string): Promise<{ messageId: string; references: string[] } | undefined> {
  if (!(await site.exists("Communication", communication))) {
    throw new DoesNotExistError(`Communication ${communication} not found`, { doctype: "Communication", docname: communication });
  }
  const parent = await site.get("Communication", communication);
  const parentId = cstr(parent.message_id).trim();
  // An id from a received mail that could break the header (white space, line breaks) is not repeated.
  if (!parentId || !isSafeMessageId(parentId)) return undefined;
  const ancestors: string[] = [];
  const visited = new Set([communication]);
  let next = cstr(parent.in_reply_to);
  while (next && !visited.has(next) && ancestors.length < MAX_REFERENCES - 1 && (await site.exists("Communication", next))) {
    visited.add(next);
    const earlier = await site.get("Communication", next);
    if (isSafeMessageId(cstr(earlier.message_id).trim())) ancestors.unshift(bracketed(cstr(earlier.message_id).trim()));
    next = cstr(earlier.in_reply_to);
  }
  return { messageId: bracketed(parentId), references: [...ancestors, bracketed(parentId)] };
}
