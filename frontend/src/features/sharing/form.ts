// The Appendix F "sharing without consent" form, a review and a consent record: the form's
// state, the body each sends, the checks made before sending (the API makes them again) and
// the API's refusals turned into the GOV.UK error summary's entries, keyed by field id.
import { ApiError } from "../../api/client";
import type { Schemas } from "../../api/client";
import { errorsByField } from "../../lib/fieldErrors";

export type Decision = Schemas["DecisionRead"];
export type DecisionFields = Schemas["DecisionFields"];
export type LegalGround = Schemas["LegalGround"];
export type DecisionStatus = Schemas["DecisionStatus"];
export type Consent = Schemas["ConsentRead"];
export type ConsentUpdate = Schemas["ConsentUpdate"];
export type Errors = Record<string, string>;

export const GROUNDS: { value: LegalGround; label: string }[] = [
  { value: "prevention_or_detection_of_crime", label: "Prevention or detection of crime" },
  { value: "apprehension_or_prosecution_of_offenders", label: "Apprehension or prosecution of offenders" },
  { value: "vital_interests", label: "Vital interests" },
  { value: "administration_of_justice", label: "Administration of justice" },
  { value: "statutory_functions", label: "Statutory functions" },
  { value: "court_order", label: "Court order" },
  { value: "overriding_public_interest", label: "Overriding public interest" },
  { value: "child_protection", label: "Child protection" },
  { value: "right_to_life", label: "Right to life" },
  { value: "freedom_from_torture_or_degrading_treatment", label: "Freedom from torture or degrading treatment" },
];

export const STATUS: Record<DecisionStatus, { text: string; colour: string }> = {
  drafted: { text: "Draft", colour: "grey" },
  submitted: { text: "Awaiting approval", colour: "yellow" },
  approved: { text: "Approved", colour: "green" },
  refused: { text: "Refused", colour: "red" },
  withdrawn: { text: "Withdrawn", colour: "purple" },
};

export type Told = "" | "yes" | "no" | "not_yet";

export interface Consultation {
  consulted: string;
  consulted_on: string;
  advice: string;
}

export interface DecisionForm {
  at_risk: string;
  risk_from: string;
  concerns: string;
  /** Explanation per chosen ground; a ground is chosen when it has a key here. */
  grounds: Partial<Record<LegalGround, string>>;
  necessity: string;
  proportionality: string;
  without_sharing: string;
  consultations: Consultation[];
  victim_told: Told;
  victim_told_on: string;
  victim_not_told_reason: string;
  review_date: string;
}

export function emptyDecision(): DecisionForm {
  return {
    at_risk: "", risk_from: "", concerns: "", grounds: {}, necessity: "", proportionality: "",
    without_sharing: "", consultations: [], victim_told: "", victim_told_on: "",
    victim_not_told_reason: "", review_date: "",
  };
}

export function formFrom(d: Decision): DecisionForm {
  return {
    at_risk: d.at_risk, risk_from: d.risk_from, concerns: d.concerns,
    grounds: Object.fromEntries(d.legal_grounds.map((g) => [g.ground, g.explanation])),
    necessity: d.necessity, proportionality: d.proportionality, without_sharing: d.without_sharing,
    consultations: d.consultations.map((c) => ({
      consulted: c.consulted, consulted_on: c.consulted_on ?? "", advice: c.advice ?? "",
    })),
    victim_told: d.victim_told === null ? "not_yet" : d.victim_told ? "yes" : "no",
    victim_told_on: d.victim_told_on ?? "", victim_not_told_reason: d.victim_not_told_reason ?? "",
    review_date: d.review_date,
  };
}

/** The chosen grounds in the order the form lists them: the index of each is its place in the
 * body's `legal_grounds`, which the API's field errors point at. */
export function chosenGrounds(form: DecisionForm): LegalGround[] {
  return GROUNDS.map((g) => g.value).filter((g) => form.grounds[g] !== undefined);
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

export function decisionBody(form: DecisionForm): DecisionFields {
  const told = form.victim_told === "yes" ? true : form.victim_told === "no" ? false : null;
  return {
    at_risk: form.at_risk.trim(), risk_from: form.risk_from.trim(), concerns: form.concerns.trim(),
    legal_grounds: chosenGrounds(form).map((ground) => ({ ground, explanation: (form.grounds[ground] ?? "").trim() })),
    necessity: form.necessity.trim(), proportionality: form.proportionality.trim(),
    without_sharing: form.without_sharing.trim(),
    consultations: form.consultations.map((c) => ({
      consulted: c.consulted.trim(), consulted_on: c.consulted_on || null, advice: orNull(c.advice),
    })),
    victim_told: told,
    victim_told_on: told === true ? form.victim_told_on || null : null,
    victim_not_told_reason: told === false ? orNull(form.victim_not_told_reason) : null,
    review_date: form.review_date,
  };
}

const REQUIRED: Record<string, string> = {
  at_risk: "Enter who is at risk",
  risk_from: "Enter who they are at risk from",
  concerns: "Enter the concerns",
  necessity: "Enter why sharing is necessary",
  proportionality: "Enter why sharing is proportionate",
  without_sharing: "Enter what would happen if the information were not shared",
};

/** The checks made before sending, by field id (empty: send it). `today` is YYYY-MM-DD. */
export function decisionErrors(form: DecisionForm, today: string): Errors {
  const errors: Errors = {};
  for (const [id, text] of Object.entries(REQUIRED)) {
    if (!(form[id as keyof DecisionForm] as string).trim()) errors[id] = text;
  }
  const grounds = chosenGrounds(form);
  if (!grounds.length) errors.legal_grounds = "Select at least one legal ground for sharing";
  grounds.forEach((g, i) => {
    if (!(form.grounds[g] ?? "").trim()) errors[`legal_grounds-${i}-explanation`] = "Explain how this legal ground applies";
  });
  form.consultations.forEach((c, i) => {
    if (!c.consulted.trim()) errors[`consultations-${i}-consulted`] = "Enter who was consulted, or remove this consultation";
  });
  if (form.victim_told === "no" && !form.victim_not_told_reason.trim()) {
    errors.victim_not_told_reason = "Enter why the victim was not told";
  }
  errors.review_date ??= reviewDateError(form.review_date, today) ?? "";
  if (!errors.review_date) delete errors.review_date;
  return errors;
}

function reviewDateError(value: string, today: string): string | null {
  if (!value) return "Enter the review date";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "Review date must be a real date";
  if (value < today) return "Review date must be today or in the future";
  return null;
}

export interface ReviewForm {
  note: string;
  next_review_date: string;
  take_ownership: boolean;
  victim_told: Told | "unchanged";
  victim_told_on: string;
  victim_not_told_reason: string;
}

export function reviewErrors(form: ReviewForm, today: string): Errors {
  const errors: Errors = {};
  if (!form.note.trim()) errors.note = "Enter what the review found";
  const date = reviewDateError(form.next_review_date, today);
  if (date) errors.next_review_date = date.replace("Review date", "Next review date").replace("the review date", "the next review date");
  if (form.victim_told === "no" && !form.victim_not_told_reason.trim()) {
    errors.victim_not_told_reason = "Enter why the victim was not told";
  }
  return errors;
}

export function reviewBody(form: ReviewForm, me: string): Schemas["DecisionReview"] {
  const told = form.victim_told === "yes" ? true : form.victim_told === "no" ? false : null;
  return {
    note: form.note.trim(), next_review_date: form.next_review_date,
    review_owner_id: form.take_ownership ? me : null,
    victim_told: told,
    victim_told_on: told === true ? form.victim_told_on || null : null,
    victim_not_told_reason: told === false ? orNull(form.victim_not_told_reason) : null,
  };
}

export interface ConsentForm {
  status: "" | ConsentUpdate["status"];
  reason: string;
  method: "" | "written" | "verbal";
  obtained_by: string;
  obtained_on: string;
  victim_aware: Told;
  victim_unaware_reason: string;
}

export function consentFormFrom(c: Consent | null): ConsentForm {
  const s = c?.current;
  return {
    status: s?.status ?? "", reason: s?.reason ?? "",
    method: s?.method === "written" || s?.method === "verbal" ? s.method : "",
    obtained_by: s?.obtained_by ?? "", obtained_on: s?.obtained_on ?? "",
    victim_aware: s ? (s.victim_aware ? "yes" : "no") : "",
    victim_unaware_reason: s?.victim_unaware_reason ?? "",
  };
}

export function consentErrors(form: ConsentForm): Errors {
  const errors: Errors = {};
  if (!form.status) errors.status = "Select whether consent was given, refused or not sought";
  if ((form.status === "refused" || form.status === "not_sought") && !form.reason.trim()) {
    errors.reason = form.status === "refused" ? "Enter why consent was refused" : "Enter why consent was not sought";
  }
  if (!form.victim_aware) errors.victim_aware = "Select whether the victim is aware of the referral";
  if (form.victim_aware === "no" && !form.victim_unaware_reason.trim()) {
    errors.victim_unaware_reason = "Enter why the victim is not aware of the referral";
  }
  return errors;
}

export function consentBody(form: ConsentForm): ConsentUpdate {
  const given = form.status === "given";
  return {
    status: form.status || "not_sought",
    reason: given ? null : orNull(form.reason),
    method: given && form.method ? form.method : null,
    obtained_by: given ? orNull(form.obtained_by) : null,
    obtained_on: given ? form.obtained_on || null : null,
    victim_aware: form.victim_aware === "yes",
    victim_unaware_reason: form.victim_aware === "no" ? orNull(form.victim_unaware_reason) : null,
  };
}

/** The API's refusal as field errors (its generic "at least 1 character" read as GOV.UK says
 * what to enter); a refusal with no field goes to `fallback`. */
export function apiErrors(error: unknown, fallback: string): Errors {
  if (!(error instanceof ApiError)) return { [fallback]: error instanceof Error ? error.message : String(error) };
  const byField = errorsByField(error.fieldErrors);
  for (const [id, text] of Object.entries(byField)) {
    if (/at least 1 (character|item)/i.test(text)) {
      byField[id] = REQUIRED[id] ?? (id === "legal_grounds" ? "Select at least one legal ground for sharing" : "Enter this");
    }
  }
  if (Object.keys(byField).length) return byField;
  const type = error.problem?.type?.split("/").pop() ?? "";
  if (type.includes("review-date")) return { [fallback === "note" ? "next_review_date" : "review_date"]: error.message };
  return { [fallback]: error.message };
}
