import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { actionState, updateBody, updateErrors } from "./update";

const problem = (type: string, errors: { pointer: string; detail: string }[] = []) =>
  new ApiError(422, { type: `https://example.invalid/problems/${type}`, title: "Refused", status: 422, detail: "Refused.", errors } as never);

describe("updateBody", () => {
  it("sends only the outcome with done, trimmed", () => {
    expect(updateBody({ status: "done", outcome: " Locks fitted ", reason: "stray" })).toEqual({ status: "done", outcome: "Locks fitted" });
  });
  it("sends only the reason with not done", () => {
    expect(updateBody({ status: "not_done", outcome: "stray", reason: "Moved away" })).toEqual({ status: "not_done", reason: "Moved away" });
  });
  it("sends an empty text as typed so the API points at it", () => {
    expect(updateBody({ status: "done", outcome: "  ", reason: "" })).toEqual({ status: "done", outcome: "" });
  });
  it("sends no status when none is chosen", () => {
    expect(updateBody({ status: "", outcome: "", reason: "" })).toEqual({ status: null });
  });
});

describe("updateErrors", () => {
  it("links the API's field errors to their fields", () => {
    expect(updateErrors(problem("validation", [{ pointer: "/body/outcome", detail: "Enter an outcome" }])))
      .toEqual([{ href: "#outcome", text: "Enter an outcome" }]);
  });
  it("says what to enter when the API finds a text empty", () => {
    expect(updateErrors(problem("validation", [{ pointer: "/body/reason", detail: "String should have at least 1 character" }])))
      .toEqual([{ href: "#reason", text: "Enter why the action was not done" }]);
  });
  it("places a problem without a pointer on the field it is about", () => {
    expect(updateErrors(problem("action-reason-required"))).toEqual([{ href: "#reason", text: "Enter why the action was not done" }]);
    expect(updateErrors(problem("action-outcome-required"))).toEqual([{ href: "#outcome", text: "Enter the outcome of the action" }]);
  });
  it("asks for a status when only the status is refused", () => {
    expect(updateErrors(problem("validation", [{ pointer: "/body/status", detail: "x" }])))
      .toEqual([{ href: "#status", text: "Select whether the action is done or not done" }]);
  });
  it("shows any other refusal on the status question", () => {
    expect(updateErrors(new ApiError(409, { type: "x/action-closed", title: "Closed", status: 409, detail: "It is closed." } as never)))
      .toEqual([{ href: "#status", text: "It is closed." }]);
  });
  it("ignores what is not an API error", () => {
    expect(updateErrors(new Error("network"))).toEqual([]);
  });
});

describe("actionState", () => {
  it("marks overdue open actions", () => {
    expect(actionState({ status: "open", overdue: true })).toEqual({ text: "Overdue", colour: "red" });
    expect(actionState({ status: "open", overdue: false }).text).toBe("Open");
    expect(actionState({ status: "done", overdue: false }).text).toBe("Done");
    expect(actionState({ status: "not_done", overdue: false }).text).toBe("Not done");
  });
});
