import { describe, expect, it } from "vitest";
import type { Me } from "../../app/permissions";
import { casePath, caseReading, widestCaseReading } from "./reading";

const PANEL = "0190a000-0000-7000-8000-000000000001";
const OTHER = "0190a000-0000-7000-8000-000000000002";
const CASE = "0190a000-0000-7000-8000-0000000000ca";

function me(panels: Me["panels"]): Me {
  return { user_id: "u", agency_id: "a", is_administrator: false, is_sharing_approver: false, panels };
}
const on = (roles: Me["panels"][number]["roles"], panel = PANEL) => me([{ panel_id: panel, roles }]);

describe("which page of a case each role reads", () => {
  it.each([
    ["coordinator", `/cases/${CASE}`],
    ["chair", `/cases/${CASE}`],
    ["idva", `/cases/${CASE}/safety-plan`],
    ["agency_representative", `/cases/${CASE}/summary`],
    ["referrer", null],
    ["analyst", null],
  ] as const)("%s: %s", (role, path) => {
    expect(casePath(on([role]), PANEL, CASE)).toBe(path);
  });

  it("the widest of several roles on the panel wins", () => {
    expect(caseReading(on(["agency_representative", "idva"]), PANEL)).toBe("safety_plan");
    expect(caseReading(on(["agency_representative", "chair"]), PANEL)).toBe("full");
    expect(caseReading(on(["referrer", "agency_representative"]), PANEL)).toBe("summary");
  });

  it("only the roles on the case's own panel count", () => {
    const both = me([{ panel_id: PANEL, roles: ["coordinator"] }, { panel_id: OTHER, roles: ["agency_representative"] }]);
    expect(casePath(both, OTHER, CASE)).toBe(`/cases/${CASE}/summary`);
    expect(casePath(both, PANEL, CASE)).toBe(`/cases/${CASE}`);
    expect(casePath(on(["coordinator"], OTHER), PANEL, CASE)).toBeNull();
    expect(casePath(me([]), PANEL, CASE)).toBeNull();
  });

  it("a bare case address opens the widest view any panel gives", () => {
    expect(widestCaseReading(on(["agency_representative"]))).toBe("summary");
    expect(widestCaseReading(on(["idva"]))).toBe("safety_plan");
    expect(widestCaseReading(me([{ panel_id: PANEL, roles: ["agency_representative"] }, { panel_id: OTHER, roles: ["chair"] }]))).toBe("full");
    expect(widestCaseReading(on(["referrer"]))).toBe("none");
  });
});
