import { redactSecrets, redactText } from "../../../src/mail/connect/redact";

describe("redactSecrets", () => {
  test("masks the secret in the message, the stack, string properties, nested objects and the wrapped cause", () => {
    const inner = Object.assign(new Error("server said hunter2"), { response: { text: "echo hunter2" } });
    const outer = Object.assign(new Error("login hunter2 failed", { cause: inner }), { executedCommand: 'LOGIN "u" "hunter2"', responseCode: 535 });
    expect(redactSecrets(outer, "hunter2")).toBe(outer);
    expect(outer.message).toBe("login ***** failed");
    expect(outer.stack).not.toContain("hunter2");
    expect(outer.executedCommand).toBe('LOGIN "u" "*****"');
    expect(outer.responseCode).toBe(535);
    expect(inner.message).toBe("server said *****");
    expect(inner.response.text).toBe("echo *****");
  });

  test("no secret, an empty one or a non-object leaves things as they are", () => {
    const err = new Error("nothing secret");
    expect(redactSecrets(err, undefined, "").message).toBe("nothing secret");
    expect(redactSecrets("text", "text")).toBe("text");
  });

  test("survives cycles and read-only properties", () => {
    const err = new Error("a hunter2") as Error & { self?: unknown };
    err.self = err;
    Object.defineProperty(err, "fixed", { value: "hunter2", writable: false, enumerable: true });
    expect(() => redactSecrets(err, "hunter2")).not.toThrow();
    expect(err.message).toBe("a *****");
  });

  test("redactText masks every occurrence of every secret", () => {
    expect(redactText("a b a", "a", "b")).toBe("***** ***** *****");
  });
});
