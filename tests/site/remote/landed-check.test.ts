import { loadMetaRegistry } from "../../../src/schema/doctype-loader";
import { saveLanded } from "../../../src/site/remote/landed-check";

const meta = loadMetaRegistry();
const sent = { doctype: "Email Account", name: "Support", modified: "2026-01-01 10:00:00.000000", enable_incoming: 1, email_server: "imap.acme.test", password: "secret" };

describe("saveLanded", () => {
  test("the stored record moved on and holds what the save sent: it landed (Password fields are masked, not compared)", () => {
    expect(saveLanded(sent, { ...sent, modified: "2026-01-01 10:00:01.000000", enable_incoming: "1", password: "******" }, meta)).toBe(true);
  });

  test("the same modified: the save did not land", () => {
    expect(saveLanded(sent, { ...sent }, meta)).toBe(false);
  });

  test("moved on but with other values: someone else saved (the retry then reports the stale modified)", () => {
    expect(saveLanded(sent, { ...sent, modified: "2026-01-01 10:00:01.000000", email_server: "other.acme.test" }, meta)).toBe(false);
  });

  test("blank values compare equal whatever their form; a save without modified is never judged", () => {
    expect(saveLanded({ ...sent, login_id: null }, { ...sent, modified: "x", login_id: "" }, meta)).toBe(true);
    const { modified: _m, ...withoutModified } = sent;
    expect(saveLanded(withoutModified, { ...sent, modified: "x" }, meta)).toBe(false);
  });
});
