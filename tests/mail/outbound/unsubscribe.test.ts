import { quotePlus, signedParams, unsubscribeMessage, unsubscribeUrl, urlencode } from "../../../src/mail/outbound/unsubscribe";

describe("signed unsubscribe links (S12)", () => {
  const params = { email: "jane.doe+x@example.test", doctype: "Sales Invoice", name: "SINV-0001 (it's)*!" };

  it("encodes the query as Python's urlencode does", () => {
    expect(quotePlus("a b+c@d/(e)*!'~_.-")).toBe("a+b%2Bc%40d%2F%28e%29%2A%21%27~_.-");
    expect(urlencode(params)).toBe("email=jane.doe%2Bx%40example.test&doctype=Sales+Invoice&name=SINV-0001+%28it%27s%29%2A%21");
  });

  it("signs it with HMAC-SHA512 of the site secret, the value Frappe's verify_request expects", () => {
    // Reference value computed with Python: hmac.new(b"site-secret", urlencode(params).encode(), hashlib.sha512).hexdigest()
    expect(signedParams(params, "site-secret")).toBe(
      "email=jane.doe%2Bx%40example.test&doctype=Sales+Invoice&name=SINV-0001+%28it%27s%29%2A%21&_signature=" +
        "b7a5b0b7c6db9b0de8647f8dda0c9b2944a47ee057f0af104d1e199205e63faae247549157639cae3679e2d5b4cae45fdfd83c9f47d19eccf2656df497030e21",
    );
  });

  it("builds the URL on the site with Frappe's default method", () => {
    const url = unsubscribeUrl({ siteUrl: "https://erp.example.test", email: "a@example.test", referenceDoctype: "Lead", referenceName: "L-1" }, "s");
    expect(url).toMatch(/^https:\/\/erp\.example\.test\/api\/method\/frappe\.email\.queue\.unsubscribe\?email=a%40example\.test&doctype=Lead&name=L-1&_signature=[0-9a-f]{128}$/);
  });

  it("puts the link text and the URL placeholder in the footer and the text part", () => {
    const message = unsubscribeMessage("Leave this conversation", "header");
    expect(message.html).toContain('"<!--unsubscribe_url-->">Leave this conversation</a> to stop receiving emails of this type');
    expect(message.text).toBe("\n\nLeave this conversation:\n<!--unsubscribe_url-->\n");
    expect(unsubscribeMessage("", "footer").text).toBe("\n<!--cc_message-->\n\nUnsubscribe:\n<!--unsubscribe_url-->\n");
  });
});
