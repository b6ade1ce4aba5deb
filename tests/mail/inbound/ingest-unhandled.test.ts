import { Readable } from "node:stream";
import { ValidationError } from "../../../src/errors";
import type { Site } from "../../../src/core/site";
import { ingestMessage } from "../../../src/mail/inbound";
import { keepUnhandledEmail } from "../../../src/mail/inbound/unhandled-email";
import { buildMail, eml, InboundFixture, SITE_HOST } from "./inbound-fixture";

describe("ingestMessage: mail that cannot be stored is kept as an Unhandled Email (P23)", () => {
  let fx: InboundFixture;
  beforeEach(() => {
    fx = new InboundFixture();
  });
  afterEach(async () => {
    await fx.close();
  });

  test("malformed MIME that mailparser copes with (unclosed boundaries, bad base64) still becomes a Communication", async () => {
    const account = await fx.account();
    const result = await fx.ingest(account, eml("malformed-mime.eml"));
    expect(result.status).toBe("created");
    const comm = await fx.communication(result.communication);
    expect(comm.subject).toBe("Broken boundaries");
    expect(String(comm.text_content)).toContain("Hello world!");
  });

  test("garbage bytes are not a mail: an Unhandled Email with the raw text, never an exception", async () => {
    const account = await fx.account();
    const garbage = Buffer.from([0x80, 0xff, 0x00, 0x13, 0x37, 0xfe, 0x0a, 0x0d, 0x0a, 0x80, 0x81]);
    const result = await fx.ingest(account, garbage, { uid: 77 });
    expect(result.status).toBe("unhandled");
    expect(result.reason).toMatch(/^The mail could not be parsed: DataError: The data is not a mail/);
    const kept = await fx.site.get("Unhandled Email", String(result.unhandledEmail));
    expect(kept).toMatchObject({ email_account: "Support", uid: "77", message_id: "" });
    expect(String(kept.raw)).toContain("\uFFFD");
    expect(await fx.site.count("Communication")).toBe(0);
  });

  test("a header section over mailparser's 1 MB limit cannot be parsed: kept whole as an Unhandled Email", async () => {
    const account = await fx.account();
    const huge = buildMail({ messageId: "huge-head@example.org", headers: { "X-Padding": "a".repeat(1_200_000) } });
    const result = await fx.ingest(account, Readable.from([huge.subarray(0, 500_000), huge.subarray(500_000)]), { uid: 3 });
    expect(result.status).toBe("unhandled");
    const kept = await fx.site.get("Unhandled Email", String(result.unhandledEmail));
    expect(kept.message_id).toBe("<huge-head@example.org>");
    expect(String(kept.raw).length).toBe(huge.length);
    expect(String(kept.reason)).toMatch(/^The mail could not be parsed: /);
  });

  test("a failure while storing rolls everything back (no ToDo, no Contact, no File) and keeps the mail as an Unhandled Email", async () => {
    const account = await fx.account();
    // Fails the last write (the save after the attachments were uploaded), so every earlier write must be undone.
    fx.hooks.on("Communication", "validate", (doc) => {
      if (doc.has_attachment === 1) throw new ValidationError("refused by a hook");
    });
    const result = await fx.ingest(account, eml("html-inline-image.eml"), { appendTo: "ToDo", uid: 21 });
    expect(result).toMatchObject({ status: "unhandled", reason: "The mail could not be stored: ValidationError: refused by a hook" });
    for (const doctype of ["Communication", "ToDo", "Contact"]) expect(await fx.site.count(doctype)).toBe(0);
    expect(await fx.site.count("File", { attached_to_doctype: "Communication" })).toBe(0);
    const kept = await fx.site.get("Unhandled Email", String(result.unhandledEmail));
    expect(kept).toMatchObject({ uid: "21", message_id: "<html-image-1@mail.example.org>" });
    expect(String(kept.raw)).toBe(eml("html-inline-image.eml").toString("utf8"));
    expect(fx.log.warnings.map((w) => w.msg)).toContain("kept as an Unhandled Email");
  });

  test("on a site without transactions (a remote site), a failure deletes what was written before keeping the mail", async () => {
    const account = await fx.account();
    fx.hooks.on("Communication", "validate", (doc) => {
      if (doc.has_attachment === 1) throw new ValidationError("refused by a hook");
    });
    const local = fx.site;
    // The Site interface without `transaction`, as a remote site offers it.
    const remoteLike: Site = {
      kind: "remote",
      label: "remote-like",
      meta: local.meta,
      get: (doctype, name) => local.get(doctype, name),
      exists: (doctype, name) => local.exists(doctype, name),
      getList: (doctype, args) => local.getList(doctype, args),
      count: (doctype, filters) => local.count(doctype, filters),
      insert: (doc, options) => local.insert(doc, options),
      save: (doc, options) => local.save(doc, options),
      setValue: (doctype, name, values, options) => local.setValue(doctype, name, values, options),
      delete: (doctype, name) => local.delete(doctype, name),
      getPassword: (doctype, name, field) => local.getPassword(doctype, name, field),
      uploadFile: (upload) => local.uploadFile(upload),
      call: (method, args) => local.call(method, args),
      close: async () => undefined,
    };
    const result = await ingestMessage(remoteLike, fx.message(account, eml("html-inline-image.eml"), { appendTo: "ToDo" }), { log: fx.log, siteHost: SITE_HOST });
    expect(result.status).toBe("unhandled");
    for (const doctype of ["Communication", "ToDo"]) expect(await local.count(doctype)).toBe(0);
    expect(await local.count("File", { attached_to_doctype: "Communication" })).toBe(0);
    expect(await local.count("Unhandled Email")).toBe(1);
  });

  test("a raw source over 10 MB is kept truncated to its first 10 MB, and the reason says so", async () => {
    const account = await fx.account();
    fx.hooks.on("Communication", "validate", () => {
      throw new ValidationError("refused");
    });
    const body = `${"0123456789abcdef".repeat(64)}\r\n`.repeat(11 * 1024); // about 11.3 MB
    const source = buildMail({ messageId: "big@example.org", body });
    const result = await fx.ingest(account, Readable.from([source]), { uid: 4 });
    expect(result.status).toBe("unhandled");
    const kept = await fx.site.get("Unhandled Email", String(result.unhandledEmail));
    expect(String(kept.raw).length).toBe(10 * 1024 * 1024);
    expect(String(kept.reason)).toContain(`(The raw source of ${source.length} bytes was truncated to its first 10 MB.)`);
    expect(kept.message_id).toBe("<big@example.org>");
  });

  test("T13 handle_bad_emails: message_id is the raw header with angle brackets", async () => {
    const account = await fx.account();
    const raw = buildMail({ messageId: "bad-13@example.org" });
    const kept = await keepUnhandledEmail(fx.site, fx.message(account, raw, { uid: -1 }), { totalBytes: raw.length, truncated: false, head: () => raw }, "Testing", new Error("boom"));
    const row = await fx.site.get("Unhandled Email", kept.name);
    expect(row).toMatchObject({ message_id: "<bad-13@example.org>", uid: "-1", reason: "Testing: Error: boom" });
  });

  test("T14 undecodable bytes are still stored as an Unhandled Email, found by its uid", async () => {
    const account = await fx.account();
    const raw = Buffer.from([0x80]);
    await keepUnhandledEmail(fx.site, fx.message(account, raw, { uid: 9090 }), { totalBytes: 1, truncated: false, head: () => raw }, "Testing", new Error("bad encoding"));
    const [row] = await fx.site.getList("Unhandled Email", { fields: ["raw", "message_id"], filters: { uid: "9090" } });
    expect(row).toEqual({ raw: "\uFFFD", message_id: "" });
  });

  test("a source stream that fails is not a bad mail: ingestMessage throws and keeps nothing (the mail is fetched again)", async () => {
    const account = await fx.account();
    const failing = new Readable({
      read() {
        this.push(buildMail().subarray(0, 40));
        this.destroy(new Error("connection reset"));
      },
    });
    await expect(fx.ingest(account, failing)).rejects.toThrow("connection reset");
    expect(await fx.site.count("Communication")).toBe(0);
    expect(await fx.site.count("Unhandled Email")).toBe(0);
  });
});
