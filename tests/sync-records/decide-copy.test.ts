import { decideCopy, unchangedSinceBase } from "../../src/sync-records/decide-copy";

const base = { remoteName: "R", remoteModified: "remote-1", localModified: "local-1" };

test("neither side changed since the last sync: unchanged without reading the records", () => {
  expect(unchangedSinceBase(base, "pull", "remote-1", "local-1")).toBe(true);
  expect(unchangedSinceBase(base, "push", "local-1", "remote-1")).toBe(true);
  expect(unchangedSinceBase(base, "push", "local-2", "remote-1")).toBe(false);
  expect(unchangedSinceBase(undefined, "pull", "remote-1", "local-1")).toBe(false);
});

test("equal records are unchanged whatever their history", () => {
  expect(decideCopy({ base: undefined, direction: "push", targetModified: "x", equal: true, force: false })).toBe("unchanged");
});

test("a target unchanged since the last sync takes the source's version", () => {
  expect(decideCopy({ base, direction: "push", targetModified: "remote-1", equal: false, force: false })).toBe("write");
  expect(decideCopy({ base, direction: "pull", targetModified: "local-1", equal: false, force: false })).toBe("write");
});

test("a target changed since, or never synced, is a conflict unless forced", () => {
  expect(decideCopy({ base, direction: "push", targetModified: "remote-2", equal: false, force: false })).toBe("conflict");
  expect(decideCopy({ base: undefined, direction: "pull", targetModified: "local-1", equal: false, force: false })).toBe("conflict");
  expect(decideCopy({ base, direction: "push", targetModified: "remote-2", equal: false, force: true })).toBe("write");
});
