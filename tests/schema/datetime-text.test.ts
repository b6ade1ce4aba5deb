import { isDateText, isDatetimeText, isTimeText, normaliseDate, normaliseDatetime, normaliseTimeText } from "../../src/schema/datetime-text";

describe("Frappe date and time text", () => {
  it("dates: YYYY-MM-DD of a real calendar day", () => {
    expect(normaliseDate("2024-02-29")).toBe("2024-02-29");
    expect(normaliseDate(" 2024-12-31 ")).toBe("2024-12-31");
    for (const bad of ["2023-02-29", "2024-13-01", "2024-00-10", "2024-1-1", "20240101", "2024-04-31"]) expect(normaliseDate(bad)).toBeUndefined();
  });

  it("times: HH:MM[:SS[.ffffff]] normalised to HH:MM:SS", () => {
    expect(normaliseTimeText("9:05")).toBe("09:05:00");
    expect(normaliseTimeText("23:59:59.999999")).toBe("23:59:59.999999");
    for (const bad of ["24:00", "12:60", "12:00:60", "12:00:00.1234567", "noon"]) expect(normaliseTimeText(bad)).toBeUndefined();
  });

  it("datetimes: space or ISO T separator, no time zone", () => {
    expect(normaliseDatetime("2026-11-27T12:01:02.566371")).toBe("2026-11-27 12:01:02.566371");
    expect(normaliseDatetime("2026-11-27 12:01")).toBe("2026-11-27 12:01:00");
    for (const bad of ["2026-11-27", "2026-11-27T12:01:02Z", "2026-11-27T12:01:02+01:00", "2026-02-30 10:00:00"]) expect(normaliseDatetime(bad)).toBeUndefined();
  });

  it("the strict checks accept only the stored form", () => {
    expect(isDatetimeText("2026-11-27 12:01:02")).toBe(true);
    expect(isDatetimeText("2026-11-27T12:01:02")).toBe(false);
    expect(isDateText("2026-11-27")).toBe(true);
    expect(isTimeText("9:05:00")).toBe(false);
    expect(isTimeText("09:05:00")).toBe(true);
  });
});
