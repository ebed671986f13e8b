// What the signed-in person may do, from GET /auth/me. It only decides what the screens offer;
// the API enforces every rule again (these mirror api/referrals/access.py).
import type { Schemas } from "../api/client";
import { shortRef } from "../lib/format";

export type Me = Schemas["Me"];
export type Role = Schemas["Role"];

const PANEL_WIDE: Role[] = ["coordinator", "chair", "agency_representative", "idva"];
const TRIAGERS: Role[] = ["coordinator", "chair"];
const SUBMITTERS: Role[] = ["referrer", ...PANEL_WIDE];

export function panelsWhere(me: Me, roles: Role[]): string[] {
  return me.panels.filter((p) => p.roles.some((r) => roles.includes(r))).map((p) => p.panel_id);
}

export function canTriage(me: Me, panelId: string): boolean {
  return panelsWhere(me, TRIAGERS).includes(panelId);
}

export function seesReferrals(me: Me): boolean {
  return panelsWhere(me, [...PANEL_WIDE, "referrer"]).length > 0;
}

export function seesCases(me: Me): boolean {
  return panelsWhere(me, PANEL_WIDE).length > 0;
}

/** Panels this person may send a referral to. */
export function submitPanels(me: Me): string[] {
  return panelsWhere(me, SUBMITTERS);
}

/** The calendar is for every role on a panel (the agenda and minutes for case readers). */
export function seesMeetings(me: Me): boolean {
  return me.panels.some((p) => p.roles.length > 0);
}

/** Action lists: the panel's runners (all its actions) and agency representatives (their own). */
export const ACTION_RUNNERS: Role[] = ["coordinator", "chair"];
export const ACTION_READERS: Role[] = [...ACTION_RUNNERS, "agency_representative"];

export function seesActions(me: Me): boolean {
  return panelsWhere(me, ACTION_READERS).length > 0;
}

/** Runs the panel's action plan: sees every agency's actions and the overdue list. */
export function runsActions(me: Me, panelId: string): boolean {
  return panelsWhere(me, ACTION_RUNNERS).includes(panelId);
}

export function canSubmit(me: Me): boolean {
  return panelsWhere(me, SUBMITTERS).length > 0;
}

/** Sharing decisions: the panel's runners all of them, proposers and IDVAs their agency's. */
export const SHARING_READERS: Role[] = ["coordinator", "chair", "referrer", "agency_representative", "idva"];

export interface NavItem {
  href: string;
  label: string;
}

/** The service navigation: only the screens this person can use. */
export function navigation(me: Me): NavItem[] {
  const items: NavItem[] = [];
  if (seesReferrals(me)) items.push({ href: "/referrals", label: "Referrals" });
  if (canSubmit(me)) items.push({ href: "/referrals/new", label: "New referral" });
  if (seesCases(me)) items.push({ href: "/cases", label: "Cases" });
  if (seesMeetings(me)) items.push({ href: "/meetings", label: "Meetings" });
  if (seesActions(me)) items.push({ href: "/actions", label: "Actions" });
  if (panelsWhere(me, SHARING_READERS).length) items.push({ href: "/sharing", label: "Sharing decisions" });
  if (me.is_administrator) {
    items.push({ href: "/admin/users", label: "Users" });
    items.push({ href: "/admin/api-keys", label: "API keys" });
  }
  return items;
}

/** Where a person lands after signing in. */
export function homePath(me: Me): string {
  return navigation(me)[0]?.href ?? "/no-access";
}

/** Panels have no names in the contract yet (the panels API is still to land). */
export function panelLabel(me: Me, panelId: string): string {
  const index = me.panels.findIndex((p) => p.panel_id === panelId);
  return index >= 0 ? `Panel ${index + 1} (${shortRef(panelId)})` : `Panel ${shortRef(panelId)}`;
}
