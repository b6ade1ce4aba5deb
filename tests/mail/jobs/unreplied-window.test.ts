import { formatDatetime } from "../../../src/core/datetime";
import {
  inUnrepliedWindow,
  notificationAddresses,
  notificationTargets,
  unrepliedMinutes,
  unrepliedWindow,
  windowFilters,
} from "../../../src/mail/jobs/unreplied-window";

const now = new Date(2026, 2, 10, 12, 0, 0);
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("unreplied window (J2)", () => {
  test("N is unreplied_for_mins, or 30 when empty or 0", () => {
    expect(unrepliedMinutes({ doctype: "Email Account", unreplied_for_mins: 45 })).toBe(45);
    expect(unrepliedMinutes({ doctype: "Email Account", unreplied_for_mins: "20" })).toBe(20);
    expect(unrepliedMinutes({ doctype: "Email Account", unreplied_for_mins: 0 })).toBe(30);
    expect(unrepliedMinutes({ doctype: "Email Account" })).toBe(30);
  });

  test("the window runs from 3·N to N minutes ago", () => {
    expect(unrepliedWindow(now, 30)).toEqual({ after: minutesAgo(90), before: minutesAgo(30) });
  });

  test("both ends are excluded, as Frappe's < and >", () => {
    const window = unrepliedWindow(now, 30);
    expect(inUnrepliedWindow(minutesAgo(30), window)).toBe(false);
    expect(inUnrepliedWindow(minutesAgo(90), window)).toBe(false);
    expect(inUnrepliedWindow(minutesAgo(31), window)).toBe(true);
    expect(inUnrepliedWindow(minutesAgo(89), window)).toBe(true);
    expect(inUnrepliedWindow(minutesAgo(29), window)).toBe(false);
    expect(inUnrepliedWindow(minutesAgo(91), window)).toBe(false);
  });

  test("the window as filters on creation, in the site's datetime text", () => {
    expect(windowFilters(unrepliedWindow(now, 10))).toEqual([
      ["creation", "<", formatDatetime(minutesAgo(10))],
      ["creation", ">", formatDatetime(minutesAgo(30))],
    ]);
    expect(windowFilters(unrepliedWindow(now, 10))[0]?.[2]).toBe("2026-03-10 11:50:00.000000");
  });

  test("targets: the IMAP folder rows' Append To for IMAP, empty ones and repeats left out", () => {
    const account = {
      doctype: "Email Account",
      use_imap: 1,
      append_to: "Lead",
      imap_folder: [
        { doctype: "IMAP Folder", folder_name: "INBOX", append_to: "Issue" },
        { doctype: "IMAP Folder", folder_name: "Sales", append_to: "Opportunity" },
        { doctype: "IMAP Folder", folder_name: "Other", append_to: "" },
        { doctype: "IMAP Folder", folder_name: "More", append_to: "Issue" },
      ],
    };
    expect(notificationTargets(account)).toEqual(["Issue", "Opportunity"]);
  });

  test("targets: the account's own Append To for POP3; none when it is empty", () => {
    expect(notificationTargets({ doctype: "Email Account", use_imap: 0, append_to: "Lead", imap_folder: [{ doctype: "IMAP Folder", append_to: "Issue" }] })).toEqual(["Lead"]);
    expect(notificationTargets({ doctype: "Email Account", use_imap: 0, append_to: "" })).toEqual([]);
    expect(notificationTargets({ doctype: "Email Account", use_imap: 1, imap_folder: [] })).toEqual([]);
  });

  test("notification addresses: split on commas and line breaks, trimmed, empty ones dropped", () => {
    expect(notificationAddresses("a@x.test, b@x.test\r\nc@x.test\n\n , ")).toEqual(["a@x.test", "b@x.test", "c@x.test"]);
    expect(notificationAddresses(null)).toEqual([]);
  });
});
