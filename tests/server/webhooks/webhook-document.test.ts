import { InputError } from "../../../src/errors";
import { webhookDocument } from "../../../src/server/webhooks";

/** Reading the document out of a webhook body (src/server/webhooks/webhook-document.ts). */

const body = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value));
const HOW = "set the Webhook's Request Structure to JSON and its JSON Request Body to {{ doc | json }}";

test("a JSON object with doctype and name is the document, child rows and all", () => {
  const doc = { doctype: "Email Account", name: "Support", imap_folder: [{ folder_name: "INBOX" }] };
  expect(webhookDocument(body(doc))).toEqual(doc);
});

test("a numeric name becomes text", () => {
  expect(webhookDocument(body({ doctype: "ToDo", name: 7 }))).toEqual({ doctype: "ToDo", name: "7" });
});

test.each([
  ["not JSON", "{oops", `The webhook body is not valid JSON: ${HOW}`],
  ["an array", [{ doctype: "ToDo", name: "1" }], `The webhook body must be a JSON object (the document): ${HOW}`],
  ["null", "null", `The webhook body must be a JSON object (the document): ${HOW}`],
  ["no doctype", { name: "x" }, `The webhook body has no "doctype": ${HOW}`],
  ["a blank doctype", { doctype: " ", name: "x" }, `The webhook body has no "doctype": ${HOW}`],
  ["no name", { doctype: "ToDo" }, `The webhook body for ToDo has no "name": ${HOW}`],
  ["an empty name", { doctype: "ToDo", name: "" }, `The webhook body for ToDo has no "name": ${HOW}`],
])("%s is an InputError telling the admin what to set", (_what, value, message) => {
  expect(() => webhookDocument(body(value))).toThrow(InputError);
  expect(() => webhookDocument(body(value))).toThrow(message);
});
