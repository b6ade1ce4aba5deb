import { cstr, type Doc } from "../../core/doc";
import { escapeHtml } from "../../schema/email-address";

/**
 * Frappe's `templates/emails/auto_reply.html`: what an auto-reply says when the account's
 * Auto Reply Message is empty (or renders to nothing). Frappe prints `None None` for a mail without
 * a reference; the reference line is left out then.
 */
export function defaultAutoReplyHtml(communication: Doc): string {
  const doctype = cstr(communication.reference_doctype);
  const name = cstr(communication.reference_name);
  const reference = doctype && name ? `<p>Reference: ${escapeHtml(doctype)} ${escapeHtml(name)}</p>\n` : "";
  return (
    "<h3>Thank you for your email</h3>\n" +
    "<p>Your query has been received. We will reply back shortly. If you have any additional information, please reply to this mail.</p>\n" +
    reference +
    '<p style="font-size: 80%; color: #888">\n\tThis is an automatically generated reply\n</p>\n'
  );
}
