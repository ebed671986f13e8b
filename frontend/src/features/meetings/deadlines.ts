// Deadline warnings for the meetings calendar: the referral cut-off, the agenda's circulation
// and the minutes, each counted from the dates the API computed (working days, bank holidays).
import type { Schemas } from "../../api/client";
import { formatDate } from "../../lib/format";

export type Meeting = Schemas["MeetingRead"];

export interface Warning {
  text: string;
  /** GOV.UK tag colour: red overdue, orange within a week, blue upcoming. */
  colour: "red" | "orange" | "blue";
}

/** Whole days from `from` to `to` (ISO dates); negative when `to` is earlier. */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function inDays(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  return `in ${days} days`;
}

/**
 * What needs attention about a meeting today. `agendaPublished` and `minutesCirculated` are
 * known only on the meeting's page (undefined on the calendar): there a passed date is a
 * warning only when the thing is still not done.
 */
export function meetingWarnings(
  meeting: Meeting,
  today: string,
  done: { agendaPublished?: boolean; minutesCirculated?: boolean } = {},
): Warning[] {
  if (meeting.status === "cancelled") return [];
  const warnings: Warning[] = [];
  const cutoff = daysFrom(today, meeting.referral_cutoff);
  if (meeting.kind === "regular" && cutoff >= 0 && cutoff <= 7) {
    warnings.push({ text: `Referral cut-off ${inDays(cutoff)}`, colour: cutoff <= 2 ? "orange" : "blue" });
  }
  const agenda = daysFrom(today, meeting.agenda_due);
  if (done.agendaPublished !== true && daysFrom(today, meeting.held_on) >= 0) {
    if (agenda < 0 && done.agendaPublished === false) {
      warnings.push({ text: `Agenda overdue since ${formatDate(meeting.agenda_due)}`, colour: "red" });
    } else if (agenda >= 0 && agenda <= 7) {
      warnings.push({ text: `Agenda due ${inDays(agenda)}`, colour: agenda <= 2 ? "orange" : "blue" });
    }
  }
  const minutes = daysFrom(today, meeting.minutes_due);
  if (done.minutesCirculated !== true && daysFrom(today, meeting.held_on) <= 0) {
    if (minutes < 0) {
      warnings.push({ text: `Minutes overdue since ${formatDate(meeting.minutes_due)}`, colour: "red" });
    } else {
      warnings.push({ text: `Minutes due ${inDays(minutes)}`, colour: minutes <= 2 ? "orange" : "blue" });
    }
  }
  return warnings;
}

/** The calendar's split: meetings still to come (today included) and the ones held. */
export function splitByDate(meetings: Meeting[], today: string): { upcoming: Meeting[]; past: Meeting[] } {
  const sorted = [...meetings].sort((a, b) => a.held_on.localeCompare(b.held_on));
  return {
    upcoming: sorted.filter((m) => m.held_on >= today),
    past: sorted.filter((m) => m.held_on < today).reverse(),
  };
}
