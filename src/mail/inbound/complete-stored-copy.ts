import crypto from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";
import { cint, cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import type { SpooledAttachment } from "./attachment-spool";
import { type MailBodies, storedContent } from "./mail-content";
import type { ParsedMail } from "./parsed-mail";
import { storeAttachments } from "./store-attachments";

/** Frappe's File `content_hash`: the MD5 of the content. */
async function contentHash(path: string): Promise<string> {
  const hash = crypto.createHash("md5");
  await pipeline(fs.createReadStream(path), hash);
  return hash.digest("hex");
}

/**
 * A stored copy of this mail whose attachments did not all make it: on a site without transactions
 * an earlier attempt can be cut short after its Communication landed (a kill, a site that stopped
 * answering). The Files missing from it (compared by content hash) are uploaded and the final save
 * (`has_attachment` + content with its `cid:` links) is made, so fetching the mail again finishes it
 * instead of calling it a duplicate. Returns false, writing nothing, when the copy is complete.
 */
export async function completeStoredCopy(
  site: Site,
  stored: Doc,
  mail: Pick<ParsedMail, "attachments" | "skipped">,
  bodies: MailBodies,
  onStored: (file: Doc) => void = () => undefined,
): Promise<boolean> {
  if (mail.attachments.length === 0) return false;
  const name = cstr(stored.name);
  const files = await site.getList("File", {
    fields: ["name", "content_hash", "file_url"],
    filters: { attached_to_doctype: "Communication", attached_to_name: name },
    limit: 0,
  });
  if (cint(stored.has_attachment) === 1 && files.length >= mail.attachments.length) return false;

  const unused = [...files];
  const missing: SpooledAttachment[] = [];
  const urlsByCid = new Map<string, string>();
  for (const attachment of mail.attachments) {
    const hash = await contentHash(attachment.path);
    const index = unused.findIndex((file) => cstr(file.content_hash) === hash);
    const found = index < 0 ? undefined : unused.splice(index, 1)[0];
    if (!found) {
      missing.push(attachment);
      continue;
    }
    const url = cstr(found.file_url);
    if (attachment.cid && url !== "" && !urlsByCid.has(attachment.cid)) urlsByCid.set(attachment.cid, url);
  }
  const uploaded = await storeAttachments(site, name, missing, onStored);
  for (const [cid, url] of uploaded.urlsByCid) if (!urlsByCid.has(cid)) urlsByCid.set(cid, url);
  await site.save({ doctype: "Communication", name, has_attachment: 1, content: storedContent(bodies, urlsByCid, mail.skipped) });
  return true;
}
