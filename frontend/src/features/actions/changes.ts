// An action's changes: its history as before/after rows (GET /actions/{id}/history), and
// re-assignment to another agency at a later meeting (POST /actions/{id}/reassignment). The API
// checks every rule again; these shape what is shown and sent, and place its refusals.
import { ApiError } from "../../api/client";
import type { Schemas } from "../../api/client";
import { errorsByField, summaryFrom } from "../../lib/fieldErrors";
import type { SummaryError } from "../../lib/fieldErrors";

export type ActionChange = Schemas["ActionChangeRead"];
export type ActionReassign = Schemas["ActionReassign"];

/** One changed field of a change: its value before (null when it had none) and after. */
export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

// The fields the API snapshots, in the order a reader wants them; "note" is a re-assignment's reason.
const FIELD_ORDER = ["status", "owner_agency_id", "due_on", "progress", "outcome", "reason", "note"];

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The fields a change moved (every field it set, for the first record). */
export function fieldChanges(change: Pick<ActionChange, "before" | "after">): FieldChange[] {
  const before = change.before ?? {};
  const after = change.after;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return keys
    .map((field) => ({ field, before: text(before[field]), after: text(after[field]) }))
    .filter((c) => c.before !== c.after);
}

function rank(field: string): number {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
}

export const FIELD_LABELS: Record<string, string> = {
  status: "Status",
  owner_agency_id: "Agency",
  due_on: "Due",
  progress: "Progress",
  outcome: "Outcome",
  reason: "Why not done",
  note: "Why re-assigned",
};

export const KIND_LABELS: Record<string, string> = {
  recorded: "Recorded at the meeting",
  progress: "Progress noted",
  done: "Closed: done",
  not_done: "Closed: not done",
  reassigned: "Re-assigned",
};

export interface ReassignForm {
  meetingId: string;
  ownerAgencyId: string;
  dueOn: string;
  reason: string;
}

/** The body sent: an empty due date keeps the current one (absent, as the contract says). */
export function reassignBody(form: ReassignForm): ActionReassign {
  return {
    meeting_id: form.meetingId,
    owner_agency_id: form.ownerAgencyId,
    reason: form.reason.trim(),
    ...(form.dueOn ? { due_on: form.dueOn } : {}),
  };
}

/** What the form can say before sending (the API checks again). */
export function reassignChecks(form: ReassignForm): SummaryError[] {
  const list: SummaryError[] = [];
  if (!form.meetingId) list.push({ href: "#meeting_id", text: "Select the meeting that re-assigns the action" });
  if (!form.ownerAgencyId) list.push({ href: "#owner_agency_id", text: "Select the agency that takes the action on" });
  if (!form.reason.trim()) list.push({ href: "#reason", text: "Enter why the action is re-assigned" });
  return list;
}

// Problem types without a field pointer, placed on the field they are about.
const REASSIGN_PROBLEMS: Record<string, { id: string; text: string }> = {
  "action-agency-absent": { id: "owner_agency_id", text: "Select an agency recorded as attending that meeting" },
  "action-same-owner": { id: "owner_agency_id", text: "Select another agency: the action is already theirs" },
  "action-not-a-later-meeting": { id: "meeting_id", text: "Select a meeting held after the one that agreed the action" },
  "action-meeting-not-held": { id: "meeting_id", text: "Select a meeting of this panel already held" },
  "action-due-before-meeting": { id: "due_on", text: "The due date must be on or after the meeting's day" },
};

/** The error summary's entries for a refused re-assignment (a 412 is handled by the page). */
export function reassignErrors(error: unknown): SummaryError[] {
  return placedErrors(error, REASSIGN_PROBLEMS, "reason");
}

/** Field errors by their body pointer, else the problem type's field, else the form's first. */
export function placedErrors(error: unknown, problems: Record<string, { id: string; text: string }>,
  fallbackId: string, prefix = ""): SummaryError[] {
  if (!(error instanceof ApiError)) return [];
  const list = summaryFrom(errorsByField(error.fieldErrors)).map((e) => ({ ...e, href: e.href.replace("#", `#${prefix}`) }));
  if (list.length) return list;
  const type = error.problem?.type?.split("/").pop() ?? "";
  const known = problems[type];
  if (known) return [{ href: `#${prefix}${known.id}`, text: known.text }];
  return [{ href: `#${prefix}${fallbackId}`, text: error.message }];
}
