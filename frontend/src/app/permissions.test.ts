import { describe, expect, it } from "vitest";
import { canTriage, homePath, navigation, runsActions, seesCases, type Me } from "./permissions";

const PANEL = "0190a000-0000-7000-8000-000000000001";
const OTHER = "0190a000-0000-7000-8000-000000000002";

function me(roles: Me["panels"][number]["roles"], admin = false): Me {
  return { user_id: "u", agency_id: "a", is_administrator: admin, is_sharing_approver: false, panels: roles.length ? [{ panel_id: PANEL, roles }] : [] };
}

const labels = (m: Me) => navigation(m).map((i) => i.label);

describe("what each role is offered", () => {
  it.each([
    ["coordinator", ["Referrals", "New referral", "Cases", "Meetings", "Actions", "Sharing decisions"]],
    ["chair", ["Referrals", "New referral", "Cases", "Meetings", "Actions", "Sharing decisions"]],
    ["agency_representative", ["Referrals", "New referral", "Cases", "Meetings", "Actions", "Sharing decisions"]],
    ["idva", ["Referrals", "New referral", "Cases", "Meetings", "Sharing decisions"]],
    ["referrer", ["Referrals", "New referral", "Meetings", "Sharing decisions"]],
    ["analyst", ["Meetings"]],
  ] as const)("%s sees %j", (role, expected) => {
    expect(labels(me([role]))).toEqual(expected);
  });

  it("an administrator without panel roles sees administration only", () => {
    expect(labels(me([], true))).toEqual(["Users", "API keys"]);
    expect(homePath(me([], true))).toBe("/admin/users");
  });

  it("only coordinators and chairs triage, and only on their own panel", () => {
    expect(canTriage(me(["coordinator"]), PANEL)).toBe(true);
    expect(canTriage(me(["chair"]), PANEL)).toBe(true);
    expect(canTriage(me(["idva", "referrer"]), PANEL)).toBe(false);
    expect(canTriage(me(["coordinator"]), OTHER)).toBe(false);
  });

  it("a referrer sees no cases; an analyst only the calendar; someone with no role lands on no-access", () => {
    expect(seesCases(me(["referrer"]))).toBe(false);
    expect(homePath(me(["analyst"]))).toBe("/meetings");
    expect(homePath(me([]))).toBe("/no-access");
  });

  it("coordinators and chairs run a panel's actions; an agency representative reads their own", () => {
    expect(runsActions(me(["coordinator"]), PANEL)).toBe(true);
    expect(runsActions(me(["chair"]), OTHER)).toBe(false);
    expect(runsActions(me(["agency_representative"]), PANEL)).toBe(false);
  });
});
