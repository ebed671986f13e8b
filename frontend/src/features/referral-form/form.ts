// The referral form's state and the request body it becomes. Pure functions, tested in
// form.test.ts; the page (ReferralFormPage.tsx) only renders them.
import type { Schemas } from "../../api/client";

export type Instrument = Schemas["InstrumentRead"];
export type ReferralBody = Schemas["ReferralCreate"];

export interface PersonFields {
  given_names: string;
  family_name: string;
  date_of_birth: string;
}

export interface ReferralForm {
  panel_id: string;
  referral_date: string;
  referrer: { name: string; role: string; email: string; phone: string };
  victim: PersonFields & { postcode: string; phone: string };
  perpetrator: PersonFields & { relationship: string };
  reason: string;
  risks_identified: string;
  victim_aware: "" | "yes" | "no";
  victim_unaware_reason: string;
  consent_status: "" | "given" | "refused" | "not_sought";
  consent_method: "" | "written" | "verbal";
  consent_reason: string;
  answers: Record<string, string>;
  professional_judgement: string;
}

export function emptyForm(panelId: string, today: string, referrerName = ""): ReferralForm {
  return {
    panel_id: panelId,
    referral_date: today,
    referrer: { name: referrerName, role: "", email: "", phone: "" },
    victim: { given_names: "", family_name: "", date_of_birth: "", postcode: "", phone: "" },
    perpetrator: { given_names: "", family_name: "", date_of_birth: "", relationship: "" },
    reason: "",
    risks_identified: "",
    victim_aware: "",
    victim_unaware_reason: "",
    consent_status: "",
    consent_method: "",
    consent_reason: "",
    answers: {},
    professional_judgement: "",
  };
}

const optional = (value: string): string | null => (value.trim() ? value.trim() : null);

/**
 * The body for POST /api/v1/referrals. Required fields go as typed (empty included), so the
 * API's own validation names what is missing and the page shows it next to the field; optional
 * ones left empty go as null. The perpetrator is sent only when any of their details is given.
 */
export function toBody(form: ReferralForm, instrument: Instrument | null): ReferralBody {
  const p = form.perpetrator;
  const hasPerpetrator = [p.given_names, p.family_name, p.date_of_birth, p.relationship].some((v) => v.trim());
  const consented = form.consent_status === "given";
  return {
    panel_id: form.panel_id,
    referral_date: form.referral_date,
    referrer: {
      name: form.referrer.name.trim(),
      role: optional(form.referrer.role),
      email: optional(form.referrer.email),
      phone: optional(form.referrer.phone),
    },
    victim: {
      given_names: form.victim.given_names.trim(),
      family_name: form.victim.family_name.trim(),
      date_of_birth: form.victim.date_of_birth,
      postcode: optional(form.victim.postcode),
      phone: optional(form.victim.phone),
    },
    perpetrators: hasPerpetrator
      ? [{ given_names: p.given_names.trim(), family_name: p.family_name.trim(), date_of_birth: optional(p.date_of_birth) }]
      : [],
    relationships: hasPerpetrator && p.relationship.trim()
      ? [{ person: "perpetrator.0", other: "victim", relationship: p.relationship.trim() }]
      : [],
    reason: form.reason.trim(),
    risks_identified: form.risks_identified.split("\n").map((r) => r.trim()).filter(Boolean),
    // An unanswered yes/no question goes as null: the API names it (/body/victim_aware).
    victim_aware: (form.victim_aware === "" ? null : form.victim_aware === "yes") as boolean,
    victim_unaware_reason: form.victim_aware === "no" ? optional(form.victim_unaware_reason) : null,
    consent: {
      status: (form.consent_status || null) as ReferralBody["consent"]["status"],
      method: consented ? form.consent_method || null : null,
      reason: consented ? null : optional(form.consent_reason),
    },
    risk_assessment: instrument
      ? { instrument_key: instrument.key, instrument_version: instrument.version, answers: answersFor(instrument, form.answers) }
      : null,
    professional_judgement: optional(form.professional_judgement),
    referrer_says_repeat: false,
    referred_to_marac_elsewhere: false,
    fire_service_referral_needed: false,
  };
}

/** Only this instrument's questions' answers (a panel change may leave others behind). */
function answersFor(instrument: Instrument, answers: Record<string, string>): Record<string, string> {
  const ids = new Set(instrument.questions.map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id, value]) => ids.has(id) && value));
}

/** The score so far, as the API will compute it: the sum of the chosen options' weights. */
export function scoreSoFar(instrument: Instrument, answers: Record<string, string>) {
  let score = 0;
  let answered = 0;
  for (const q of instrument.questions) {
    const option = q.options.find((o) => o.value === answers[q.id]);
    if (option) {
      score += option.weight;
      answered += 1;
    }
  }
  return { score, answered, total: instrument.questions.length, met: score >= instrument.threshold };
}

/** Questions in their printed order, grouped by section (in order of first appearance). */
export function sections(instrument: Instrument): { title: string; questions: Instrument["questions"] }[] {
  const ordered = [...instrument.questions].sort((a, b) => a.order - b.order);
  const groups: { title: string; questions: Instrument["questions"] }[] = [];
  for (const q of ordered) {
    const title = q.section ?? "";
    const group = groups.find((g) => g.title === title);
    if (group) group.questions.push(q);
    else groups.push({ title, questions: [q] });
  }
  return groups;
}

// What each field is called in an error message (GOV.UK: say what to do, naming the field).
const NAMES: Record<string, string> = {
  panel_id: "the panel",
  referral_date: "the referral date",
  "referrer-name": "your name",
  "referrer-email": "your email address",
  "victim-given_names": "the victim's given names",
  "victim-family_name": "the victim's family name",
  "victim-date_of_birth": "the victim's date of birth",
  "perpetrators-0-given_names": "the perpetrator's given names",
  "perpetrators-0-family_name": "the perpetrator's family name",
  "perpetrators-0-date_of_birth": "the perpetrator's date of birth",
  reason: "the reason for the referral",
  victim_aware: "whether the victim knows about the referral",
  victim_unaware_reason: "why the victim does not know",
  "consent-status": "whether the victim consented",
  "consent-reason": "why consent was refused or not sought",
};

/**
 * The API's message, in words a practitioner reads: a missing value becomes "Enter ..." or
 * "Select ...", an unanswered question "Answer question n"; anything else keeps the API's own
 * detail, prefixed with what it is about.
 */
export function friendlyError(id: string, detail: string, instrument: Instrument | null): string {
  const question = id.startsWith("risk_assessment-answers-")
    ? instrument?.questions.find((q) => `risk_assessment-answers-${q.id}` === id)
    : undefined;
  if (question) {
    return /missing/i.test(detail) ? `Answer question ${question.order}` : `Question ${question.order}: ${detail}`;
  }
  const name = NAMES[id];
  if (!name) return detail;
  // A browser's date field holds a whole date or nothing, so a date refused as malformed was empty.
  const missing = /required|at least 1 character|should be a valid (boolean|date)|must be written|input should be '|none is not|valid string/i.test(detail);
  if (missing && /date|whether|panel/.test(name)) {
    return name.startsWith("whether") ? `Select ${name}` : `Enter ${name}`.replace("Enter the panel", "Select the panel");
  }
  if (missing) return `Enter ${name}`;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}: ${detail}`;
}
