import path from "node:path";
import { ensureServerPackages, isRoot } from "./install";
import { stopLeftoverRuns } from "./leftovers";
import { freePorts, waitForOwnListeners } from "./ports";
import { startProxyShim } from "./proxy-shim";
import { newRigState, stopRig } from "./rig-state";
import { prepareRunDir } from "./run-dir";
import { RIG_INFO_ENV, RUN_INFO_FILE, writeRunInfo } from "./run-info";
import type { RigInfo } from "./run-info";
import { logTail, startDovecot, startPostfix } from "./servers";
import { rigUsers } from "./users";

const PORTS_TIMEOUT_MS = 20_000;
/** A port found free can be taken by another program before our servers bind it: then start again. */
const ATTEMPTS = 3;

/** jest globalSetup of the "rig" project: Dovecot + Postfix on free loopback ports, for this run only. */
export default async function globalSetup(): Promise<void> {
  const t0 = Date.now();
  const installMs = ensureServerPackages();
  if (!isRoot()) throw new Error("The mail test rig must run as root: Dovecot and Postfix start as root and drop privileges.");
  const cleaned = await stopLeftoverRuns();
  for (let attempt = 1; ; attempt++) {
    try {
      const { infoFile, timings } = await startRig();
      // Workers are started after globalSetup and inherit this environment.
      process.env[RIG_INFO_ENV] = infoFile;
      const install = installMs === null ? "" : `, installed packages in ${installMs} ms`;
      const leftovers = cleaned.length > 0 ? `, stopped ${cleaned.length} leftover run(s)` : "";
      process.stderr.write(
        `\n[mail rig] up in ${Date.now() - t0} ms (dovecot ${timings.dovecotMs} ms, postfix ${timings.postfixMs} ms, ` +
          `ports ${timings.portsMs} ms${install}${leftovers}) at ${path.dirname(infoFile)}\n`,
      );
      return;
    } catch (err) {
      if (attempt >= ATTEMPTS || !/address already in use/i.test((err as Error).message)) throw err;
    }
  }
}

/** One start on freshly picked ports; on any failure the half-started rig is stopped and its folder removed. */
async function startRig(): Promise<{ infoFile: string; timings: Record<string, number> }> {
  const [imap, imaps, imapHaproxy, lmtp, smtp, submission, smtps] = (await freePorts(7)) as [number, number, number, number, number, number, number];
  const ports = { imap, imaps, imapHaproxy, lmtp, smtp, submission, smtps };
  const runDir = prepareRunDir(ports);
  const state = newRigState(runDir);
  try {
    const t1 = Date.now();
    const dovecot = await startDovecot(runDir);
    state.pids.push(dovecot);
    const t2 = Date.now();
    const postfix = await startPostfix(runDir);
    state.pids.push(postfix);
    const t3 = Date.now();
    await waitForOwnListeners(Object.values(ports), [dovecot, postfix], PORTS_TIMEOUT_MS).catch((err: Error) => {
      throw new Error(`${err.message}${logTail(runDir, "dovecot")}${logTail(runDir, "postfix")}`);
    });
    const timings = { dovecotMs: t2 - t1, postfixMs: t3 - t2, portsMs: Date.now() - t3 };

    const loginDisabled = await startProxyShim({ targetPort: imapHaproxy });
    state.shims.push(loginDisabled);
    const privacyRequired = await startProxyShim({ targetPort: imapHaproxy, stripLoginDisabled: true });
    state.shims.push(privacyRequired);

    const info: RigInfo = {
      host: "127.0.0.1",
      imap: { plain: imap, tls: imaps, haproxy: imapHaproxy, privacyRequired: privacyRequired.port, loginDisabled: loginDisabled.port },
      smtp: { plain: smtp, submission, smtps },
      lmtp,
      users: rigUsers(),
      caCert: path.join(runDir, "tls", "cert.pem"),
      runDir,
      dovecotConfig: path.join(runDir, "dovecot.conf"),
      postfixConfigDir: path.join(runDir, "postfix", "conf"),
      logs: { dovecot: path.join(runDir, "log", "dovecot.log"), postfix: path.join(runDir, "log", "postfix.log") },
      pids: { dovecot, postfix },
    };
    const infoFile = path.join(runDir, RUN_INFO_FILE);
    writeRunInfo(infoFile, info);
    return { infoFile, timings };
  } catch (err) {
    await stopRig(state, 2000);
    throw err;
  }
}
