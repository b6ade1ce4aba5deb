import tls from "node:tls";
import { tlsOptionsFor } from "../../../src/mail/connect/tls-trust";

describe("tlsOptionsFor", () => {
  test("an extra CA is added to the system's roots, not put in their place", () => {
    const options = tlsOptionsFor("mail.example.com", true, { ca: "-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n" });
    const ca = options.ca as string[];
    expect(ca.length).toBe(tls.rootCertificates.length + 1);
    expect(ca.slice(0, -1)).toEqual([...tls.rootCertificates]);
    expect(options.rejectUnauthorized).toBe(true);
  });

  test("SNI only for host names; no CA option without an extra CA; verification can be turned off", () => {
    expect(tlsOptionsFor("mail.example.com", true)).toEqual({ rejectUnauthorized: true, servername: "mail.example.com" });
    expect(tlsOptionsFor("127.0.0.1", false)).toEqual({ rejectUnauthorized: false });
    expect(tlsOptionsFor("::1", true)).toEqual({ rejectUnauthorized: true });
  });
});
