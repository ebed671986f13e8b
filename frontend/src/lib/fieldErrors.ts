// The API's field errors point into the request with JSON Pointers ("/body/review_date",
// "/body/victim/given_names"); the form fields use ids derived from the body part of them.
import type { FieldProblem } from "../api/client";

export function fieldId(pointer: string): string {
  const path = pointer.replace(/^\//, "").split("/").filter(Boolean)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (path[0] === "body") path.shift(); // where in the request: the body is where forms live
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

/** Summary links to fields; errors for ids not on the page (when `known` is given) are listed
 * without a link, so nothing is silently dropped. */
export function summaryFrom(byField: Record<string, string>, known?: (id: string) => boolean): SummaryError[] {
  return Object.entries(byField).map(([id, text]) => ({ href: !known || known(id) ? `#${id}` : "#", text }));
}
