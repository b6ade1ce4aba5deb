import path from "node:path";
import { tempDir } from "../../helpers/temp-site";
import { jsonOf, runCli, snapshot } from "../run-cli";

/** tests/data/records/email-accounts.json: one hand-written record per rule, in this order. */
const RECORDS = path.resolve(__dirname, "../../data/records/email-accounts.json");

interface Result {
  doctype: string;
  name: string | null;
  valid: boolean;
  errors: Array<{ exc_type: string; message: string }>;
  doc: Record<string, unknown>;
}

type Expectation = [rule: string, outcome: { name: string; doc?: Record<string, unknown> } | [excType: string, message: string]];

const EXPECTED: Expectation[] = [
  ["D1 an Email Domain (no live probe with --no-connect)", { name: "example.org" }],
  ["R1 + R14 name from the address, domain from its domain part, settings fetched", { name: "Support Team Eu West", doc: { domain: "example.org", email_server: "imap.example.org", use_imap: 1, use_ssl: 1 } }],
  ["R2 email syntax", ["InvalidEmailAddressError", "not-an-email is not a valid Email Address"]],
  ["R3 login id", ["ValidationError", "Login Id is required"]],
  ["R4 IMAP needs a folder", ["ValidationError", "You need to set one IMAP folder for <strong>nofolder@other.test</strong>"]],
  ["R7 STARTTLS only without SSL", { name: "Tls", doc: { use_ssl: 1, use_starttls: 0 } }],
  ["R9 password required", ["ValidationError", "Password is required or select Awaiting Password"]],
  ["R12 notification recipients", ["ValidationError", "Send Notification to is mandatory"]],
  [
    "R13 Append To targets, with the Task hint",
    [
      "ValidationError",
      "Append To can be one of 'Communication', 'Event', 'Issue', 'Job Applicant', 'Lead', 'Opportunity' or 'ToDo'" +
        ' — Task is not enabled for "Append To": set "Allow document creation via Email" (email_append_to) on it through Customize Form.',
    ],
  ],
  ["R19 default without its enable flag is turned off", { name: "Defaults", doc: { default_outgoing: 0 } }],
  ["R20 automatic linking needs incoming", ["ValidationError", "Automatic Linking can be activated only if Incoming is enabled."]],
  ["links: Append To must exist", ["LinkValidationError", "Could not find Append To: No Such DocType"]],
  ["mandatory email_id", ["MandatoryError", "Error: Value missing for Email Account: Email Address"]],
  ["R16 select options", ["ValidationError", ' Initial Sync Count cannot be "1000". It should be one of "100", "250", "500"']],
  ["types: a Check holds 0 or 1", ["DataError", 'Email Account (new): field enable_incoming (Enable Incoming) must be 0 or 1, got "yes"']],
  ["D2 Email Domain needs its servers", ["MandatoryError", "Error: Value missing for Email Domain: Incoming Server"]],
  ["unknown DocType", ["InputError", 'record #17: DocType "No Such DocType" does not exist']],
];

describe("validate --json on hand-written records, one per rule", () => {
  let temp: ReturnType<typeof tempDir>;
  let results: Result[];
  let exitCode: number;

  beforeAll(async () => {
    temp = tempDir();
    const run = await runCli(["validate", RECORDS, "--no-connect", "--json"], { cwd: temp.dir });
    exitCode = run.code;
    results = jsonOf(run) as Result[];
  });
  afterAll(() => temp.cleanup());

  test("one result per record, in input order, and exit 1 because some are invalid", () => {
    expect(results).toHaveLength(EXPECTED.length);
    expect(exitCode).toBe(1);
  });

  test.each(EXPECTED.map((entry, index) => [entry[0], index, entry[1]] as const))("%s", (_rule, index, outcome) => {
    const result = results[index] as Result;
    if (Array.isArray(outcome)) {
      expect(result.valid).toBe(false);
      expect(result.errors).toEqual([{ exc_type: outcome[0], message: outcome[1] }]);
    } else {
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.name).toBe(outcome.name);
      expect(result.doc).toMatchObject(outcome.doc ?? {});
    }
  });

  test("the dry run stored nothing", async () => {
    const stored = await snapshot(path.join(temp.dir, "frappe-email-account.sqlite"));
    expect(stored["Email Domain"]).toEqual([]);
    expect(stored["Email Account"]).toEqual([]);
  });
});
