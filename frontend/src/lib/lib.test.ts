import { describe, expect, it } from "vitest";
import { repeatWindow } from "../features/cases/window";
import { matchReason } from "../features/referrals/TriagePanel";
import { errorsByField, fieldId, summaryFrom } from "./fieldErrors";
import { formatDate, humanise, shortRef } from "./format";

describe("field errors from JSON Pointers", () => {
  it("turns pointers into field ids and keeps the first message per field", () => {
    expect(fieldId("/review_date")).toBe("review_date");
    expect(fieldId("/victim/given_names")).toBe("victim-given_names");
    expect(fieldId("")).toBe("form");
    expect(fieldId("/body/victim/date_of_birth")).toBe("victim-date_of_birth");
    expect(fieldId("/body/risk_assessment/answers/q1")).toBe("risk_assessment-answers-q1");
    const byField = errorsByField([
      { pointer: "/forum", detail: "first" },
      { pointer: "/forum", detail: "second" },
      { pointer: "/note", detail: "too long" },
    ]);
    expect(byField).toEqual({ forum: "first", note: "too long" });
    expect(summaryFrom(byField)).toEqual([{ href: "#forum", text: "first" }, { href: "#note", text: "too long" }]);
  });
});

describe("display helpers", () => {
  it("formats dates the UK way and says when one is missing", () => {
    expect(formatDate("2026-03-10")).toBe("10 March 2026");
    expect(formatDate(null)).toBe("Not known");
  });

  it("short references use the random end of a UUIDv7, not its shared timestamp", () => {
    expect(shortRef("019abcde-0000-7000-8000-00000000abcd")).toBe("0000ABCD");
  });

  it("says how long a repeat window has left, or when it closed", () => {
    expect(repeatWindow("2026-12-01", "2026-11-30")).toBe("Open until 1 December 2026 (1 day left)");
    expect(repeatWindow("2026-11-29", "2026-11-30")).toBe("Closed on 29 November 2026");
  });

  it("writes initialisms as such", () => {
    expect(humanise("idva")).toBe("IDVA");
    expect(humanise("mappa_level_2")).toBe("MAPPA level 2");
    expect(humanise("agency_representative")).toBe("Agency representative");
  });

  it("explains match reasons in words", () => {
    expect(matchReason("surname+dob")).toBe("Same family name and date of birth");
    expect(matchReason("new_reason")).toBe("New reason");
  });
});
