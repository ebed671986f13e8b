import { describe, expect, it } from "vitest";
import { emptyForm, friendlyError, relationshipIndex, rowsSent, scoreSoFar, sections, toBody } from "./form";
import type { Instrument } from "./form";

const YES_NO = [{ value: "yes", label: "Yes", weight: 1 }, { value: "no", label: "No", weight: 0 }];
const INSTRUMENT: Instrument = {
  key: "dash", version: "2009-v1", title: "DASH risk checklist", scoring: "ticks", threshold: 2, max_score: 3,
  questions: [
    { id: "q2", order: 2, text: "Second", options: YES_NO, section: "Current situation" },
    { id: "q1", order: 1, text: "First", options: YES_NO, section: "Current situation" },
    { id: "q3", order: 3, text: "Third", options: YES_NO, section: "Children" },
  ],
};

describe("the referral body", () => {
  it("sends required fields as typed and empty optional ones as null", () => {
    const form = emptyForm("panel-1", "2026-11-25");
    const body = toBody(form, INSTRUMENT);
    expect(body.victim).toEqual({
      given_names: "", family_name: "", date_of_birth: "", postcode: null, phone: null, address: null, accommodation: null,
      safe_to_call: null, safe_times: null, preferred_contact: null, gp: null, pregnant: null, pregnancy_details: null,
      do_not_circulate: [],
    });
    expect(body.children).toEqual([]);
    expect(body.household_members).toEqual([]);
    expect(body.community).toBeNull();
    expect(body.referrer).toEqual({ name: "", role: null, email: null, phone: null });
    expect(body.victim_aware).toBeNull(); // unanswered: the API names the question
    expect(body.consent).toEqual({ status: null, method: null, reason: null });
    expect(body.perpetrators).toEqual([]);
    expect(body.relationships).toEqual([]);
    expect(body.risk_assessment).toEqual({ instrument_key: "dash", instrument_version: "2009-v1", answers: {} });
  });

  it("sends the perpetrator and relationship when given, and only this instrument's answers", () => {
    const form = {
      ...emptyForm("panel-1", "2026-11-25"),
      perpetrators: [{ given_names: " Sam ", family_name: "Sample", date_of_birth: "", relationship: "ex-partner", school: "" }],
      victim_aware: "no" as const, victim_unaware_reason: "Not safe to tell yet",
      consent_status: "given" as const, consent_method: "verbal" as const, consent_reason: "left over",
      risks_identified: "strangulation\n\n  stalking ",
      answers: { q1: "yes", q9: "yes", q2: "" },
    };
    const body = toBody(form, INSTRUMENT);
    expect(body.perpetrators).toEqual([{ given_names: "Sam", family_name: "Sample", date_of_birth: null }]);
    expect(body.relationships).toEqual([{ person: "perpetrator.0", other: "victim", relationship: "ex-partner" }]);
    expect(body.victim_aware).toBe(false);
    expect(body.victim_unaware_reason).toBe("Not safe to tell yet");
    expect(body.consent).toEqual({ status: "given", method: "verbal", reason: null });
    expect(body.risks_identified).toEqual(["strangulation", "stalking"]);
    expect(body.risk_assessment?.answers).toEqual({ q1: "yes" });
  });

  it("keeps the consent reason only when consent was not given", () => {
    const form = { ...emptyForm("p", "2026-11-25"), consent_status: "refused" as const, consent_method: "verbal" as const, consent_reason: "Fears reprisal" };
    expect(toBody(form, null).consent).toEqual({ status: "refused", method: null, reason: "Fears reprisal" });
    expect(toBody(form, null).risk_assessment).toBeNull();
  });
});

describe("people, safety and the community criteria", () => {
  const row = (given: string, relationship = "", school = "") =>
    ({ given_names: given, family_name: "Sample", date_of_birth: "", relationship, school });
  it("sends every perpetrator row, relating each with a relationship to the victim", () => {
    const form = { ...emptyForm("p", "2026-11-25"), perpetrators: [row("Sam"), row("Ali", "brother")] };
    const body = toBody(form, null);
    expect(body.perpetrators?.map((p) => p.given_names)).toEqual(["Sam", "Ali"]);
    expect(body.relationships).toEqual([{ person: "perpetrator.1", other: "victim", relationship: "brother" }]);
    expect(relationshipIndex(form, 1)).toBe(0);
  });
  it("keeps an empty row among others, so the API's errors point at the row shown", () => {
    expect(rowsSent([row(""), row("Ali")]).length).toBe(2);
    expect(rowsSent([{ ...row(""), family_name: "" }])).toEqual([]);
  });
  it("sends children with their school and household members with their relationship", () => {
    const form = { ...emptyForm("p", "2026-11-25"), children: [row("Kit", "son", "Demo Primary")], household_members: [row("Lee", "lodger")] };
    const body = toBody(form, null);
    expect(body.children).toEqual([{ given_names: "Kit", family_name: "Sample", date_of_birth: null, school: "Demo Primary", relationship_to_victim: "son" }]);
    expect(body.household_members).toEqual([{ given_names: "Lee", family_name: "Sample", date_of_birth: null, relationship_to_victim: "lodger" }]);
  });
  it("sends the victim's safety details, pregnancy details only when pregnant", () => {
    const form = emptyForm("p", "2026-11-25");
    form.safety = { ...form.safety, safe_to_call: "no", safe_times: " mornings ", preferred_contact: "text", pregnant: "no",
      pregnancy_details: "stray", do_not_circulate: ["address"], victim_fears: "Her brother" };
    const body = toBody(form, null);
    expect(body.victim).toMatchObject({ safe_to_call: false, safe_times: "mornings", preferred_contact: "text", pregnant: false,
      pregnancy_details: null, do_not_circulate: ["address"] });
    expect(body.victim_fears).toBe("Her brother");
  });
  it("sends the community section only to a community panel", () => {
    const form = emptyForm("p", "2026-11-25");
    form.community = { vulnerabilities: ["mental_health"], multi_agency_need: "Housing and police", steps_already_taken: "Letter\n\nVisit ", new_significant_incident: true };
    expect(toBody(form, null).community).toBeNull();
    expect(toBody(form, null, true).community).toEqual({ vulnerabilities: ["mental_health"], multi_agency_need: "Housing and police",
      steps_already_taken: ["Letter", "Visit"], new_significant_incident: true });
  });
});

describe("the checklist", () => {
  it("scores as the API does: the sum of the chosen options' weights", () => {
    expect(scoreSoFar(INSTRUMENT, {})).toEqual({ score: 0, answered: 0, total: 3, met: false });
    expect(scoreSoFar(INSTRUMENT, { q1: "yes", q2: "yes", q3: "no" })).toEqual({ score: 2, answered: 3, total: 3, met: true });
    expect(scoreSoFar(INSTRUMENT, { q1: "maybe" }).answered).toBe(0);
  });

  it("groups questions by section in their printed order", () => {
    expect(sections(INSTRUMENT).map((g) => [g.title, g.questions.map((q) => q.id)])).toEqual([
      ["Current situation", ["q1", "q2"]],
      ["Children", ["q3"]],
    ]);
  });
});

describe("the API's field errors in a practitioner's words", () => {
  it.each([
    ["victim-family_name", "String should have at least 1 character", "Enter the victim's family name"],
    ["victim-date_of_birth", "Input should be a valid date or datetime, input is too short", "Enter the victim's date of birth"],
    ["victim-date_of_birth", "Value error, a date must be written YYYY-MM-DD, 1900 to 2099", "Enter the victim's date of birth"],
    ["victim_aware", "Input should be a valid boolean", "Select whether the victim knows about the referral"],
    ["consent-status", "Input should be 'given', 'refused' or 'not_sought'", "Select whether the victim consented"],
    ["panel_id", "Field required", "Select the panel"],
    ["victim-date_of_birth", "after the referral date", "The victim's date of birth: after the referral date"],
    ["risk_assessment-answers-q3", "missing: every question needs an answer", "Answer question 3"],
    ["risk_assessment-answers-q1", "not one of its options", "Question 1: not one of its options"],
    ["children-1-given_names", "something else", "Child 2's given names: something else"],
    ["household_members-0-family_name", "String should have at least 1 character", "Enter household member 1's family name"],
    ["victim-gp", "something else", "something else"],
  ])("%s: %s", (id, detail, expected) => {
    expect(friendlyError(id, detail, INSTRUMENT)).toBe(expected);
  });
});
