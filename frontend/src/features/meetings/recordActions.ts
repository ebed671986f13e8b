// Recording actions on the meeting day (POST /actions): SMART actions volunteered by agencies
// present (Kent 7.4); several agencies ticked make a joint action (one action per agency).
// The API checks every rule again; these shape the body and place its refusals on the fields.
import { ApiError } from "../../api/client";
import type { Schemas } from "../../api/client";
import { errorsByField } from "../../lib/fieldErrors";
import type { SummaryError } from "../../lib/fieldErrors";

export type ActionCreate = Schemas["ActionCreate"];
export type ActionCategory = Schemas["ActionCategory"];

export const CATEGORIES: { value: ActionCategory; label: string }[] = [
  { value: "target_hardening_or_moving", label: "Target hardening or moving" },
  { value: "joint_or_separate_visiting", label: "Joint or separate visiting" },
  { value: "perpetrator_management", label: "Perpetrator management" },
  { value: "prioritisation_or_flagging", label: "Prioritisation or flagging" },
  { value: "review_of_legal_options", label: "Review of legal options" },
  { value: "safeguarding_mash_children", label: "Safeguarding referral: MASH (children)" },
  { value: "safeguarding_adult_care_act", label: "Safeguarding referral: adults (Care Act)" },
  { value: "safeguarding_hate_crime", label: "Safeguarding referral: hate crime" },
  { value: "victim_update", label: "Updating the victim" },
  { value: "other", label: "Other" },
];

export interface ActionForm {
  owners: string[];
  category: "" | ActionCategory;
  description: string;
  dueOn: string;
}

export const EMPTY_ACTION: ActionForm = { owners: [], category: "", description: "", dueOn: "" };

/** The body sent for one case at one meeting. */
export function actionBody(meetingId: string, caseId: string, form: ActionForm): ActionCreate {
  return {
    meeting_id: meetingId,
    case_id: caseId,
    owner_agency_ids: [...new Set(form.owners)],
    category: form.category as ActionCategory,
    description: form.description.trim(),
    due_on: form.dueOn,
  };
}

/** What the form can say before sending; ids are the body's field names. */
export function actionChecks(form: ActionForm, heldOn: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.owners.length) errors.owner_agency_ids = "Select the agency, or agencies, taking the action";
  if (!form.category) errors.category = "Select the kind of action";
  if (!form.description.trim()) errors.description = "Enter what will be done";
  if (!form.dueOn) errors.due_on = "Enter the date the action is due";
  else if (form.dueOn < heldOn) errors.due_on = "The due date must be on or after the meeting's day";
  return errors;
}

// Rule problems without a field pointer, placed on the field they are about.
const PROBLEMS: Record<string, [string, string]> = {
  "action-agency-absent": ["owner_agency_ids", "Select only agencies recorded as attending this meeting"],
  "action-due-before-meeting": ["due_on", "The due date must be on or after the meeting's day"],
  "action-case-not-at-meeting": ["owner_agency_ids", "This case is not listed on, or heard at, this meeting"],
  "action-meeting-not-held": ["owner_agency_ids", "Actions are recorded on or after the meeting's day, at a meeting not cancelled"],
};

/** The API's refusal by body field ("owner_agency_ids/1" counts as "owner_agency_ids"). */
export function actionErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const result: Record<string, string> = {};
  for (const [id, text] of Object.entries(errorsByField(error.fieldErrors))) {
    result[id.split("-")[0] ?? id] ??= text;
  }
  if (Object.keys(result).length) return result;
  const type = error.problem?.type?.split("/").pop() ?? "";
  const [field, text] = PROBLEMS[type] ?? ["description", error.message];
  return { [field]: text };
}

/** Summary entries for errors by field, linking to fields whose ids carry `prefix`. */
export function summaryOf(errors: Record<string, string>, prefix: string): SummaryError[] {
  const order = ["owner_agency_ids", "category", "description", "due_on"];
  return Object.entries(errors)
    .sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
    .map(([id, text]) => ({ href: `#${prefix}${id}`, text }));
}
