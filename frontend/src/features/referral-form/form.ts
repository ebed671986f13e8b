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

/** A row of the perpetrators, children or household lists (add and remove). */
export interface PersonRow extends PersonFields {
  relationship: string;
  school: string;
}

export type RowList = "perpetrators" | "children" | "household_members";

export const emptyRow = (): PersonRow =>
  ({ given_names: "", family_name: "", date_of_birth: "", relationship: "", school: "" });

export type Vulnerability = Schemas["Vulnerability"];

export const VULNERABILITIES: { value: Vulnerability; label: string }[] = [
  { value: "mental_health", label: "Mental health" },
  { value: "drugs_alcohol", label: "Drugs or alcohol" },
  { value: "learning_difficulty", label: "Learning difficulty" },
  { value: "disability", label: "Disability" },
  { value: "other_support_needs", label: "Other support needs" },
];

export type Withheld = "aliases" | "date_of_birth" | "address" | "postcode";

export interface ReferralForm {
  panel_id: string;
  referral_date: string;
  referrer: { name: string; role: string; email: string; phone: string };
  victim: PersonFields & { postcode: string; phone: string };
  perpetrators: PersonRow[];
  children: PersonRow[];
  household_members: PersonRow[];
  safety: {
    address: string;
    accommodation: string;
    safe_to_call: "" | "yes" | "no";
    safe_times: string;
    preferred_contact: "" | NonNullable<Schemas["VictimIn"]["preferred_contact"]>;
    gp: string;
    pregnant: "" | "yes" | "no";
    pregnancy_details: string;
    do_not_circulate: Withheld[];
    safe_to_talk_to: string;
    unsafe_to_talk_to: string;
    victim_fears: string;
  };
  community: {
    vulnerabilities: Vulnerability[];
    multi_agency_need: string;
    steps_already_taken: string;
    new_significant_incident: boolean;
  };
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
    perpetrators: [emptyRow()],
    children: [],
    household_members: [],
    safety: {
      address: "", accommodation: "", safe_to_call: "", safe_times: "", preferred_contact: "", gp: "",
      pregnant: "", pregnancy_details: "", do_not_circulate: [], safe_to_talk_to: "", unsafe_to_talk_to: "", victim_fears: "",
    },
    community: { vulnerabilities: [], multi_agency_need: "", steps_already_taken: "", new_significant_incident: false },
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

const filled = (row: PersonRow) => [row.given_names, row.family_name, row.date_of_birth, row.relationship, row.school]
  .some((v) => v.trim());

/** The rows sent: all of them, except a lone empty row (the person is not known). Empty rows
 * among others are sent, so the API's errors point at the row on the screen. */
export function rowsSent(rows: PersonRow[]): PersonRow[] {
  return rows.length === 1 && !filled(rows[0]!) ? [] : rows;
}

const yesNo = (value: "" | "yes" | "no"): boolean | null => (value === "" ? null : value === "yes");

/** Where each perpetrator's relationship goes in `relationships` (the field's id follows it). */
export function relationshipIndex(form: ReferralForm, perpetrator: number): number {
  return rowsSent(form.perpetrators).slice(0, perpetrator).filter((r) => r.relationship.trim()).length;
}

/**
 * The body for POST /api/v1/referrals. Required fields go as typed (empty included), so the
 * API's own validation names what is missing and the page shows it next to the field; optional
 * ones left empty go as null. Perpetrators, children and household members go as listed; a
 * perpetrator's relationship to the victim goes in `relationships` ("perpetrator.n" to "victim").
 * The community section goes only to a community panel.
 */
export function toBody(form: ReferralForm, instrument: Instrument | null, community = false): ReferralBody {
  const perpetrators = rowsSent(form.perpetrators);
  const consented = form.consent_status === "given";
  const person = (row: PersonRow) => ({
    given_names: row.given_names.trim(), family_name: row.family_name.trim(), date_of_birth: optional(row.date_of_birth),
  });
  const safety = form.safety;
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
      address: optional(safety.address),
      accommodation: optional(safety.accommodation),
      safe_to_call: yesNo(safety.safe_to_call),
      safe_times: optional(safety.safe_times),
      preferred_contact: safety.preferred_contact || null,
      gp: optional(safety.gp),
      pregnant: yesNo(safety.pregnant),
      pregnancy_details: safety.pregnant === "yes" ? optional(safety.pregnancy_details) : null,
      do_not_circulate: safety.do_not_circulate,
    },
    perpetrators: perpetrators.map(person),
    children: form.children.map((row) => ({
      ...person(row), school: optional(row.school), relationship_to_victim: optional(row.relationship),
    })),
    household_members: form.household_members.map((row) => ({
      ...person(row), relationship_to_victim: optional(row.relationship),
    })),
    relationships: perpetrators.flatMap((row, i) => row.relationship.trim()
      ? [{ person: `perpetrator.${i}`, other: "victim", relationship: row.relationship.trim() }]
      : []),
    safe_to_talk_to: optional(safety.safe_to_talk_to),
    unsafe_to_talk_to: optional(safety.unsafe_to_talk_to),
    victim_fears: optional(safety.victim_fears),
    community: community
      ? {
        vulnerabilities: form.community.vulnerabilities,
        multi_agency_need: optional(form.community.multi_agency_need),
        steps_already_taken: form.community.steps_already_taken.split("\n").map((r) => r.trim()).filter(Boolean),
        new_significant_incident: form.community.new_significant_incident,
      }
      : null,
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

const ROW_WHO: Record<string, string> = {
  perpetrators: "person causing harm", children: "child", household_members: "household member",
};
const ROW_FIELD: Record<string, string> = {
  given_names: "given names", family_name: "family name", date_of_birth: "date of birth",
};

/** "children-1-family_name" is "child 2's family name". */
function rowName(id: string): string | undefined {
  const match = /^(perpetrators|children|household_members)-(\d+)-(given_names|family_name|date_of_birth)$/.exec(id);
  if (!match) return undefined;
  return `${ROW_WHO[match[1]!]} ${Number(match[2]) + 1}'s ${ROW_FIELD[match[3]!]}`;
}

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
  const name = NAMES[id] ?? rowName(id);
  if (!name) return detail;
  // A browser's date field holds a whole date or nothing, so a date refused as malformed was empty.
  const missing = /required|at least 1 character|should be a valid (boolean|date)|must be written|input should be '|none is not|valid string/i.test(detail);
  if (missing && /date|whether|panel/.test(name)) {
    return name.startsWith("whether") ? `Select ${name}` : `Enter ${name}`.replace("Enter the panel", "Select the panel");
  }
  if (missing) return `Enter ${name}`;
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}: ${detail}`;
}
