import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Doc } from "../src/core/doc";
import { silentLogger } from "../src/core/logger";
import { ImapConnections, pullAccount } from "../src/mail/imap";
import { openLocalSite } from "../src/open-site";
import { benchServer } from "./bench-account";
import type { Measured, MeasurementTask } from "./measurement";

const SITE_HOST = process.env.FEA_SITE_HOST ?? "frappe-email-account.local";

/**
 * (c) The full pull: a fresh embedded site (SQLite file in a new temp folder), one Email Account on the
 * bench user with ALL mode and one IMAP Folder row, then `pullAccount` through the real ingest
 * (ingestMessage: parse, sanitise, dedup, threading, Communication, attachment Files), timed from the call
 * to its return (connect and SELECT included, as in the raw fetch).
 *
 * Taking every mail: Initial Sync Count is a Select (100/250/500), so a first sync would take at most the
 * newest 500. Instead the folder row is given the folder's UIDVALIDITY and `uidnext = 1` before the pull, the
 * way the puller's own cursor writes them: the pull then sees an unchanged UIDVALIDITY ("incremental") and
 * takes every UID from 1 on, through exactly the code path of any later pull.
 */
export async function measurePull(task: MeasurementTask): Promise<Measured> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fea-bench-site-"));
  const file = path.join(dir, "site.sqlite");
  const site = openLocalSite({ file, log: silentLogger });
  try {
    const account = await addBenchAccount(site, task.folder);
    const row = (account.imap_folder as Doc[])[0];
    if (!row) throw new Error("the bench account has no IMAP Folder row");
    await site.setValue("IMAP Folder", String(row.name), { uidvalidity: task.uidvalidity, uidnext: "1" }, { updateModified: false });

    const connections = new ImapConnections({ site, log: silentLogger });
    const started = performance.now();
    const report = await pullAccount(site, String(account.name), { connections, log: silentLogger, siteHost: SITE_HOST });
    const seconds = (performance.now() - started) / 1000;
    await connections.close();

    const folder = report.folders[0];
    const errors = report.errors.length + (folder?.errors.length ?? 0);
    if (errors > 0) process.stderr.write(`bench pull: ${JSON.stringify([...report.errors, ...(folder?.errors ?? [])].slice(0, 5))}\n`);
    const communications = await site.count("Communication", { email_account: account.name });
    return {
      messages: folder?.fetched ?? 0,
      seconds,
      extra: {
        created: folder?.created ?? 0,
        duplicate: folder?.duplicate ?? 0,
        unhandled: folder?.unhandled ?? 0,
        errors,
        communications,
        files: await site.count("File"),
        site_mb: siteBytes(dir) / 2 ** 20,
      },
    };
  } finally {
    await site.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function addBenchAccount(site: ReturnType<typeof openLocalSite>, folder: string): Promise<Doc> {
  const server = benchServer();
  const { doc } = await site.insert(
    {
      doctype: "Email Account",
      email_account_name: "Bench",
      email_id: server.user,
      password: server.password,
      enable_incoming: 1,
      use_imap: 1,
      email_server: server.host,
      use_ssl: 0,
      use_starttls: 0,
      incoming_port: String(server.port),
      email_sync_option: "ALL",
      initial_sync_count: "500",
      imap_folder: [{ doctype: "IMAP Folder", folder_name: folder }],
    },
    { noConnect: true },
  );
  return doc;
}

/** The site's files on disk: the SQLite file (and WAL) plus attachment files. */
function siteBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}
