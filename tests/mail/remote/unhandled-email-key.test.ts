import { loadMetaRegistry } from "../../../src/schema/doctype-loader";
import { naturalKeyFilters } from "../../../src/site/remote/natural-key";

const meta = loadMetaRegistry();

describe("the remote site's key for an Unhandled Email (looked up before an insert whose answer was lost is repeated)", () => {
  test("its Message-ID and UID within its account", () => {
    expect(naturalKeyFilters({ doctype: "Unhandled Email", email_account: "Support", uid: "17", message_id: " <m@x> ", reason: "r" }, meta)).toEqual({
      message_id: "<m@x>",
      uid: "17",
      email_account: "Support",
    });
  });

  test("a refused mail without a Message-ID has no key", () => {
    expect(naturalKeyFilters({ doctype: "Unhandled Email", email_account: "Support", uid: "17", message_id: "" }, meta)).toBeUndefined();
  });
});
