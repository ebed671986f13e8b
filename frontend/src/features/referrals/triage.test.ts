import { describe, expect, it } from "vitest";
import { EMPTY_TRIAGE, triageBody, validateTriage, type TriageForm } from "./triage";

const TODAY = "2026-11-25";
const form = (patch: Partial<TriageForm>): TriageForm => ({ ...EMPTY_TRIAGE, ...patch });
const hrefs = (f: TriageForm) => validateTriage(f, TODAY).map((e) => e.href);

describe("triage form checks", () => {
  it.each([
    ["no outcome", form({}), ["#outcome"]],
    ["new case needs nothing else", form({ outcome: "accept_new_case" }), []],
    ["repeat needs a case", form({ outcome: "accept_repeat" }), ["#case_id"]],
    ["repeat with a case", form({ outcome: "accept_repeat", caseId: "c" }), []],
    ["return needs both fields", form({ outcome: "return_with_recommendations", recommendations: "  " }), ["#recommendations", "#review_date"]],
    ["return with a past review date", form({ outcome: "return_with_recommendations", recommendations: "r", reviewDate: "2026-11-24" }), ["#review_date"]],
    ["return reviewed today", form({ outcome: "return_with_recommendations", recommendations: "r", reviewDate: TODAY }), []],
    ["redirect needs a forum", form({ outcome: "redirect" }), ["#forum"]],
    ["redirect with a forum", form({ outcome: "redirect", forum: "mash" }), []],
  ])("%s", (_name, value, expected) => {
    expect(hrefs(value)).toEqual(expected);
  });
});

describe("triage request body", () => {
  it("sends only the chosen outcome's fields, trimmed, with an empty note as null", () => {
    const typed = form({ caseId: "c1", recommendations: " advice ", reviewDate: "2027-01-01", forum: "mash", note: "  " });
    expect(triageBody({ ...typed, outcome: "accept_new_case" })).toEqual({ outcome: "accept_new_case", note: null });
    expect(triageBody({ ...typed, outcome: "accept_repeat" })).toEqual({ outcome: "accept_repeat", case_id: "c1", note: null });
    expect(triageBody({ ...typed, outcome: "return_with_recommendations", note: " n " })).toEqual({
      outcome: "return_with_recommendations", recommendations: "advice", review_date: "2027-01-01", note: "n",
    });
    expect(triageBody({ ...typed, outcome: "redirect" })).toEqual({ outcome: "redirect", forum: "mash", note: null });
  });
});
