import { rowStatusAfter } from "../../../src/mail/outbound/row-status";
import type { SendFailure } from "../../../src/mail/outbound/send-failure";

const row = (retry: number, recipients: Array<[string, string, string?]>) => ({
  doctype: "Email Queue",
  name: "q1",
  retry,
  recipients: recipients.map(([recipient, status, error]) => ({ doctype: "Email Queue Recipient", recipient, status, error: error ?? null })),
});
const transient: SendFailure = { kind: "transient", accountWide: true, text: "connect ECONNREFUSED" };
const permanent: SendFailure = { kind: "permanent", accountWide: true, text: "535 5.7.8 authentication failed" };
const refused: SendFailure = { kind: "recipient", accountWide: false, text: "550 5.1.1 User unknown" };

describe("rowStatusAfter", () => {
  it("every recipient delivered: Sent, retry unchanged", () => {
    expect(rowStatusAfter(row(1, [["a@x.test", "Not Sent"]]), { sentNow: ["a@x.test"], refused: [] }, 3)).toEqual({ status: "Sent", retry: 1, error: null });
  });

  it("a transient failure before anybody got it: Not Sent, retry + 1", () => {
    expect(rowStatusAfter(row(0, [["a@x.test", "Not Sent"]]), { sentNow: [], refused: [], stopped: transient }, 3)).toEqual({
      status: "Not Sent",
      retry: 1,
      error: "connect ECONNREFUSED",
    });
  });

  it("a transient failure after somebody got it: Partially Sent", () => {
    const update = rowStatusAfter(row(0, [["a@x.test", "Not Sent"], ["b@x.test", "Not Sent"]]), { sentNow: ["a@x.test"], refused: [], stopped: transient }, 3);
    expect(update.status).toBe("Partially Sent");
  });

  it("retries used up: Error (four attempts in all with the limit 3, as Frappe)", () => {
    expect(rowStatusAfter(row(2, [["a@x.test", "Not Sent"]]), { sentNow: [], refused: [], stopped: transient }, 3).status).toBe("Not Sent");
    expect(rowStatusAfter(row(3, [["a@x.test", "Not Sent"]]), { sentNow: [], refused: [], stopped: transient }, 3)).toMatchObject({ status: "Error", retry: 4 });
  });

  it("a permanent failure ends in Error at once, with the server's words", () => {
    expect(rowStatusAfter(row(0, [["a@x.test", "Not Sent"]]), { sentNow: [], refused: [], stopped: permanent }, 3)).toEqual({
      status: "Error",
      retry: 1,
      error: "535 5.7.8 authentication failed",
    });
  });

  it("an address refused for good while the others got it: Error, naming the address", () => {
    const update = rowStatusAfter(row(0, [["a@x.test", "Not Sent"], ["nobody@x.test", "Not Sent"]]), { sentNow: ["a@x.test"], refused: [{ recipient: "nobody@x.test", failure: refused }] }, 3);
    expect(update).toEqual({ status: "Error", retry: 1, error: "nobody@x.test: 550 5.1.1 User unknown" });
  });

  it("a transient stop when only refused addresses remain: Error (nothing left to retry)", () => {
    const update = rowStatusAfter(row(0, [["a@x.test", "Sent"], ["nobody@x.test", "Not Sent", "550 earlier"]]), { sentNow: [], refused: [], stopped: transient }, 3);
    expect(update.status).toBe("Error");
  });
});
