// Which page of a case the signed-in person reads, from their roles on the case's panel. It
// mirrors domain/need_to_know.py (case_reading): the widest view any of their roles gives. The
// API decides again on every read (an agency representative only of cases on a meeting their
// agency is invited to).
import type { Me, Role } from "../../app/permissions";

export type CaseReading = "full" | "safety_plan" | "summary" | "none";

const BY_ROLE: Partial<Record<Role, CaseReading>> = {
  coordinator: "full", chair: "full", idva: "safety_plan", agency_representative: "summary",
};
const WIDEST_FIRST: CaseReading[] = ["full", "safety_plan", "summary", "none"];

function widest(readings: CaseReading[]): CaseReading {
  return WIDEST_FIRST.find((r) => readings.includes(r)) ?? "none";
}

/** The view the person's roles on `panelId` give of its cases. */
export function caseReading(me: Me, panelId: string): CaseReading {
  const roles = me.panels.find((p) => p.panel_id === panelId)?.roles ?? [];
  return widest(roles.map((role) => BY_ROLE[role] ?? "none"));
}

/** For a bare /cases/{id} address, where the panel is not known yet: the widest view any
 * panel gives (the case list links to the page for the case's own panel). */
export function widestCaseReading(me: Me): CaseReading {
  return widest(me.panels.map((p) => caseReading(me, p.panel_id)));
}

/** The page the case list links to, or null: no link for someone with no view of the case. */
export function casePath(me: Me, panelId: string, caseId: string): string | null {
  switch (caseReading(me, panelId)) {
    case "full": return `/cases/${caseId}`;
    case "safety_plan": return `/cases/${caseId}/safety-plan`;
    case "summary": return `/cases/${caseId}/summary`;
    case "none": return null;
  }
}
