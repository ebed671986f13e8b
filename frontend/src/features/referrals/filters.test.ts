import { describe, expect, it } from "vitest";
import { keepEligible, listQuery, readFilters, writeFilters } from "./filters";

describe("inbox filters in the address", () => {
  it("defaults to new (submitted) referrals", () => {
    expect(readFilters(new URLSearchParams()).status).toBe("submitted");
  });

  it("round-trips every filter, with 'all statuses' said explicitly", () => {
    const filters = { status: "" as const, panelId: "p", from: "2026-01-01", to: "2026-02-01", eligible: "no" as const, cursor: "c" };
    const params = writeFilters(filters);
    expect(params.get("status")).toBe("all");
    expect(readFilters(params)).toEqual(filters);
  });

  it("drops values it does not understand instead of sending them to the API", () => {
    const read = readFilters(new URLSearchParams("status=bogus&from=yesterday&eligible=maybe"));
    expect(read).toMatchObject({ status: "", from: "", eligible: "" });
  });

  it("builds the list query from the filters", () => {
    const filters = readFilters(new URLSearchParams("status=accepted&panel=p&from=2026-01-01&cursor=c"));
    expect(listQuery(filters, 20)).toEqual({ limit: 20, status: "accepted", panel_id: "p", submitted_from: "2026-01-01", cursor: "c" });
  });

  it("filters eligibility on the page", () => {
    const items = [{ eligible: true }, { eligible: false }];
    expect(keepEligible(items, "yes")).toEqual([{ eligible: true }]);
    expect(keepEligible(items, "no")).toEqual([{ eligible: false }]);
    expect(keepEligible(items, "")).toHaveLength(2);
  });
});
