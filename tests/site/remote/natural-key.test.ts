import { loadMetaRegistry } from "../../../src/schema/doctype-loader";
import { naturalKeyFilters } from "../../../src/site/remote/natural-key";

const meta = loadMetaRegistry();

describe("naturalKeyFilters", () => {
  test("a Communication is found by its message_id within its account; a blank account matches a blank one", () => {
    expect(naturalKeyFilters({ doctype: "Communication", message_id: " <a@b> ", email_account: "Support" }, meta)).toEqual({ message_id: "<a@b>", email_account: "Support" });
    expect(naturalKeyFilters({ doctype: "Communication", message_id: "<a@b>" }, meta)).toEqual({ message_id: "<a@b>", email_account: "" });
  });

  test("a Communication without message_id has no key (a comment, a call log)", () => {
    expect(naturalKeyFilters({ doctype: "Communication", subject: "x" }, meta)).toBeUndefined();
  });

  test("a DocType named from a field is found by that name (Email Account, Email Domain)", () => {
    expect(naturalKeyFilters({ doctype: "Email Domain", domain_name: "acme.test" }, meta)).toEqual({ name: "acme.test" });
    expect(naturalKeyFilters({ doctype: "Email Account", email_account_name: "Support", email_id: "s@acme.test" }, meta)).toEqual({ name: "Support" });
  });

  test("without the naming field, a unique field with a value is the key", () => {
    expect(naturalKeyFilters({ doctype: "Email Account", email_id: "s@acme.test" }, meta)).toEqual({ email_id: "s@acme.test" });
  });

  test("a Prompt-named DocType is found by the name the client gave", () => {
    expect(naturalKeyFilters({ doctype: "Email Template", name: "Welcome" }, meta)).toEqual({ name: "Welcome" });
    expect(naturalKeyFilters({ doctype: "Email Template" }, meta)).toBeUndefined();
  });

  test("hash- and series-named records have no key before the site names them", () => {
    expect(naturalKeyFilters({ doctype: "ToDo", description: "x" }, meta)).toBeUndefined();
    expect(naturalKeyFilters({ doctype: "Issue", subject: "x", name: "ISS-1" }, meta)).toBeUndefined();
    expect(naturalKeyFilters({ doctype: "Not A DocType" }, meta)).toBeUndefined();
  });
});
