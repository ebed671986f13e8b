import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { actionBody, actionChecks, actionErrors, summaryOf } from "./recordActions";

const problem = (type: string, errors: { pointer: string; detail: string }[] = []) =>
  new ApiError(422, { type: `https://example.invalid/problems/${type}`, title: "Refused", status: 422, detail: "Refused.", errors } as never);

const form = { owners: ["a1", "a2", "a1"], category: "victim_update" as const, description: " Call her weekly ", dueOn: "2026-12-10" };

describe("recording actions at a meeting", () => {
  it("sends each ticked agency once (a joint action) and trims the text", () => {
    expect(actionBody("m1", "c1", form)).toEqual({
      meeting_id: "m1", case_id: "c1", owner_agency_ids: ["a1", "a2"], category: "victim_update",
      description: "Call her weekly", due_on: "2026-12-10",
    });
  });
  it("asks for every field, and a due date not before the meeting", () => {
    expect(Object.keys(actionChecks({ owners: [], category: "", description: " ", dueOn: "" }, "2026-11-26")))
      .toEqual(["owner_agency_ids", "category", "description", "due_on"]);
    expect(actionChecks({ ...form, dueOn: "2026-11-25" }, "2026-11-26")).toEqual({
      due_on: "The due date must be on or after the meeting's day" });
    expect(actionChecks(form, "2026-11-26")).toEqual({});
  });
  it("places the API's field errors by body field, an item's on its list", () => {
    expect(actionErrors(problem("validation", [
      { pointer: "/body/owner_agency_ids/1", detail: "Input should be a valid UUID" },
      { pointer: "/body/description", detail: "String should have at most 2000 characters" },
    ]))).toEqual({ owner_agency_ids: "Input should be a valid UUID", description: "String should have at most 2000 characters" });
  });
  it("places a rule problem on the field it is about", () => {
    expect(actionErrors(problem("action-agency-absent"))).toEqual({
      owner_agency_ids: "Select only agencies recorded as attending this meeting" });
    expect(actionErrors(problem("action-due-before-meeting"))).toHaveProperty("due_on");
  });
  it("links the summary to the case's own fields, in the form's order", () => {
    expect(summaryOf({ due_on: "Late", owner_agency_ids: "None" }, "action-h1-")).toEqual([
      { href: "#action-h1-owner_agency_ids", text: "None" }, { href: "#action-h1-due_on", text: "Late" }]);
  });
});
