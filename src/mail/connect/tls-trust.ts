import net from "node:net";
import tls from "node:tls";

/** Extra certificate authorities to trust besides the system's, e.g. a company CA or a test rig's. */
export interface TrustOptions {
  ca?: string | Buffer;
}

/**
 * The TLS options for one connection. Node's `ca` option replaces the trusted roots, so an
 * extra CA is added to them rather than passed alone (else every public certificate would fail).
 */
export function tlsOptionsFor(host: string, verifyCertificate: boolean, trust: TrustOptions = {}): tls.ConnectionOptions {
  return {
    rejectUnauthorized: verifyCertificate,
    ...(trust.ca === undefined ? {} : { ca: [...tls.rootCertificates, trust.ca.toString()] }),
    // SNI carries host names only (RFC 6066); an IP address is checked against the certificate's IP SANs.
    ...(net.isIP(host) === 0 ? { servername: host } : {}),
  };
}

/** What a person needs to know about a server certificate. */
export interface CertificateSummary {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Whole days until `validTo` (negative once expired). */
  daysLeft: number;
  selfSigned: boolean;
  altNames?: string;
}

function nameOf(entity: tls.Certificate | undefined): string {
  if (!entity) return "";
  const parts = [entity.CN, entity.O].filter((part): part is string => typeof part === "string" && part !== "");
  return parts.join(", ");
}

/** `cert` as `getPeerCertificate(true)` returns it (the issuer chain is needed to tell a self-signed one). */
export function summariseCertificate(cert: tls.DetailedPeerCertificate, now: Date = new Date()): CertificateSummary | undefined {
  if (!cert || Object.keys(cert).length === 0) return undefined;
  const validTo = new Date(cert.valid_to);
  return {
    subject: nameOf(cert.subject),
    issuer: nameOf(cert.issuer),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - now.getTime()) / 86_400_000),
    selfSigned: cert.fingerprint256 !== undefined && cert.issuerCertificate?.fingerprint256 === cert.fingerprint256,
    ...(cert.subjectaltname ? { altNames: cert.subjectaltname } : {}),
  };
}
