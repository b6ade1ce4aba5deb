import fs from "node:fs";
import { cstr, type Doc } from "../../core/doc";
import type { Site } from "../../core/site";
import type { SpooledAttachment } from "./attachment-spool";

export interface StoredAttachments {
  files: Doc[];
  /** Content-ID -> the stored file's URL, for the `cid:` references (P20). */
  urlsByCid: Map<string, string>;
}

/**
 * P20: each spooled attachment becomes a private File attached to the Communication, streamed from
 * its spool file (never read whole). `onStored` hears of each File (for undoing on a site without
 * transactions). An upload error fails the mail, which is then kept whole as an Unhandled Email.
 */
export async function storeAttachments(
  site: Site,
  communication: string,
  attachments: readonly SpooledAttachment[],
  onStored: (file: Doc) => void = () => undefined,
): Promise<StoredAttachments> {
  const files: Doc[] = [];
  const urlsByCid = new Map<string, string>();
  for (const attachment of attachments) {
    const file = await site.uploadFile({
      filename: attachment.filename,
      content: fs.createReadStream(attachment.path),
      attachedToDoctype: "Communication",
      attachedToName: communication,
      isPrivate: true,
    });
    onStored(file);
    files.push(file);
    const url = cstr(file.file_url);
    if (attachment.cid && url !== "" && !urlsByCid.has(attachment.cid)) urlsByCid.set(attachment.cid, url);
  }
  return { files, urlsByCid };
}
