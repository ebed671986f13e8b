import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { fieldChanges, reassignBody, reassignChecks, reassignErrors } from "./changes";

const problem = (type: string, errors: { pointer: string; detail: string }[] = []) =>
  new ApiError(422, { type: `https://example.invalid/problems/${type}`, title: "Refused", status: 422, detail: "Refused.", errors } as never);

const snap = { owner_agency_id: "a1", status: "open", due_on: "2026-12-01", outcome: null, reason: null, progress: null };

describe("fieldChanges", () => {
  it("lists only the fields a change moved, status first", () => {
    expect(fieldChanges({ before: snap, after: { ...snap, status: "done", outcome: "Locks fitted" } })).toEqual([
      { field: "status", before: "open", after: "done" },
      { field: "outcome", before: null, after: "Locks fitted" },
    ]);
  });
  it("shows every set field of the first record, with nothing before", () => {
    expect(fieldChanges({ before: null, after: snap }).map((c) => c.field)).toEqual(["status", "owner_agency_id", "due_on"]);
  });
  it("keeps a re-assignment's reason (its note) after the fields it moved", () => {
    const after = { ...snap, owner_agency_id: "a2", note: "Police now lead" };
    expect(fieldChanges({ before: snap, after })).toEqual([
      { field: "owner_agency_id", before: "a1", after: "a2" },
      { field: "note", before: null, after: "Police now lead" },
    ]);
  });
});

describe("re-assignment", () => {
  const form = { meetingId: "m2", ownerAgencyId: "a2", dueOn: "", reason: " Police now lead " };
  it("leaves the due date out when none is typed, so it stays", () => {
    expect(reassignBody(form)).toEqual({ meeting_id: "m2", owner_agency_id: "a2", reason: "Police now lead" });
    expect(reassignBody({ ...form, dueOn: "2027-01-04" }).due_on).toBe("2027-01-04");
  });
  it("asks for a meeting, an agency and a reason before sending", () => {
    expect(reassignChecks({ meetingId: "", ownerAgencyId: "", dueOn: "", reason: " " }).map((e) => e.href))
      .toEqual(["#meeting_id", "#owner_agency_id", "#reason"]);
    expect(reassignChecks(form)).toEqual([]);
  });
  it("places the API's field errors on their fields", () => {
    expect(reassignErrors(problem("validation", [{ pointer: "/body/due_on", detail: "Input should be a valid date" }])))
      .toEqual([{ href: "#due_on", text: "Input should be a valid date" }]);
  });
  it("places rule problems without a pointer on the field they are about", () => {
    expect(reassignErrors(problem("action-agency-absent"))).toEqual([
      { href: "#owner_agency_id", text: "Select an agency recorded as attending that meeting" }]);
    expect(reassignErrors(problem("action-not-a-later-meeting"))[0]?.href).toBe("#meeting_id");
  });
});
