import fs from "node:fs";
import { cint } from "../../core/doc";
import { InputError, LinkValidationError, ValidationError } from "../../errors";
import { asDictWithoutNulls } from "../doc-shape";
import type { ServerMethod, ServerMethodTable } from "./server-method";

function optionalText(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * Frappe's `upload_file` (frappe/handler.py): a multipart body with the `file` part and the fields
 * doctype, docname, is_private (Frappe's `cint`: absent means public), folder. The file arrives
 * spooled to disk and is streamed into the site, never held whole in memory. Answers the File
 * record as the returned Document is written (no nulls).
 */
const uploadFile: ServerMethod = {
  http: ["POST", "PUT"],
  async run({ ctx, args, file }) {
    if (optionalText(args.method)) throw new InputError("upload_file with a `method` to run afterwards is not supported by this site");
    if (!file) throw new ValidationError("No file attached: send the content in a multipart part named file");
    const site = ctx.site;
    const folder = optionalText(args.folder);
    // Checked before anything is stored, so a wrong folder leaves no file behind.
    if (folder && !(await site.exists("File", folder))) throw new LinkValidationError(`Could not find Folder: ${folder}`, { field: "folder" });
    const doctype = optionalText(args.doctype);
    const docname = optionalText(args.docname);
    let doc = await site.uploadFile({
      filename: file.filename,
      content: fs.createReadStream(file.path),
      isPrivate: cint(args.is_private) === 1,
      ...(doctype && docname ? { attachedToDoctype: doctype, attachedToName: docname } : {}),
    });
    if (folder && doc.folder !== folder) doc = (await site.save({ doctype: "File", name: String(doc.name), folder })).doc;
    return asDictWithoutNulls(doc, site.meta);
  },
};

/** Served under both names Frappe resolves: the shorthand and the dotted path. */
export const UPLOAD_METHODS: ServerMethodTable = {
  upload_file: uploadFile,
  "frappe.handler.upload_file": uploadFile,
};
