// Actions end to end, as a runner of the panel (the chair, signed in when this starts): record
// an action for a case on today's meeting (the error summary first), re-assign it at a later
// meeting (the error summary, then a concurrent change: 412, reload, the typing kept), and read
// its history. The database is the whole run's: only this flow's own action is counted.
//
// Re-assignment happens at a meeting held after the one that agreed the action, and meetings
// are never created in the past, so once the action is recorded the agreeing meeting is moved
// back a day in the e2e database (the only way to have two held meetings in one run).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "..", "..", "..");
const DESCRIPTION = "Fit a panic alarm at the victim's home (actions flow).";

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Moves a meeting's day in the run's SQLite database (ids are stored as 32 hex digits). */
function backdate(database, meetingId, heldOn) {
  const script = [
    "import sqlite3, sys",
    "db = sqlite3.connect(sys.argv[1])",
    "n = db.execute('UPDATE meetings SET held_on = ? WHERE id IN (?, ?)', (sys.argv[3], sys.argv[2], sys.argv[2].replace('-', ''))).rowcount",
    "db.commit()",
    "print(n)",
  ].join("\n");
  const out = execFileSync(join(repo, ".venv", "bin", "python"), ["-c", script, database, meetingId, heldOn]);
  assert.equal(out.toString().trim(), "1", "the agreeing meeting was moved back a day");
}

export async function actionsFlow({ page, base, password, http, panelId, check, database, meetingId }) {
  if (!meetingId) {
    console.log("  (no meeting is held today: the actions flow waits for a working day)");
    return;
  }
  console.log("actions flow: record at the meeting, re-assign at a later one, read the history");
  const runner = await http.login("north-coordinator@demo.invalid", password);
  const panel = (await http.get("/api/v1/panels", runner)).data.items.find((p) => p.id === panelId);
  const attendance = (await http.get(`/api/v1/meetings/${meetingId}/attendance`, runner)).data.items;
  const present = attendance.filter((a) => !a.apologies).map((a) => a.agency_id);
  const owner = present[present.length - 1];
  const ownerName = panel.member_agencies.find((a) => a.agency_id === owner).name;
  const other = panel.member_agencies.find((a) => a.agency_id !== owner);

  // Recording: the form's own checks in the GOV.UK summary, then the action agreed.
  await page.goto(`${base}/meetings/${meetingId}`);
  await page.getByRole("heading", { name: "Meeting day" }).waitFor();
  const firstCase = page.locator("details").first();
  await firstCase.locator("summary").click();
  const form = firstCase.locator("form").filter({ has: page.getByRole("button", { name: "Record the action" }) });
  await form.getByRole("button", { name: "Record the action" }).click();
  await form.getByRole("heading", { name: "There is a problem" }).waitFor();
  assert.match(await form.locator(".govuk-error-summary").innerText(), /Select the agency, or agencies, taking the action/);
  await form.locator(".govuk-error-summary").getByRole("link", { name: "Enter what will be done" }).click();
  assert.match(await page.evaluate(() => document.activeElement?.id ?? ""), /-description$/, "a summary link moves to its field");
  await check(page, "meeting-record-action-errors");
  await form.getByRole("checkbox", { name: ownerName }).check();
  await form.getByLabel("Kind of action").selectOption("target_hardening_or_moving");
  await form.getByLabel("What will be done").fill(DESCRIPTION);
  await form.getByLabel("Due", { exact: true }).fill(day(-3)); // before the meeting: the form says so
  await form.getByRole("button", { name: "Record the action" }).click();
  await form.getByText("The due date must be on or after the meeting's day").first().waitFor();
  await form.getByLabel("Due", { exact: true }).fill(day(21));
  await form.getByRole("button", { name: "Record the action" }).click();
  const made = firstCase.getByRole("link", { name: DESCRIPTION });
  await made.waitFor();
  await check(page, "meeting-action-recorded");
  const actionId = (await made.getAttribute("href")).split("/").pop();
  const mine = (await http.get(`/api/v1/actions/${actionId}`, runner)).data;
  assert.equal(mine.description, DESCRIPTION);
  assert.equal(mine.owner_agency_id, owner);

  // A later meeting, held today, which the other agency attends.
  backdate(database, meetingId, day(-1));
  const later = (await http.post("/api/v1/meetings", runner,
    { panel_id: panelId, held_on: day(0), emergency: true, emergency_reason: "Re-assigning an action (actions flow)." })).data;
  await http.post(`/api/v1/meetings/${later.id}/attendance`, runner, {
    person_name: "Parker Police", agency_id: other.agency_id, standing: "lead", apologies: false,
    arrived_at: new Date().toISOString(),
  });

  // Re-assigning: the summary, then a concurrent change (412), reload, typing kept, saved.
  await page.goto(`${base}/actions/${actionId}`);
  await page.getByRole("heading", { name: "Re-assign the action" }).waitFor();
  await page.getByRole("button", { name: "Re-assign the action" }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  await page.locator("#meeting_id-error").waitFor();
  await check(page, "action-reassign-errors");
  await page.getByLabel("Meeting that re-assigns it").selectOption(later.id);
  await page.getByLabel("Agency taking it on").locator(`option[value="${other.agency_id}"]`).waitFor({ state: "attached" });
  await page.getByLabel("Agency taking it on").selectOption(other.agency_id);
  await page.getByLabel("New due date (optional)").fill(day(28));
  await page.getByLabel("Why it is re-assigned").fill("Another agency attending now leads on this (actions flow).");
  const { headers } = await http.get(`/api/v1/actions/${actionId}`, runner);
  await http.patch(`/api/v1/actions/${actionId}`, runner, { progress: "Alarm ordered (actions flow)." },
    { "If-Match": headers.get("etag") });
  await page.getByRole("button", { name: "Re-assign the action" }).click();
  await page.getByText("Someone else changed this action while you were looking at it").first().waitFor();
  await check(page, "action-reassign-conflict");
  await page.getByRole("button", { name: "Reload the action" }).click();
  await page.getByText("Alarm ordered (actions flow).").waitFor();
  assert.equal(await page.getByLabel("Why it is re-assigned").inputValue(),
    "Another agency attending now leads on this (actions flow).", "the typing is kept");
  assert.equal(await page.getByLabel("Agency taking it on").inputValue(), other.agency_id);
  await page.getByRole("button", { name: "Re-assign the action" }).click();
  await page.getByText(`Action re-assigned to ${other.name}`).waitFor();
  await check(page, "action-reassigned");
  const after = (await http.get(`/api/v1/actions/${actionId}`, runner)).data;
  assert.equal(after.owner_agency_id, other.agency_id);
  assert.equal(after.due_on, day(28));

  // The history: recorded, progress, re-assigned; each change's before and after.
  await page.getByRole("button", { name: "Show the action" }).click();
  await page.getByRole("link", { name: "See the action's history" }).click();
  await page.getByRole("heading", { name: /^History: / }).waitFor();
  const tables = page.locator("table");
  assert.equal(await tables.count(), 3, "three changes: recorded, progress, re-assigned");
  const reassigned = page.getByRole("table", { name: /Re-assigned/ });
  const agencyRow = reassigned.getByRole("row", { name: /^Agency/ });
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  assert.match(await agencyRow.innerText(), new RegExp(`${escape(ownerName)}\\s+${escape(other.name)}`));
  await reassigned.getByText("Another agency attending now leads on this (actions flow).").waitFor();
  await page.getByRole("table", { name: /Progress noted/ }).getByText("Alarm ordered (actions flow).").waitFor();
  await check(page, "action-history");
}
