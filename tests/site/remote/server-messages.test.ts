import { decodeServerMessages, siteMessages } from "../../../src/site/remote/server-messages";

describe("decodeServerMessages", () => {
  test("decodes Frappe's doubly encoded list with title, indicator and raise_exception", () => {
    const raw = JSON.stringify([
      JSON.stringify({ message: "Email Account <strong>X</strong> already exists", title: "Duplicate Name", indicator: "red" }),
      JSON.stringify({ message: "Refused", title: "Message", indicator: "red", raise_exception: 1, __frappe_exc_id: "abc" }),
    ]);
    expect(decodeServerMessages(raw)).toEqual([
      { message: "Email Account <strong>X</strong> already exists", title: "Duplicate Name", indicator: "red", raiseException: false },
      { message: "Refused", title: "Message", indicator: "red", raiseException: true },
    ]);
  });

  test("plain string entries and undecodable text are kept as messages, never dropped", () => {
    expect(decodeServerMessages(JSON.stringify([JSON.stringify("Defaults Updated"), "not json"]))).toEqual([
      { message: "Defaults Updated", raiseException: false },
      { message: "not json", raiseException: false },
    ]);
    expect(decodeServerMessages("garbage")).toEqual([{ message: "garbage", raiseException: false }]);
  });

  test("absent or empty means no messages", () => {
    expect(decodeServerMessages(undefined)).toEqual([]);
    expect(decodeServerMessages("")).toEqual([]);
    expect(decodeServerMessages("[]")).toEqual([]);
  });

  test("siteMessages gives WriteResult's shape", () => {
    expect(siteMessages(JSON.stringify([JSON.stringify({ message: "Saved", title: "Note", indicator: "green" })]))).toEqual([
      { message: "Saved", title: "Note", indicator: "green" },
    ]);
  });
});
