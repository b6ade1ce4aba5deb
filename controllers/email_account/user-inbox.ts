import type { DocumentContext } from "../../src/core/context";
import { cint, cstr, type Doc } from "../../src/core/doc";
import { bold } from "../../src/errors";

/**
 * R22 / R26: the User Email rows ("user inbox") of the Users whose e-mail address is the
 * account's. Frappe also refreshes the site default `email_user_password` (the desk's
 * "enter your e-mail password" prompt); this site has no desk, so that step is left out.
 */

function userEmailRows(user: Doc): Doc[] {
  return Array.isArray(user.user_emails) ? (user.user_emails as Doc[]) : [];
}

/** R22 (on_update): add a row to each matching User without one, else refresh the existing rows. */
export async function setupUserEmailInbox(doc: Doc, ctx: DocumentContext): Promise<void> {
  const account = cstr(doc.name);
  const emailId = cstr(doc.email_id);
  if (!account || !emailId) return;
  const users = await ctx.site.getList("User", { fields: ["name"], filters: { email: emailId }, limit: 0 });
  if (users.length === 0) return;

  const settings = {
    awaiting_password: cint(doc.awaiting_password),
    enable_outgoing: cint(doc.enable_outgoing),
    used_oauth: doc.auth_method === "OAuth" ? 1 : 0,
  };
  let someUserHadRow = false;
  for (const { name } of users) {
    const user = await ctx.site.get("User", cstr(name));
    const rows = userEmailRows(user);
    if (rows.some((row) => row.email_account === account)) {
      someUserHadRow = true;
      continue;
    }
    const row: Doc = { doctype: "User Email", email_account: account, email_id: emailId, ...settings };
    await ctx.site.save({ doctype: "User", name: cstr(name), user_emails: [...rows, row] });
  }

  if (someUserHadRow) {
    // Frappe's bulk update: every row for this account, whoever's, without touching `modified`.
    const rows = await ctx.site.getList("User Email", {
      fields: ["name"],
      filters: [
        ["email_account", "=", account],
        ["parenttype", "=", "User"],
      ],
      limit: 0,
    });
    for (const row of rows) await ctx.site.setValue("User Email", cstr(row.name), settings, { updateModified: false });
  } else {
    ctx.msgprint(`Enabled email inbox for user ${users.map((user) => bold(cstr(user.name))).join(" and ")}`);
  }
}

/** R26 (on_trash): remove the account's rows from every User and save each User. */
export async function removeUserEmailInbox(account: string, ctx: DocumentContext): Promise<void> {
  if (!account) return;
  const rows = await ctx.site.getList("User Email", {
    fields: ["parent"],
    filters: [
      ["email_account", "=", account],
      ["parenttype", "=", "User"],
    ],
    limit: 0,
  });
  for (const parent of new Set(rows.map((row) => cstr(row.parent)))) {
    const user = await ctx.site.get("User", parent);
    const kept = userEmailRows(user).filter((row) => row.email_account !== account);
    await ctx.site.save({ doctype: "User", name: parent, user_emails: kept });
  }
}
