import { classifySendFailure, redactSecret } from "../../../src/mail/outbound/send-failure";
import { AuthenticationError } from "../../../src/errors";

const smtpError = (message: string, fields: Record<string, unknown>) => Object.assign(new Error(message), fields);

describe("classifySendFailure", () => {
  it("a refused login (535) is permanent and account-wide", () => {
    const failure = classifySendFailure(smtpError("Invalid login: 535 5.7.8 Error: authentication failed", { code: "EAUTH", responseCode: 535, command: "AUTH PLAIN" }));
    expect(failure).toMatchObject({ kind: "permanent", accountWide: true, responseCode: 535, code: "EAUTH" });
  });

  it("an unknown recipient (550 at RCPT) concerns that recipient only", () => {
    const failure = classifySendFailure(smtpError("Can't send mail - all recipients were rejected: 550 5.1.1 User unknown", { code: "EENVELOPE", responseCode: 550, command: "RCPT TO" }));
    expect(failure).toMatchObject({ kind: "recipient", accountWide: false });
  });

  it("a 4xx reply or a dropped connection is transient", () => {
    expect(classifySendFailure(smtpError("451 4.3.0 try later", { code: "EENVELOPE", responseCode: 451, command: "RCPT TO" })).kind).toBe("transient");
    expect(classifySendFailure(smtpError("connect ECONNREFUSED 127.0.0.1:1", { code: "ESOCKET", command: "CONN" }))).toMatchObject({ kind: "transient", accountWide: true });
    expect(classifySendFailure(smtpError("Greeting never received", { code: "ETIMEDOUT", command: "CONN" })).kind).toBe("transient");
  });

  it("a 5xx for the sender or the message is permanent for the row only", () => {
    expect(classifySendFailure(smtpError("554 5.7.1 rejected", { code: "EMESSAGE", responseCode: 554, command: "DATA" }))).toMatchObject({ kind: "permanent", accountWide: false });
  });

  it("a site refusal (no password stored) is permanent and account-wide", () => {
    expect(classifySendFailure(new AuthenticationError("Password not found for Email Account Support password"))).toMatchObject({
      kind: "permanent",
      accountWide: true,
      text: "Password not found for Email Account Support password",
    });
  });

  it("never keeps the password or its AUTH encodings in the text", () => {
    const secret = "s3cr3t-pw";
    const plain = Buffer.from(`\0user@example.test\0${secret}`).toString("base64");
    const text = `Invalid login: 535 AUTH PLAIN ${plain} ${secret} ${Buffer.from(secret).toString("base64")}`;
    const failure = classifySendFailure(smtpError(text, { code: "EAUTH", responseCode: 535 }), secret, "user@example.test");
    expect(failure.text).not.toContain(secret);
    expect(failure.text).not.toContain(plain);
    expect(failure.text).not.toContain(Buffer.from(secret).toString("base64"));
    expect(redactSecret("abc", undefined)).toBe("abc");
  });
});
