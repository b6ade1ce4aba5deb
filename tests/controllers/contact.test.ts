import { contactFullName } from "../../controllers/contact";
import type { Doc } from "../../src/core/doc";
import { ValidationError } from "../../src/errors";
import { openLocalSite } from "../../src/open-site";
import type { LocalSite } from "../../src/site/local-site";
import { tempDir } from "../helpers/temp-site";

describe("Contact controller", () => {
  let tmp: ReturnType<typeof tempDir>;
  let site: LocalSite;

  beforeEach(() => {
    tmp = tempDir();
    site = openLocalSite({ file: tmp.file });
  });
  afterEach(async () => {
    await site.close();
    tmp.cleanup();
  });

  const contact = async (fields: Record<string, unknown>): Promise<Doc> => (await site.insert({ doctype: "Contact", ...fields })).doc;

  test("full name joins first, middle and last name, else the company", () => {
    expect(contactFullName(" Jane ", "", "Doe", "ACME")).toBe("Jane Doe");
    expect(contactFullName(null, undefined, "", "ACME")).toBe("ACME");
  });

  test("a Contact is named after its full name, which is also stored", async () => {
    const doc = await contact({ first_name: "Jane", middle_name: "Q", last_name: "Doe" });
    expect(doc).toMatchObject({ name: "Jane Q Doe", full_name: "Jane Q Doe" });
    expect((await contact({ company_name: "ACME Ltd" })).name).toBe("ACME Ltd");
  });

  test("a clashing name gets -1, -2, ... appended", async () => {
    const names = [];
    for (let i = 0; i < 3; i++) names.push((await contact({ first_name: "Jane", last_name: "Doe" })).name);
    expect(names).toEqual(["Jane Doe", "Jane Doe-1", "Jane Doe-2"]);
  });

  test("the number follows the highest one taken, not the count (a name kept on import stays)", async () => {
    await contact({ first_name: "Max" });
    await site.insert({ doctype: "Contact", name: "Max-9", first_name: "Max" }, { keepName: true });
    expect((await contact({ first_name: "Max" })).name).toBe("Max-10");
  });

  test("the first linked document's name is appended to the name", async () => {
    const { doc: lead } = await site.insert({ doctype: "Lead", first_name: "Ann", title: "Ann's lead" });
    const doc = await contact({ first_name: "Ann", links: [{ link_doctype: "Lead", link_name: lead.name }] });
    expect(doc.name).toBe(`Ann-${String(lead.name)}`);
  });

  test("a single e-mail row is primary and email_id mirrors it", async () => {
    const doc = await contact({ first_name: "Jane", email_ids: [{ email_id: " jane@example.org " }] });
    expect((doc.email_ids as Doc[])[0]?.is_primary).toBe(1);
    expect(doc.email_id).toBe("jane@example.org");
  });

  test("with several rows the marked one is primary; none marked leaves email_id empty, as in Frappe", async () => {
    const marked = await contact({ first_name: "A", email_ids: [{ email_id: "a@example.org" }, { email_id: "b@example.org", is_primary: 1 }] });
    const unmarked = await contact({ first_name: "B", email_ids: [{ email_id: "a@example.org" }, { email_id: "b@example.org" }] });
    expect(marked.email_id).toBe("b@example.org");
    expect(unmarked.email_id ?? "").toBe("");
  });

  test("two primary e-mail rows are refused", async () => {
    const attempt = contact({ first_name: "A", email_ids: [{ email_id: "a@example.org", is_primary: 1 }, { email_id: "b@example.org", is_primary: 1 }] });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ message: "Only one <strong>Email ID</strong> can be set as primary." });
  });

  test("phone and mobile_no mirror their primary phone rows", async () => {
    const doc = await contact({
      first_name: "P",
      phone_nos: [
        { phone: "+41 44 000 00 00", is_primary_phone: 1 },
        { phone: "+41 79 000 00 00", is_primary_mobile_no: 1 },
      ],
    });
    expect(doc).toMatchObject({ phone: "+41 44 000 00 00", mobile_no: "+41 79 000 00 00" });
  });

  test("the User with the primary address becomes the Contact's user", async () => {
    const doc = await contact({ first_name: "Admin", email_ids: [{ email_id: "admin@example.com" }] });
    expect(doc.user).toBe("Administrator");
  });

  test("links get their document's title and duplicates are dropped", async () => {
    const { doc: lead } = await site.insert({ doctype: "Lead", first_name: "Ann", title: "Ann's lead" });
    const row = { link_doctype: "Lead", link_name: lead.name };
    const doc = await contact({ first_name: "Ann", links: [row, { ...row }] });
    expect((doc.links as Doc[]).map((l) => [l.link_doctype, l.link_name, l.link_title])).toEqual([["Lead", lead.name, "Ann's lead"]]);
  });
});
