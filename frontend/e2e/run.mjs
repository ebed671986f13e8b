// End-to-end: Debian's Chromium (no browser download) against the real API with the demo loaded.
// Signs in as the demo coordinator, triages referrals (keyboard only for the first), sees the
// case, meets a concurrent change (412) and an ended session; runs axe on every screen and
// writes a screenshot of each to frontend/screenshots/ (git-ignored).
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium } from "playwright-core";
import { actionsFlow } from "./flows/actions.mjs";
import { caseRolesFlow } from "./flows/case-roles.mjs";
import { referralRowsFlow } from "./flows/referral-form.mjs";
import { api, referralBody, startServer, totp } from "./server.mjs";
import { sharingFlow } from "./flows/sharing.mjs";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SHOTS = resolve(import.meta.dirname, "..", "screenshots");
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en-GB"];
const axeResults = [];

let shots = 0;

async function check(page, title) {
  const name = `${String(++shots).padStart(2, "0")}-${title}`;
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  axeResults.push({ name, violations: result.violations.length, serious: bad.length });
  const detail = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  assert.equal(bad.length, 0, `${name}: serious or critical axe violations:\n${detail.join("\n")}`);
  console.log(`  ✓ ${name}: axe ${result.violations.length} minor/moderate, 0 serious or critical`);
}

async function signIn(page, email, password) {
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Tabs through the page (keyboard only) until the element with `id` has focus. */
async function tabTo(page, id, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach #${id} with the keyboard`);
}

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  const server = await startServer();
  const profile = mkdtempSync(join(tmpdir(), "marac-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1280, height: 900 }, locale: "en-GB",
  });
  try {
    await run(server, context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    server.stop();
    console.table(axeResults);
  }
}

async function run(server, context) {
  const { base, password } = server;
  const http = api(base);
  const coordinator = "north-coordinator@demo.invalid";
  const token = await http.login(coordinator, password);
  const me = (await http.get("/api/v1/auth/me", token)).data;
  const panelId = me.panels[0].panel_id;
  // Referrals arrive through the API, as from an agency's system (the form waits for the
  // panel-instrument route). A and B share a victim, so B's match candidates include A's case.
  const submit = async (victim) => (await http.post("/api/v1/referrals", token,
    referralBody(panelId, victim), { "Idempotency-Key": crypto.randomUUID() })).data.id;
  const alex = { given: "Alex", family: "Example", dob: "1990-05-01" };
  const first = await submit(alex);

  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

  console.log("sign in");
  await page.goto(`${base}/`);
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  const csp = (await page.request.get(`${base}/`)).headers()["content-security-policy"];
  assert.match(csp, /script-src 'self';/);
  await check(page, "sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Enter your email address").first().waitFor();
  await check(page, "sign-in-errors");
  await signIn(page, coordinator, password);

  console.log("referrals inbox");
  await page.getByRole("heading", { name: "Referrals" }).waitFor();
  await page.getByText("Why?").first().click();
  await page.getByText("Not met").or(page.getByText("Met", { exact: true })).first().waitFor();
  await check(page, "referrals-inbox");
  assert.equal(await page.getByRole("link", { name: "Users" }).count(), 0, "a coordinator sees no administration");

  console.log("the referral form: the API's field errors next to their fields, then sent, triaged, a case");
  await page.getByRole("link", { name: "New referral" }).click();
  await page.getByRole("heading", { name: "New referral" }).waitFor();
  await page.getByRole("heading", { name: /DASH/ }).waitFor();
  await page.getByLabel("Your name").fill("PC Form (demo)");
  await page.getByRole("button", { name: "Send referral" }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("govuk-error-summary")), true,
    "the error summary takes focus");
  await page.locator("#victim-family_name-error").waitFor();
  assert.match(await page.locator("#victim-family_name-error").innerText(), /Enter the victim's family name/);
  await check(page, "referral-form-errors");
  await page.locator(".govuk-error-summary").getByRole("link", { name: "Enter the victim's family name" }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "victim-family_name", "a summary link moves to its field");
  await page.getByLabel("Family name").first().fill("Formsby");
  await page.getByLabel("Given names").first().fill("Casey");
  await page.locator("#victim-date_of_birth").fill("1992-04-12");
  await page.getByRole("group", { name: "Does the victim know about this referral?" }).getByLabel("Yes").check();
  await page.getByLabel("Yes, consent given").check();
  await page.getByLabel("Verbally").check();
  await page.locator("#perpetrators-0-given_names").fill("Drew");
  await page.locator("#perpetrators-0-family_name").fill("Formsby");
  await page.getByLabel("Relationship to the victim (optional)").fill("ex-partner");
  await page.getByLabel("Reason for the referral").fill("Threats to kill after separation (demo data).");
  await page.getByRole("button", { name: "Send referral" }).click();
  await page.locator("#risk_assessment-answers-q1-error").waitFor(); // the API's rule check, next
  assert.match(await page.locator(".govuk-error-summary").innerText(), /Answer question 1\b/);
  await check(page, "referral-form-unanswered-questions");
  const questions = await page.locator("[id^=risk_assessment-answers-]:not([id*=error]):not([id*=hint])").evaluateAll(
    (inputs) => [...new Set(inputs.map((i) => i.name))]);
  for (const [n, name] of questions.entries()) {
    await page.locator(`input[name="${name}"]`).nth(n < 15 ? 0 : 1).check();
  }
  await page.getByText("Threshold met").waitFor();
  await check(page, "referral-form-filled");
  await page.getByRole("button", { name: "Send referral" }).click();
  await page.getByRole("heading", { name: "Referral sent" }).waitFor();
  await check(page, "referral-sent");
  await page.getByRole("link", { name: "View the referral" }).click();
  await page.getByRole("heading", { name: "Referral for Casey Formsby" }).waitFor();
  await page.getByLabel("Accept as a new case").check();
  await page.getByRole("button", { name: "Save triage decision" }).click();
  await page.getByText("Referral triaged: Accept new case.").waitFor();
  await page.getByRole("link", { name: "Open the case" }).first().click();
  await page.getByRole("heading", { name: /^Case opened/ }).waitFor();
  assert.equal(await page.locator("tbody tr").count(), 1, "the new case lists the form's referral");

  console.log("triage, keyboard only: accept as a new case");
  await page.goto(`${base}/referrals/${first}`);
  await page.getByRole("heading", { name: "Triage" }).waitFor();
  await page.getByText("No earlier person matches").or(page.getByText("Score")).first().waitFor();
  await check(page, "referral-triage");
  await tabTo(page, "outcome");
  await page.keyboard.press("Space");
  await tabTo(page, "note");
  await page.keyboard.type("Accepted for the next meeting (demo).");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.getByText("Referral triaged: Accept new case.").waitFor();
  await check(page, "referral-triaged");
  await page.getByRole("link", { name: "Open the case" }).first().click();
  await page.getByRole("heading", { name: /^Case opened/ }).waitFor();
  await check(page, "case");

  console.log("match candidates side by side: accept as a repeat");
  const second = await submit(alex);
  await page.goto(`${base}/referrals/${second}`);
  await page.getByRole("button", { name: /Accept as a repeat of this case/ }).first().click();
  assert.equal(await page.getByLabel("Case this referral repeats").inputValue() !== "", true);
  await check(page, "match-candidates");
  await page.getByRole("button", { name: "Save triage decision" }).click();
  await page.getByText("Referral triaged: Accept repeat.").waitFor();
  await page.getByRole("link", { name: "Open the case" }).first().click();
  await page.getByRole("heading", { name: /^Case opened/ }).waitFor();
  assert.equal(await page.locator("tbody tr").count(), 2, "the case lists both referrals");

  console.log("someone else changed it: 412 and reload");
  const third = await submit({ given: "Robin", family: "Sample", dob: "1985-07-07" });
  await page.goto(`${base}/referrals/${third}`);
  await page.getByRole("heading", { name: "Triage" }).waitFor();
  const { headers } = await http.get(`/api/v1/referrals/${third}`, token);
  await http.post(`/api/v1/referrals/${third}/triage`, token,
    { outcome: "redirect", forum: "mappa_level_2", note: null }, { "If-Match": headers.get("etag") });
  await page.getByLabel("Accept as a new case").check();
  await page.getByRole("button", { name: "Save triage decision" }).click();
  await page.getByText("Someone else changed this referral while you were looking at it").first().waitFor();
  await check(page, "triage-conflict");
  await page.getByRole("button", { name: "Reload the referral" }).click();
  await page.getByText("MAPPA level 2").waitFor();
  assert.equal(await page.getByRole("heading", { name: "Triage", exact: true }).count(), 1);

  console.log("cases list");
  await page.getByRole("link", { name: "Cases" }).click();
  await page.getByRole("heading", { name: "Cases" }).waitFor();
  await page.locator("tbody tr").first().waitFor();
  await check(page, "cases");

  console.log("meetings: calendar with deadline warnings, the agenda published, the meeting day, the minutes");
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const addMeeting = async (offsets, extra) => {
    for (const offset of offsets) {
      const body = { panel_id: panelId, held_on: day(offset), ...extra };
      const made = await http.post("/api/v1/meetings", token, body).catch(() => null); // not a working day
      if (made) return made.data;
    }
    throw new Error("no meeting date was accepted");
  };
  await addMeeting(Array.from({ length: 20 }, (_, i) => 28 + i), {});
  let housingAgency = "";
  let actionCase = "";
  const actionIds = [];
  const todayHeld = await http.post("/api/v1/meetings", token,
    { panel_id: panelId, held_on: day(0), emergency: true, emergency_reason: "Threats to kill (demo)." }).catch(() => null);
  const emergency = todayHeld?.data ?? await addMeeting([1, 2, 3, 4, 5, 6, 7],
    { emergency: true, emergency_reason: "Threats to kill (demo)." });
  await http.post("/api/v1/hearings/schedule", token, { panel_id: panelId });
  await page.getByRole("link", { name: "Meetings" }).click();
  await page.getByRole("heading", { name: "Meetings" }).waitFor();
  await page.getByRole("table", { name: "Upcoming meetings" }).waitFor();
  await page.getByRole("heading", { name: "Hearing warnings" }).waitFor();
  await check(page, "meetings-calendar");
  await page.goto(`${base}/meetings/${emergency.id}`);
  await page.getByRole("heading", { name: /^Emergency meeting on/ }).waitFor();
  for (const n of [1, 2]) { // the coordinator agrees here to add two cases late,
    await page.getByRole("button", { name: /^Agree to add/ }).first().click();
    await page.waitForFunction((want) => document.body.innerText.split("You agreed").length - 1 === want, n);
  }
  const chairAgrees = await http.login("north-chair@demo.invalid", password);
  for (const h of (await http.get(`/api/v1/hearings?panel_id=${panelId}&limit=100`, token)).data.items
    .filter((h) => h.late_meeting_id === emergency.id)) { // and the chair (elsewhere) too: they join the agenda
    await http.post(`/api/v1/hearings/${h.id}/late-addition`, chairAgrees, { meeting_id: emergency.id });
  }
  await page.reload();
  await page.getByText("Late addition").nth(1).waitFor();
  await page.getByRole("button", { name: "Publish the agenda" }).click();
  await page.getByText(/^Published/).first().waitFor();
  await check(page, "meeting-agenda-published");
  if (todayHeld) {
    await page.getByLabel("Name", { exact: true }).fill("Dana Demo");
    await page.getByRole("button", { name: "Record attendance" }).click();
    await page.getByRole("button", { name: /Record signed/ }).click();
    await page.getByText("Signed", { exact: true }).waitFor();
    const firstCase = page.locator("details").first();
    await firstCase.locator("summary").click();
    await firstCase.getByLabel("Referrer's presentation").fill("Escalating threats since separation (demo).");
    await firstCase.getByLabel("Who tells the victim the outcome").fill("IDVA");
    await firstCase.getByRole("button", { name: "Record the discussion" }).click();
    await firstCase.getByText("The discussion is recorded.").waitFor();
    const secondCase = page.locator("details").nth(1);
    await secondCase.locator("summary").click();
    await secondCase.getByRole("button", { name: "Defer the case" }).click();
    await secondCase.getByText("Enter why the case is deferred").first().waitFor();
    await secondCase.getByLabel("Or defer it to the next meeting: why?").fill("The police research is not back yet (demo).");
    await secondCase.getByRole("button", { name: "Defer the case" }).click();
    await page.getByText(/deferred to the next meeting\.$/).waitFor(); // it leaves this agenda
    await check(page, "meeting-day");
    // Actions are agreed at the meeting for agencies present: the housing representative's
    // agency attends, and two actions are recorded through the API (as the chair would).
    const housing = await http.login("north-agency-representative@demo.invalid", password);
    housingAgency = (await http.get("/api/v1/auth/me", housing)).data.agency_id;
    await http.post(`/api/v1/meetings/${emergency.id}/attendance`, token, {
      person_name: "Harper Housing", agency_id: housingAgency, standing: "lead", apologies: false,
      arrived_at: new Date().toISOString(),
    });
    const onMeeting = (await http.get(`/api/v1/hearings?panel_id=${panelId}&limit=100`, token)).data.items
      .filter((h) => h.meeting_id === emergency.id && ["heard", "listed"].includes(h.status));
    actionCase = onMeeting[0].case_id;
    for (const description of ["Fit extra locks at the victim's home (demo).", "Find a refuge place (demo)."]) {
      const made = await http.post("/api/v1/actions", token, {
        meeting_id: emergency.id, case_id: actionCase, owner_agency_ids: [housingAgency],
        category: "target_hardening_or_moving", description, due_on: day(14),
      }, { "Idempotency-Key": crypto.randomUUID() });
      actionIds.push(made.data.items[0].id);
    }
    await page.getByRole("button", { name: "Circulate the minutes" }).click();
    await page.getByText(/^Circulated/).first().waitFor();
    await check(page, "meeting-minutes");
  } else {
    console.log("  (today is not a working day: the meeting-day steps wait for one)");
  }
  await page.locator("table").getByRole("link", { name: /^Alex Example/ }).first().click();
  await page.getByRole("heading", { name: /^Case opened/ }).waitFor();
  await page.getByRole("heading", { name: "Hearings" }).waitFor();
  await check(page, "case-hearings");

  if (actionIds.length) {
    console.log("actions: the case lists its actions; the coordinator sees the panel's open and overdue ones");
    await page.goto(`${base}/cases/${actionCase}`);
    await page.getByRole("heading", { name: "Actions", exact: true }).waitFor();
    await page.getByRole("table", { name: "Actions of this case" }).getByText("Fit extra locks").waitFor();
    await check(page, "case-actions");
    await page.getByRole("link", { name: "Actions", exact: true }).click();
    await page.getByRole("table", { name: "Open actions of the panel" }).waitFor();
    await page.getByText("No action of this panel is overdue.").or(page.getByRole("table", { name: "Overdue actions" })).waitFor();
    await check(page, "actions-panel");
  }

  console.log("reload keeps the session (refresh cookie), then an ended session keeps the typing");
  const fourth = await submit({ given: "Jo", family: "Person", dob: "1979-03-03" });
  await page.goto(`${base}/referrals/${fourth}`);
  await page.getByRole("heading", { name: "Triage" }).waitFor();
  const cookies = await context.cookies(`${base}/api/v1/auth/refresh`);
  const refresh = cookies.find((c) => c.name === "marac_refresh");
  assert.ok(refresh?.httpOnly && refresh.sameSite === "Strict" && refresh.path === "/api/v1/auth/refresh");
  assert.equal(await page.evaluate(() => document.cookie), "", "no cookie is readable by script");
  await page.getByLabel("Accept as a new case").check();
  await page.getByLabel("Note (optional)").fill("Typed before the session ended.");
  const admin = await http.login("admin@demo.invalid", password);
  const users = (await http.get("/api/v1/admin/users?limit=100", admin)).data.items;
  const coordinatorId = users.find((u) => u.email === coordinator).id;
  const user = await http.get(`/api/v1/admin/users/${coordinatorId}`, admin);
  await http.patch(`/api/v1/admin/users/${coordinatorId}`, admin, {}, { "If-Match": user.headers.get("etag") });
  await context.clearCookies();
  await page.getByRole("button", { name: "Save triage decision" }).click();
  await page.getByRole("heading", { name: "Your session has ended" }).waitFor();
  await check(page, "session-ended");
  await signIn(page, coordinator, password);
  await page.getByLabel("Note (optional)").waitFor();
  assert.equal(await page.getByLabel("Note (optional)").inputValue(), "Typed before the session ended.");
  await page.getByRole("button", { name: "Save triage decision" }).click();
  await page.getByText("Referral triaged: Accept new case.").waitFor();
  await page.reload();
  await page.getByRole("heading", { name: /^Referral for/ }).waitFor();

  console.log("sign out revokes; a referrer is offered only what a referrer may do");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await signIn(page, "north-referrer@demo.invalid", password);
  await page.getByRole("heading", { name: "Referrals" }).waitFor();
  await page.getByText("No referrals match these filters.").or(page.locator("tbody tr").first()).waitFor();
  assert.equal(await page.getByRole("link", { name: "Cases" }).count(), 0, "a referrer sees no cases");
  await check(page, "referrer-inbox");
  await page.getByRole("link", { name: "Meetings" }).click();
  await page.getByRole("table", { name: "Upcoming meetings" }).waitFor();
  assert.equal(await page.getByRole("heading", { name: "Hearing warnings" }).count(), 0, "a referrer reads no cases");
  await page.goto(`${base}/meetings/${emergency.id}`);
  await page.getByText("The agenda and minutes are for the panel's members who work on cases.").waitFor();
  assert.equal(await page.getByRole("button").filter({ hasText: /Publish|Circulate|Record/ }).count(), 0);
  await check(page, "referrer-meeting");
  await page.getByRole("button", { name: "Sign out" }).click();

  if (actionIds.length) {
    console.log("actions as the agency representative: done with an outcome, a refusal, and a concurrent change");
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await signIn(page, "north-agency-representative@demo.invalid", password);
    await page.getByRole("heading", { name: "Referrals" }).waitFor();
    await page.getByRole("link", { name: "Actions", exact: true }).click();
    const mine = page.getByRole("table", { name: "Your agency's open actions" });
    await mine.getByText("Fit extra locks").waitFor();
    assert.equal(await page.getByRole("table", { name: "Overdue actions" }).count(), 0, "the overdue list is the panel's");
    await check(page, "actions-agency");
    await page.goto(`${base}/actions/${actionIds[0]}`);
    await page.getByRole("heading", { name: /^Action: / }).waitFor();
    await page.getByLabel("Done", { exact: true }).check();
    await page.getByRole("button", { name: "Save the update" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await page.locator("#outcome-error").waitFor(); // the API's field error, next to its field
    assert.match(await page.locator("#outcome-error").innerText(), /Enter the outcome of the action/);
    await check(page, "action-update-errors");
    await page.getByLabel("Outcome").fill("Locks fitted on both doors (demo).");
    await page.getByRole("button", { name: "Save the update" }).click();
    await page.getByText("Action updated: done.").waitFor();
    await check(page, "action-done");
    await page.goto(`${base}/actions/${actionIds[1]}`);
    await page.getByRole("heading", { name: /^Action: / }).waitFor();
    const elsewhere = await http.login(coordinator, password); // the earlier token was revoked
    const { headers } = await http.get(`/api/v1/actions/${actionIds[1]}`, elsewhere);
    await http.patch(`/api/v1/actions/${actionIds[1]}`, elsewhere, { progress: "Refuge contacted (demo)." },
      { "If-Match": headers.get("etag") });
    await page.getByLabel("Not done", { exact: true }).check();
    await page.getByLabel("Why it was not done").fill("The victim chose to stay with family (demo).");
    await page.getByRole("button", { name: "Save the update" }).click();
    await page.getByText("Someone else changed this action while you were looking at it").first().waitFor();
    await check(page, "action-conflict");
    await page.getByRole("button", { name: "Reload the action" }).click();
    await page.getByText("Refuge contacted (demo).").waitFor();
    assert.equal(await page.getByLabel("Why it was not done").inputValue(), "The victim chose to stay with family (demo).");
    await page.getByRole("button", { name: "Save the update" }).click();
    await page.getByText("Action updated: not done.").waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();
  }

  console.log("administration as the administrator");
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await signIn(page, "admin@demo.invalid", password);
  await page.getByRole("heading", { name: "Users" }).waitFor();
  await page.locator("tbody tr").first().waitFor();
  await check(page, "admin-users");
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByRole("heading", { name: "API keys" }).waitFor();
  await page.getByLabel("Name").fill("Police case system (demo)");
  await page.getByRole("button", { name: "Issue key" }).click();
  await page.getByText("this is the only time it is shown").waitFor();
  assert.match(await page.locator("#issued-key").innerText(), /^mk_/);
  await check(page, "admin-api-key-issued");
  await page.getByRole("button", { name: "I have stored it" }).click();
  assert.equal(await page.locator("#issued-key").count(), 0, "the secret is gone once dismissed");

  console.log("sign-in with a second factor (the chair has an authenticator app)");
  const chair = "north-chair@demo.invalid";
  const chairToken = await http.login(chair, password);
  const { secret } = (await http.post("/api/v1/auth/mfa/enrolment", chairToken)).data;
  await http.post("/api/v1/auth/mfa/enrolment/confirm", chairToken, { code: totp(secret) });
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
  await signIn(page, chair, password);
  await page.getByRole("heading", { name: "Enter the code from your authenticator app" }).waitFor();
  await page.getByLabel("Code").fill("000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.locator("#code-error").waitFor();
  await check(page, "sign-in-mfa-code-refused");
  await page.getByLabel("Code").fill(totp(secret, 1)); // the current step's code was used by enrolment
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("heading", { name: "Referrals" }).waitFor();
  await page.reload(); // the refresh cookie was set by the second step, so a reload keeps the session
  await page.getByRole("heading", { name: "Referrals" }).waitFor();

  await referralRowsFlow({ page, base, check });
  await actionsFlow({ page, base, password, http, panelId, check, database: server.database, meetingId: todayHeld && emergency.id });
  await sharingFlow({ page, base, password, http, check, signIn });
  await caseRolesFlow({ page, base, password, http, check, signIn });
  assert.deepEqual(errors.filter((e) => !/401|412|Failed to load resource/.test(e)), [], "console errors");
  console.log("end-to-end: all steps passed");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
