import { planFetchGroups } from "../../../src/mail/imap/fetch-plan";

const limits = { streamAboveBytes: 1000, maxBufferedBytes: 2500, maxBufferedCount: 3 };
const meta = (uid: number, size: number) => ({ uid, size, seen: false });
const shape = (groups: ReturnType<typeof planFetchGroups>) =>
  groups.map((group) => (group.kind === "streamed" ? `stream ${group.message.uid}` : group.messages.map((m) => m.uid).join(",")));

describe("planFetchGroups", () => {
  test("small mails share a FETCH, bounded by count", () => {
    expect(shape(planFetchGroups([1, 2, 3, 4, 5].map((uid) => meta(uid, 10)), limits))).toEqual(["1,2,3", "4,5"]);
  });

  test("the byte budget closes a group early", () => {
    expect(shape(planFetchGroups([meta(1, 900), meta(2, 900), meta(3, 900)], limits))).toEqual(["1,2", "3"]);
  });

  test("a mail above the threshold is streamed alone, and UID order is kept around it", () => {
    expect(shape(planFetchGroups([meta(1, 10), meta(2, 5000), meta(3, 10)], limits))).toEqual(["1", "stream 2", "3"]);
  });

  test("a mail exactly at the threshold is still fetched whole", () => {
    expect(shape(planFetchGroups([meta(1, 1000)], limits))).toEqual(["1"]);
  });
});
