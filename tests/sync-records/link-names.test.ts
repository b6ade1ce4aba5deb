import type { Doc } from "../../src/core/doc";
import { loadMetaRegistry } from "../../src/schema/doctype-loader";
import { linkedNames, renameLinks } from "../../src/sync-records/link-names";

const meta = loadMetaRegistry();

const reply: Doc = {
  doctype: "Communication",
  name: "local-reply",
  email_account: "Support",
  in_reply_to: "local-first",
  reference_doctype: "Communication",
  reference_name: "local-first",
  timeline_links: [
    { doctype: "Communication Link", link_doctype: "Contact", link_name: "Alice" },
    { doctype: "Communication Link", link_doctype: "Communication", link_name: "local-first" },
  ],
};

test("Link and Dynamic Link values, child rows included, take the other site's names; others stay", () => {
  const renamed = renameLinks(reply, meta, (doctype, name) => (doctype === "Communication" && name === "local-first" ? "remote-first" : undefined));
  expect(renamed).toMatchObject({ name: "local-reply", email_account: "Support", in_reply_to: "remote-first", reference_name: "remote-first" });
  expect((renamed.timeline_links as Doc[]).map((row) => row.link_name)).toEqual(["Alice", "remote-first"]);
  expect(reply.in_reply_to).toBe("local-first");
});

test("linkedNames lists the records of one DocType a record links to", () => {
  expect(linkedNames(reply, meta, "Communication")).toEqual(["local-first", "local-first", "local-first"]);
  expect(linkedNames(reply, meta, "Email Account")).toEqual(["Support"]);
});
