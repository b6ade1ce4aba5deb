import { silentLogger } from "../../src/core/logger";
import { purgeOldLogs } from "../../src/jobs/log-cleanup";
import { openLocalSite } from "../../src/open-site";
import { tempDir } from "../helpers/temp-site";

describe("J5 log clean-up", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  test("J5 deletes Email Queue rows (with their recipients) and Unhandled Emails not modified for 30 days, and keeps newer ones", async () => {
    let now = new Date("2026-10-01T12:00:00");
    const site = openLocalSite({ file: tmp.file, now: () => now });
    const oldQueue = await site.insert({ doctype: "Email Queue", sender: "info@example.com", message: "x", recipients: [{ recipient: "a@example.org" }] });
    const oldUnhandled = await site.insert({ doctype: "Unhandled Email", reason: "bad mail", raw: "garbage" });
    // Timestamps come from the site's store: age the old rows by writing their `modified` directly.
    await site.setValue("Email Queue", String(oldQueue.doc.name), { modified: "2026-09-01 00:00:00.000000" }, { updateModified: false });
    await site.setValue("Unhandled Email", String(oldUnhandled.doc.name), { modified: "2026-09-01 00:00:00.000000" }, { updateModified: false });
    const fresh = await site.insert({ doctype: "Unhandled Email", reason: "recent", raw: "garbage" });
    now = new Date("2026-10-02T00:45:00");

    const deleted = await purgeOldLogs(site, { now, log: silentLogger });

    expect(deleted).toEqual({ "Email Queue": 1, "Unhandled Email": 1 });
    expect(await site.exists("Email Queue", String(oldQueue.doc.name))).toBe(false);
    expect(await site.count("Email Queue Recipient")).toBe(0);
    expect(await site.exists("Unhandled Email", String(oldUnhandled.doc.name))).toBe(false);
    expect(await site.exists("Unhandled Email", String(fresh.doc.name))).toBe(true);
    await site.close();
  });
});
