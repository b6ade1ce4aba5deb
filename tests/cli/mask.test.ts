import { maskPasswords } from "../../src/cli/mask";
import { loadMetaRegistry } from "../../src/schema/doctype-loader";

describe("maskPasswords", () => {
  const meta = loadMetaRegistry();

  test("Password fields show Frappe's * mask of the same length; other fields and the input are untouched", () => {
    const doc = { doctype: "Email Account", name: "Support", password: "hunter2", email_id: "s@acme.test" };
    expect(maskPasswords(doc, meta)).toEqual({ doctype: "Email Account", name: "Support", password: "*******", email_id: "s@acme.test" });
    expect(doc.password).toBe("hunter2");
  });

  test("empty passwords stay empty; numbers are masked too; unknown DocTypes pass through", () => {
    expect(maskPasswords({ doctype: "Email Account", password: "" }, meta).password).toBe("");
    expect(maskPasswords({ doctype: "Email Account", password: 1234 }, meta).password).toBe("****");
    expect(maskPasswords({ doctype: "Nope", password: "x" }, meta).password).toBe("x");
  });
});
