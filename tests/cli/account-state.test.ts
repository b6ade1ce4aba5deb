import { accountState, accountStatus, statusRow } from "../../src/cli/account-state";

const base = { doctype: "Email Account", name: "Support", email_id: "support@acme.test", auth_method: "Basic" };

describe("accountState", () => {
  test("disabled when neither incoming nor outgoing is on", () => {
    expect(accountState({ ...base, awaiting_password: 1 })).toEqual({ state: "disabled", reason: "incoming and outgoing disabled" });
  });

  test("awaiting password says which command sets it", () => {
    expect(accountState({ ...base, enable_incoming: 1, awaiting_password: 1 })).toEqual({
      state: "awaiting password",
      reason: "awaiting password: run `frappe-email-account set-password Support`",
    });
    expect(accountState({ ...base, name: "Team Desk", enable_outgoing: 1, awaiting_password: 1 }).reason).toBe(
      'awaiting password: run `frappe-email-account set-password "Team Desk"`',
    );
  });

  test("no stored password (and not awaiting one) also needs set-password", () => {
    expect(accountState({ ...base, enable_outgoing: 1 })).toEqual({ state: "awaiting password", reason: "no password stored: run `frappe-email-account set-password Support`" });
  });

  test("ready with a stored password, with OAuth, or outgoing without SMTP authentication", () => {
    expect(accountState({ ...base, enable_incoming: 1, password: "******" })).toEqual({ state: "ready", reason: "" });
    expect(accountState({ ...base, enable_outgoing: 1, no_smtp_authentication: 1 })).toEqual({ state: "ready", reason: "" });
    expect(accountState({ ...base, enable_incoming: 1, auth_method: "OAuth", connected_app: "Google" })).toEqual({ state: "ready", reason: "OAuth via Google" });
  });
});

describe("accountStatus / statusRow", () => {
  test("incoming and outgoing with default markers, and where mail lands", () => {
    const status = accountStatus({
      ...base,
      enable_incoming: 1,
      default_incoming: 1,
      use_imap: 1,
      enable_outgoing: 1,
      default_outgoing: 0,
      awaiting_password: 1,
      imap_folder: [{ doctype: "IMAP Folder", folder_name: "INBOX", append_to: "Issue" }, { doctype: "IMAP Folder", folder_name: "Archive" }],
    });
    expect(status).toMatchObject({ incoming: true, default_incoming: true, outgoing: true, default_outgoing: false, append_to: ["INBOX -> Issue", "Archive -> Communication"] });
    expect(statusRow(status).slice(0, 5)).toEqual(["Support", "support@acme.test", "on (default)", "on", "INBOX -> Issue, Archive -> Communication"]);
  });

  test("a POP account shows its own Append To; no incoming shows nothing", () => {
    expect(accountStatus({ ...base, enable_incoming: 1, use_imap: 0, append_to: "Lead" }).append_to).toEqual(["Lead"]);
    expect(accountStatus({ ...base, enable_outgoing: 1, default_outgoing: 1, append_to: "Lead" })).toMatchObject({ append_to: [], default_outgoing: true });
  });
});
