// The API's field errors point into the request body with JSON Pointers ("/review_date",
// "/victim/given_names"); the form fields use ids derived from those pointers.
import type { FieldProblem } from "../api/client";

export function fieldId(pointer: string): string {
  const path = pointer.replace(/^\//, "").split("/").filter(Boolean);
  return path.length ? path.join("-").replace(/[^A-Za-z0-9_-]/g, "_") : "form";
}

export interface SummaryError {
  href: string;
  text: string;
}

/** Field id to message (the first message per field wins, as GOV.UK shows one). */
export function errorsByField(errors: FieldProblem[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const e of errors) {
    const id = fieldId(e.pointer);
    result[id] ??= e.detail;
  }
  return result;
}

export function summaryFrom(byField: Record<string, string>): SummaryError[] {
  return Object.entries(byField).map(([id, text]) => ({ href: `#${id}`, text }));
}
