import type { Doc } from "../../../src/core/doc";
import { autoReplySkipReason, isNoReplyAddress } from "../../../src/mail/jobs/auto-reply-eligibility";

const account: Doc = { doctype: "Email Account", name: "Support", email_id: "Support@Example.test", enable_auto_reply: 1 };
const received = (fields: Record<string, unknown> = {}): Doc => ({
  doctype: "Communication",
  sent_or_received: "Received",
  communication_type: "Communication",
  sender: "jane@customer.test",
  ...fields,
});
const own = new Set(["support@example.test", "sales@example.test"]);

describe("autoReplySkipReason", () => {
  test("a customer's new mail on an account with auto-reply on is answered", () => {
    expect(autoReplySkipReason({ account, communication: received(), ownAddresses: own })).toBeUndefined();
  });

  test("auto-reply off", () => {
    expect(autoReplySkipReason({ account: { ...account, enable_auto_reply: 0 }, communication: received(), ownAddresses: own })).toBe("auto-reply is off");
  });

  test("a mail the inbound code marked automated (auto-reply, bounce, list) is never answered", () => {
    expect(autoReplySkipReason({ account, communication: received({ communication_type: "Automated Message" }), ownAddresses: own })).toMatch(/^automated mail/);
  });

  test("a sent Communication is not answered", () => {
    expect(autoReplySkipReason({ account, communication: received({ sent_or_received: "Sent" }), ownAddresses: own })).toBe("not a received mail");
  });

  test("no sender address", () => {
    expect(autoReplySkipReason({ account, communication: received({ sender: "" }), ownAddresses: own })).toBe("no sender address");
  });

  test("mail from the account itself or any other account of the site (two accounts must not answer each other)", () => {
    expect(autoReplySkipReason({ account, communication: received({ sender: "support@example.test" }), ownAddresses: new Set() })).toBe("sent from one of this site's own accounts");
    expect(autoReplySkipReason({ account, communication: received({ sender: "Sales@Example.test" }), ownAddresses: own })).toBe("sent from one of this site's own accounts");
  });

  test("robots and lists", () => {
    expect(autoReplySkipReason({ account, communication: received({ sender: "no-reply@shop.test" }), ownAddresses: own })).toBe("the sender takes no replies");
  });
});

describe("isNoReplyAddress", () => {
  test.each(["noreply@x.test", "No-Reply@x.test", "no_reply+tag@x.test", "donotreply@x.test", "do-not-reply@x.test", "MAILER-DAEMON@x.test", "postmaster@x.test", "owner-list@x.test", "list-request@x.test", "news-bounces@x.test", "majordomo@x.test"])(
    "%s takes no replies",
    (address) => expect(isNoReplyAddress(address)).toBe(true),
  );

  test.each(["jane@x.test", "noreplyjane@x.test", "reply@x.test", "postmaster-jane@x.test", "requests@x.test"])("%s is a person", (address) => expect(isNoReplyAddress(address)).toBe(false));
});
