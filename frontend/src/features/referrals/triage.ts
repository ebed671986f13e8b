// The triage form's own logic: which fields each outcome needs, and the request body it sends.
import type { Schemas } from "../../api/client";
import type { SummaryError } from "../../lib/fieldErrors";

export type Outcome = Schemas["TriageOutcome"];
export type TriageBody =
  | Schemas["AcceptNewCase"]
  | Schemas["AcceptRepeat"]
  | Schemas["ReturnWithRecommendations"]
  | Schemas["Redirect"];

export type Forum = Schemas["Redirect"]["forum"];
export const FORUMS: { value: Forum; label: string }[] = [
  { value: "mappa_level_2", label: "MAPPA level 2" },
  { value: "mappa_level_3", label: "MAPPA level 3" },
  { value: "community_marac", label: "Community MARAC" },
  { value: "domestic_abuse_marac", label: "Domestic abuse MARAC" },
  { value: "mash", label: "MASH" },
  { value: "adult_safeguarding", label: "Adult safeguarding" },
  { value: "other", label: "Other" },
];

export interface TriageForm {
  outcome: Outcome | "";
  caseId: string;
  recommendations: string;
  reviewDate: string;
  forum: Forum | "";
  note: string;
}

export const EMPTY_TRIAGE: TriageForm = {
  outcome: "",
  caseId: "",
  recommendations: "",
  reviewDate: "",
  forum: "",
  note: "",
};

export const OUTCOMES: { value: Outcome; label: string; hint: string }[] = [
  { value: "accept_new_case", label: "Accept as a new case", hint: "Opens a case for the next meeting." },
  { value: "accept_repeat", label: "Accept as a repeat of an existing case", hint: "Adds this referral to the case within its 12-month window." },
  { value: "return_with_recommendations", label: "Return with recommendations", hint: "The threshold is not met: the referrer gets advice and a review date." },
  { value: "redirect", label: "Redirect to another forum", hint: "For example MAPPA, a Community MARAC or another area's MARAC." },
];

/** Client-side checks, worded as GOV.UK error messages; the API checks everything again. */
export function validateTriage(form: TriageForm, today: string): SummaryError[] {
  const errors: SummaryError[] = [];
  switch (form.outcome) {
    case "":
      errors.push({ href: "#outcome", text: "Select a triage outcome" });
      break;
    case "accept_repeat":
      if (!form.caseId) errors.push({ href: "#case_id", text: "Select the case this referral repeats" });
      break;
    case "return_with_recommendations":
      if (!form.recommendations.trim()) {
        errors.push({ href: "#recommendations", text: "Enter the recommendations for the referrer" });
      }
      if (!form.reviewDate) errors.push({ href: "#review_date", text: "Enter a review date" });
      else if (form.reviewDate < today) {
        errors.push({ href: "#review_date", text: "The review date must be today or in the future" });
      }
      break;
    case "redirect":
      if (!form.forum) errors.push({ href: "#forum", text: "Select the forum the referral goes to" });
      break;
    default:
      break;
  }
  return errors;
}

/** The body for POST /referrals/{id}/triage: only the chosen outcome's fields. */
export function triageBody(form: TriageForm): TriageBody {
  const note = form.note.trim() || null;
  switch (form.outcome) {
    case "accept_repeat":
      return { outcome: "accept_repeat", case_id: form.caseId, note };
    case "return_with_recommendations":
      return {
        outcome: "return_with_recommendations",
        recommendations: form.recommendations.trim(),
        review_date: form.reviewDate,
        note,
      };
    case "redirect":
      return { outcome: "redirect", forum: form.forum || "other", note };
    default:
      return { outcome: "accept_new_case", note };
  }
}
