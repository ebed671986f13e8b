import { describe, expect, it } from "vitest";
import { daysFrom, meetingWarnings, splitByDate } from "./deadlines";
import type { Meeting } from "./deadlines";

function meeting(patch: Partial<Meeting> = {}): Meeting {
  return {
    id: "m", panel_id: "p", kind: "regular", status: "listed", created_at: "2026-11-01T09:00:00Z",
    held_on: "2026-12-10", referral_cutoff: "2026-12-01", agenda_due: "2026-12-03", minutes_due: "2026-12-17",
    cancel_reason: null, emergency_reason: null, move_reason: null, moved_from: null, ...patch,
  };
}

const texts = (m: Meeting, today: string, done = {}) => meetingWarnings(m, today, done).map((w) => `${w.colour}: ${w.text}`);

describe("meeting deadline warnings", () => {
  it("counts days between ISO dates", () => {
    expect(daysFrom("2026-11-30", "2026-12-01")).toBe(1);
    expect(daysFrom("2026-12-01", "2026-11-30")).toBe(-1);
  });

  it("warns of the cut-off and agenda in the week before them", () => {
    expect(texts(meeting(), "2026-11-20")).toEqual([]);
    expect(texts(meeting(), "2026-11-26")).toEqual(["blue: Referral cut-off in 5 days", "blue: Agenda due in 7 days"]);
    expect(texts(meeting(), "2026-11-30")).toEqual(["orange: Referral cut-off tomorrow", "blue: Agenda due in 3 days"]);
    expect(texts(meeting(), "2026-12-03")).toEqual(["orange: Agenda due today"]);
  });

  it("calls an agenda overdue only when it is known not to be published", () => {
    expect(texts(meeting(), "2026-12-05")).toEqual([]);
    expect(texts(meeting(), "2026-12-05", { agendaPublished: false })).toEqual(["red: Agenda overdue since 3 December 2026"]);
    expect(texts(meeting(), "2026-12-05", { agendaPublished: true })).toEqual([]);
  });

  it("counts down to the minutes once the meeting is held, until they are circulated", () => {
    expect(texts(meeting(), "2026-12-10", { agendaPublished: true })).toEqual(["blue: Minutes due in 7 days"]);
    expect(texts(meeting(), "2026-12-16")).toEqual(["orange: Minutes due tomorrow"]);
    expect(texts(meeting(), "2026-12-18")).toEqual(["red: Minutes overdue since 17 December 2026"]);
    expect(texts(meeting(), "2026-12-18", { minutesCirculated: true })).toEqual([]);
  });

  it("says nothing of cancelled meetings, nor of an emergency meeting's cut-off", () => {
    expect(texts(meeting({ status: "cancelled" }), "2026-12-10")).toEqual([]);
    expect(texts(meeting({ kind: "emergency" }), "2026-11-30")).toEqual(["blue: Agenda due in 3 days"]);
  });

  it("splits the calendar into upcoming (soonest first) and past (latest first)", () => {
    const list = [meeting({ id: "b", held_on: "2026-12-10" }), meeting({ id: "a", held_on: "2026-11-01" }),
      meeting({ id: "c", held_on: "2026-11-25" }), meeting({ id: "d", held_on: "2026-10-01" })];
    const { upcoming, past } = splitByDate(list, "2026-11-25");
    expect(upcoming.map((m) => m.id)).toEqual(["c", "b"]);
    expect(past.map((m) => m.id)).toEqual(["a", "d"]);
  });
});
