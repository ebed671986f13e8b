import { describe, expect, it } from "vitest";
import { groupKey, normaliseCode } from "./mfa";

describe("second-step codes", () => {
  it("drops the spaces people type in codes", () => {
    expect(normaliseCode(" 123 456 ")).toBe("123456");
    expect(normaliseCode("")).toBe("");
  });

  it("groups a setup key in fours", () => {
    expect(groupKey("JBSWY3DPEHPK3PXPQ")).toBe("JBSW Y3DP EHPK 3PXP Q");
    expect(groupKey("")).toBe("");
  });
});
