import { formatDate } from "../../lib/format";

/** A person's name as the need-to-know views give it (either part may be withheld). */
export function personName(p: { given_names: string | null; family_name: string | null }): string {
  return [p.given_names, p.family_name].filter(Boolean).join(" ") || "Name withheld";
}

/** Optional details: "Not given" rather than an empty cell. */
export function orNone(value: string | null | undefined): string {
  return value ? value : "Not given";
}

export function yesNo(value: boolean | null | undefined): string {
  return value === null || value === undefined ? "Not given" : value ? "Yes" : "No";
}

export function born(dob: string | null | undefined): string {
  return dob ? formatDate(dob) : "Not given";
}
