// Inbox filters live in the address (shareable, survive reload). Only ids, statuses and dates
// go there: never personal data.
import type { Schemas } from "../../api/client";

export type Status = Schemas["ReferralStatus"];
export const STATUSES: Status[] = ["submitted", "accepted", "returned", "redirected"];

export interface InboxFilters {
  status: Status | "";
  panelId: string;
  from: string;
  to: string;
  eligible: "" | "yes" | "no";
  cursor: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(params: URLSearchParams): InboxFilters {
  const status = params.get("status") ?? "submitted";
  const eligible = params.get("eligible") ?? "";
  const date = (name: string) => {
    const value = params.get(name) ?? "";
    return ISO_DATE.test(value) ? value : "";
  };
  return {
    status: STATUSES.includes(status as Status) ? (status as Status) : "",
    panelId: params.get("panel") ?? "",
    from: date("from"),
    to: date("to"),
    eligible: eligible === "yes" || eligible === "no" ? eligible : "",
    cursor: params.get("cursor") ?? "",
  };
}

export function writeFilters(filters: InboxFilters): URLSearchParams {
  const params = new URLSearchParams();
  // "submitted" is the default view, so "all statuses" has to be said explicitly.
  params.set("status", filters.status || "all");
  if (filters.panelId) params.set("panel", filters.panelId);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.eligible) params.set("eligible", filters.eligible);
  if (filters.cursor) params.set("cursor", filters.cursor);
  return params;
}

/** The query for GET /api/v1/referrals. */
export function listQuery(filters: InboxFilters, limit: number) {
  return {
    limit,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.panelId ? { panel_id: filters.panelId } : {}),
    ...(filters.from ? { submitted_from: filters.from } : {}),
    ...(filters.to ? { submitted_to: filters.to } : {}),
    ...(filters.cursor ? { cursor: filters.cursor } : {}),
  };
}

/** "eligible" is not a query parameter of the contract yet: it filters the fetched page. */
export function keepEligible<T extends { eligible: boolean }>(items: T[], eligible: InboxFilters["eligible"]): T[] {
  return eligible ? items.filter((i) => i.eligible === (eligible === "yes")) : items;
}
