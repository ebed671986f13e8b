import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import {
  apiErrors, consentBody, consentErrors, consentFormFrom, decisionBody, decisionErrors, emptyDecision, reviewBody,
  reviewErrors,
} from "./form";
import type { DecisionForm, ReviewForm } from "./form";

const TODAY = "2026-11-26";

function complete(): DecisionForm {
  return {
    ...emptyDecision(), at_risk: "Casey", risk_from: "Drew", concerns: "Threats to kill",
    grounds: { vital_interests: "Risk to life", prevention_or_detection_of_crime: "Ongoing offences" },
    necessity: "n", proportionality: "p", without_sharing: "w", review_date: TODAY,
  };
}

describe("the Appendix F form", () => {
  it("an empty form names every required field", () => {
    expect(Object.keys(decisionErrors(emptyDecision(), TODAY)).sort()).toEqual(
      ["at_risk", "concerns", "legal_grounds", "necessity", "proportionality", "review_date", "risk_from", "without_sharing"]);
  });

  it("a complete form has no errors; its grounds go in the form's order, explained", () => {
    const form = complete();
    expect(decisionErrors(form, TODAY)).toEqual({});
    expect(decisionBody(form).legal_grounds).toEqual([
      { ground: "prevention_or_detection_of_crime", explanation: "Ongoing offences" },
      { ground: "vital_interests", explanation: "Risk to life" },
    ]);
  });

  it("an unexplained ground is pointed at by its place in the body, as the API points", () => {
    const form = { ...complete(), grounds: { prevention_or_detection_of_crime: "x", vital_interests: " " } };
    expect(decisionErrors(form, TODAY)).toEqual({ "legal_grounds-1-explanation": "Explain how this legal ground applies" });
  });

  it("a past review date, a victim not told without a reason and a nameless consultation are refused", () => {
    const form = {
      ...complete(), review_date: "2026-11-25", victim_told: "no" as const,
      consultations: [{ consulted: "", consulted_on: "", advice: "x" }],
    };
    expect(decisionErrors(form, TODAY)).toEqual({
      review_date: "Review date must be today or in the future",
      victim_not_told_reason: "Enter why the victim was not told",
      "consultations-0-consulted": "Enter who was consulted, or remove this consultation",
    });
  });

  it("sends the victim-told details only with their answer", () => {
    const told = decisionBody({ ...complete(), victim_told: "yes", victim_told_on: TODAY, victim_not_told_reason: "stale" });
    expect([told.victim_told, told.victim_told_on, told.victim_not_told_reason]).toEqual([true, TODAY, null]);
    const notYet = decisionBody({ ...complete(), victim_told: "not_yet", victim_told_on: TODAY });
    expect([notYet.victim_told, notYet.victim_told_on]).toEqual([null, null]);
  });
});

describe("a review", () => {
  const review: ReviewForm = { note: "", next_review_date: "", take_ownership: true, victim_told: "unchanged", victim_told_on: "", victim_not_told_reason: "" };
  it("needs a note and a next date today or later", () => {
    expect(reviewErrors(review, TODAY)).toEqual({ note: "Enter what the review found", next_review_date: "Enter the next review date" });
    expect(reviewErrors({ ...review, note: "ok", next_review_date: "2026-01-01" }, TODAY))
      .toEqual({ next_review_date: "Next review date must be today or in the future" });
  });
  it("taking ownership names me; no change to the victim sends null", () => {
    const body = reviewBody({ ...review, note: " ok ", next_review_date: TODAY }, "me");
    expect([body.note, body.review_owner_id, body.victim_told]).toEqual(["ok", "me", null]);
  });
});

describe("consent", () => {
  it("refused needs a reason, and a victim unaware of the referral needs one too", () => {
    const form = { ...consentFormFrom(null), status: "refused" as const, victim_aware: "no" as const };
    expect(Object.keys(consentErrors(form))).toEqual(["reason", "victim_unaware_reason"]);
    expect(Object.keys(consentErrors(consentFormFrom(null)))).toEqual(["status", "victim_aware"]);
  });
  it("given sends how it was obtained, and no reason", () => {
    const body = consentBody({ ...consentFormFrom(null), status: "given", method: "verbal", reason: "stale", victim_aware: "yes" });
    expect(body).toMatchObject({ status: "given", method: "verbal", reason: null, victim_aware: true });
  });
});

describe("the API's refusals", () => {
  it("field errors land on their fields, a generic empty-text one reads as GOV.UK says", () => {
    const error = new ApiError(422, {
      type: "about:blank", title: "Unprocessable", status: 422,
      errors: [{ pointer: "/body/at_risk", detail: "String should have at least 1 character" },
        { pointer: "/body/legal_grounds/0/explanation", detail: "too long" }],
    } as never);
    expect(apiErrors(error, "at_risk")).toEqual({ at_risk: "Enter who is at risk", "legal_grounds-0-explanation": "too long" });
  });
  it("a refusal without fields goes to the fallback field", () => {
    const error = new ApiError(403, { type: "https://x/problems/sharing-four-eyes", title: "t", status: 403, detail: "Not you." } as never);
    expect(apiErrors(error, "outcome")).toEqual({ outcome: "Not you." });
  });
});
