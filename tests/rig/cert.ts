import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * A fresh self-signed certificate for 127.0.0.1 and localhost, valid for two days, used by Dovecot and Postfix
 * and trusted by tests as their CA (`tls: { ca }`). The key stays in the run folder, readable by root only.
 */
export function generateCertificate(tlsDir: string): { cert: string; key: string } {
  fs.mkdirSync(tlsDir, { recursive: true, mode: 0o755 });
  const cert = path.join(tlsDir, "cert.pem");
  const key = path.join(tlsDir, "key.pem");
  const result = spawnSync(
    "openssl",
    [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-days", "2", "-subj", "/CN=localhost",
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout", key, "-out", cert,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`openssl could not make the rig's certificate: ${result.stderr}`);
  fs.chmodSync(key, 0o600);
  fs.chmodSync(cert, 0o644);
  return { cert, key };
}
