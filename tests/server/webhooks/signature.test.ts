import { checkWebhookSignature, frappeWebhookSignature, WEBHOOK_SIGNATURE_HEADER, webhookSecretFrom } from "../../../src/server/webhooks";
import { frappeSignature, pythonJsonDumps } from "./support/frappe-webhook";

/** Frappe's webhook signature (src/server/webhooks/signature.ts), against values Python computed. */

// Computed with CPython 3: body = json.dumps(DOC); base64.b64encode(hmac.new(b"s3cret-for-tests", body.encode("utf8"), hashlib.sha256).digest())
const DOC = {
  doctype: "Email Account",
  name: "Support",
  email_id: "support@example.com",
  email_account_name: "Support – Zürich",
  enable_incoming: 1,
  imap_folder: [{ folder_name: "INBOX", idx: 1 }],
  note: 'line\nbreak "q" \\ \u007f \u{1F600} /',
  x: null,
};
const PYTHON_BODY =
  '{"doctype": "Email Account", "name": "Support", "email_id": "support@example.com", "email_account_name": "Support \\u2013 Z\\u00fcrich", "enable_incoming": 1, "imap_folder": [{"folder_name": "INBOX", "idx": 1}], "note": "line\\nbreak \\"q\\" \\\\ \\u007f \\ud83d\\ude00 /", "x": null}';
const PYTHON_SIGNATURE = "8RZX8AO09RyfvPN/97gn/DZK2oDCFRQ2SRaVwTtdMiw=";
const SECRET = "s3cret-for-tests";

test("the header is Frappe's X-Frappe-Webhook-Signature", () => {
  expect(WEBHOOK_SIGNATURE_HEADER).toBe("X-Frappe-Webhook-Signature");
});

test("the tests' body helper writes what Python's json.dumps writes", () => {
  expect(pythonJsonDumps(DOC)).toBe(PYTHON_BODY);
});

test("signs as Frappe does: base64 of HMAC-SHA256 over the body bytes, matching Python's value", () => {
  const body = Buffer.from(PYTHON_BODY, "utf8");
  expect(frappeWebhookSignature(SECRET, body)).toBe(PYTHON_SIGNATURE);
  expect(frappeSignature(SECRET, body)).toBe(PYTHON_SIGNATURE);
});

describe("checkWebhookSignature", () => {
  const body = Buffer.from(PYTHON_BODY, "utf8");

  test("valid for Frappe's header, also with surrounding spaces", () => {
    expect(checkWebhookSignature(SECRET, body, PYTHON_SIGNATURE)).toBe("valid");
    expect(checkWebhookSignature(SECRET, body, ` ${PYTHON_SIGNATURE} `)).toBe("valid");
  });

  test("missing when absent or blank", () => {
    expect(checkWebhookSignature(SECRET, body, undefined)).toBe("missing");
    expect(checkWebhookSignature(SECRET, body, "  ")).toBe("missing");
  });

  test("mismatch for another secret, another body, another length or another encoding", () => {
    expect(checkWebhookSignature("other", body, PYTHON_SIGNATURE)).toBe("mismatch");
    expect(checkWebhookSignature(SECRET, Buffer.concat([body, Buffer.from(" ")]), PYTHON_SIGNATURE)).toBe("mismatch");
    expect(checkWebhookSignature(SECRET, body, PYTHON_SIGNATURE.slice(0, -1))).toBe("mismatch");
    expect(checkWebhookSignature(SECRET, body, Buffer.from(PYTHON_SIGNATURE, "base64").toString("hex"))).toBe("mismatch");
    expect(checkWebhookSignature(SECRET, body, [PYTHON_SIGNATURE, PYTHON_SIGNATURE])).toBe("mismatch");
  });
});

test("the secret comes from FEA_WEBHOOK_SECRET; unset or empty means none", () => {
  expect(webhookSecretFrom({ FEA_WEBHOOK_SECRET: "abc" })).toBe("abc");
  expect(webhookSecretFrom({ FEA_WEBHOOK_SECRET: "" })).toBeUndefined();
  expect(webhookSecretFrom({})).toBeUndefined();
});
