// Closing an action: done with an outcome, or not done with a reason (PATCH /actions/{id}).
// The API checks everything again; these turn the form into the body and its refusals into
// the GOV.UK error summary's entries.
import { ApiError } from "../../api/client";
import type { Schemas } from "../../api/client";
import { errorsByField, summaryFrom } from "../../lib/fieldErrors";
import type { SummaryError } from "../../lib/fieldErrors";

export type Action = Schemas["ActionRead"];
export type ActionUpdate = Schemas["ActionUpdate"];

export interface UpdateForm {
  status: "" | "done" | "not_done";
  outcome: string;
  reason: string;
}

/** The body sent: only the field that goes with the chosen status (the API refuses strays).
 * Text is sent as typed, so the API's own field errors point at the empty one. */
export function updateBody(form: UpdateForm): ActionUpdate {
  if (form.status === "done") return { status: "done", outcome: form.outcome.trim() };
  if (form.status === "not_done") return { status: "not_done", reason: form.reason.trim() };
  return { status: null };
}

// Problem types the API answers without a field pointer, placed on the field they are about.
const PROBLEM_FIELD: Record<string, { id: string; text: string }> = {
  "action-outcome-required": { id: "outcome", text: "Enter the outcome of the action" },
  "action-reason-required": { id: "reason", text: "Enter why the action was not done" },
};

const EMPTY_TEXT: Record<string, string> = {
  outcome: "Enter the outcome of the action",
  reason: "Enter why the action was not done",
};

/** The error summary's entries for a refused update (a 412 is handled by the page). */
export function updateErrors(error: unknown): SummaryError[] {
  if (!(error instanceof ApiError)) return [];
  const byField = errorsByField(error.fieldErrors);
  for (const [id, text] of Object.entries(EMPTY_TEXT)) {
    // The API's message for an empty text is generic; GOV.UK says what to enter.
    if (byField[id] && /at least 1 character/i.test(byField[id])) byField[id] = text;
  }
  if (byField.status && !byField.outcome && !byField.reason) {
    byField.status = "Select whether the action is done or not done";
  }
  const list = summaryFrom(byField);
  if (list.length) return list;
  const type = error.problem?.type?.split("/").pop() ?? "";
  const known = PROBLEM_FIELD[type];
  if (known) return [{ href: `#${known.id}`, text: known.text }];
  return [{ href: "#status", text: error.message }];
}

/** How an action's state reads in a table: overdue ones stand out. */
export function actionState(action: Pick<Action, "status" | "overdue">): { text: string; colour: string } {
  if (action.status === "done") return { text: "Done", colour: "green" };
  if (action.status === "not_done") return { text: "Not done", colour: "grey" };
  return action.overdue ? { text: "Overdue", colour: "red" } : { text: "Open", colour: "blue" };
}
