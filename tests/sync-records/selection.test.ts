import { InputError } from "../../src/errors";
import { parseSince, parseSyncDoctypes, SYNC_DOCTYPES } from "../../src/sync-records";

test("--since takes a date or a date and time, as a site stores it", () => {
  expect(parseSince("2024-03-01")).toBe("2024-03-01 00:00:00");
  expect(parseSince("2024-03-01 08:30")).toBe("2024-03-01 08:30:00");
  expect(parseSince("2024-03-01T08:30:15")).toBe("2024-03-01 08:30:15");
});

test("--since refuses what is not a real date", () => {
  for (const bad of ["yesterday", "2024-02-30", "2024-13-01", "2024-03-01 25:00", "2024-03-01Z"]) expect(() => parseSince(bad)).toThrow(InputError);
});

test("DocTypes are named as written or slugged, and always come in write order", () => {
  expect(parseSyncDoctypes([])).toEqual([...SYNC_DOCTYPES]);
  expect(parseSyncDoctypes(["communication", "Email Domain", "email-account"])).toEqual(["Email Domain", "Email Account", "Communication"]);
  expect(() => parseSyncDoctypes(["ToDo"])).toThrow('Cannot sync DocType "ToDo": choose from Email Domain, Email Account, Communication, Unhandled Email');
});
