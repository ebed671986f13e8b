// Information sharing end to end: a case whose victim refused consent waits for a sharing basis;
// the housing agency representative proposes (Appendix F, the API's field errors beside their
// fields), changes the draft and submits it; the housing sharing approver (four eyes) meets a
// concurrent change (412, reload keeps the typing) and approves; the case's basis changes.
import assert from "node:assert/strict";
import { referralBody } from "../server.mjs";

export async function sharingFlow({ page, base, password, http, check, signIn }) {
  console.log("information sharing: propose, submit, four-eyes approval, the case's basis");
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const coordinator = await http.login("north-coordinator@demo.invalid", password);
  const panelId = (await http.get("/api/v1/auth/me", coordinator)).data.panels[0].panel_id;
  const body = { ...referralBody(panelId, { given: "Sasha", family: "Sharing", dob: "1991-09-09" }),
    consent: { status: "refused", reason: "Fears the perpetrator will find out (demo)." } };
  // The housing agency refers, so its representative reads the referral and proposes on it.
  const housing = await http.login("north-agency-representative@demo.invalid", password);
  const referral = (await http.post("/api/v1/referrals", housing, body,
    { "Idempotency-Key": crypto.randomUUID() })).data;
  const { headers } = await http.get(`/api/v1/referrals/${referral.id}`, coordinator);
  const caseId = (await http.post(`/api/v1/referrals/${referral.id}/triage`, coordinator,
    { outcome: "accept_new_case", note: null }, { "If-Match": headers.get("etag") })).data.case_id;
  assert.ok(caseId, "the triage opened a case");

  const signOutAndIn = async (email) => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await signIn(page, email, password);
    await page.getByRole("link", { name: "Sharing decisions" }).waitFor();
  };

  await signOutAndIn("north-coordinator@demo.invalid");
  await page.goto(`${base}/cases/${caseId}`);
  await page.getByRole("heading", { name: "Information sharing" }).waitFor();
  await page.getByText("Awaiting sharing basis").waitFor();
  await check(page, "case-awaiting-sharing-basis");
  await page.getByRole("link", { name: /^Consent/ }).first().click();
  await page.getByRole("heading", { name: "Consent to share" }).waitFor();
  await page.getByText("Fears the perpetrator will find out (demo).").first().waitFor();
  await check(page, "sharing-consent");

  await signOutAndIn("north-agency-representative@demo.invalid");
  await page.goto(`${base}/referrals/${referral.id}`); // a representative reads the referral, not the case
  await page.getByRole("heading", { name: "Information sharing" }).waitFor();
  await page.getByRole("link", { name: "Propose sharing without consent" }).click();
  await page.getByRole("heading", { name: "Propose sharing without consent" }).waitFor();
  await page.getByLabel("Who is at risk").fill("Sasha Sharing and her two children (demo).");
  await page.getByLabel("Review date").fill(day(30));
  await page.getByRole("button", { name: "Save as a draft" }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("govuk-error-summary")), true);
  assert.match(await page.locator("#legal_grounds-error").innerText(), /Select at least one legal ground/);
  await check(page, "sharing-propose-errors");
  await page.getByLabel("Who they are at risk from").fill("Drew Sample, her ex-partner (demo).");
  await page.getByLabel("The concerns").fill("Threats to kill after separation (demo).");
  await page.getByLabel("Vital interests").check();
  await page.getByLabel("How vital interests applies").fill("A risk to life (demo).");
  await page.getByLabel("Why sharing is necessary").fill("Agencies cannot plan her safety without it (demo).");
  await page.getByLabel("Why sharing is proportionate").fill("Only what the panel needs, to its members (demo).");
  await page.getByLabel("What would happen if the information were not shared").fill("Serious harm is likely (demo).");
  await page.getByRole("button", { name: "Add a consultation" }).click();
  await page.getByLabel("Who was consulted").fill("The housing team manager (demo)");
  await page.getByLabel("Not yet").check();
  await page.getByRole("button", { name: "Save as a draft" }).click();
  await page.getByText("Sharing decision saved as a draft.").waitFor();
  await check(page, "sharing-decision-draft");
  await page.getByRole("link", { name: "Change the draft" }).click();
  await page.getByRole("heading", { name: "Change the draft" }).waitFor();
  assert.equal(await page.getByLabel("Who was consulted").inputValue(), "The housing team manager (demo)");
  await check(page, "sharing-edit-draft");
  await page.getByLabel("Their advice (optional)").fill("Share with the panel only (demo).");
  await page.getByRole("button", { name: "Save the draft" }).click();
  await page.getByText("Draft saved.").waitFor();
  await page.getByRole("button", { name: "Submit for approval" }).click();
  await page.getByText("Submitted for approval.").waitFor();
  await page.getByText("A sharing approver of your agency, not you, approves or refuses it.").waitFor();
  const decisionId = page.url().split("/sharing/")[1].split("?")[0];

  await signOutAndIn("north-sharing-approver@demo.invalid");
  await page.getByRole("link", { name: "Sharing decisions" }).click();
  await page.getByRole("heading", { name: "Sharing decisions" }).waitFor();
  await page.getByRole("link", { name: /^Sasha Sharing/ }).waitFor();
  await check(page, "sharing-decisions");
  await page.getByLabel("Status").selectOption("submitted");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.getByRole("link", { name: /^Sasha Sharing/ }).click();
  await page.getByRole("heading", { name: "Approve or refuse" }).waitFor();
  // Meanwhile the proposer records a review elsewhere: the approver's If-Match is stale.
  const proposer = housing;
  const current = await http.get(`/api/v1/information-sharing-decisions/${decisionId}`, proposer);
  await http.post(`/api/v1/information-sharing-decisions/${decisionId}/reviews`, proposer,
    { note: "Checked with the IDVA before approval (demo).", next_review_date: day(28) },
    { "If-Match": current.headers.get("etag") });
  await page.getByLabel("Approve", { exact: true }).check();
  await page.getByLabel("Your reasons (optional when approving)").fill("Necessary and proportionate (demo).");
  await page.getByRole("button", { name: "Record the decision" }).click();
  await page.getByText("Someone else changed this decision while you were looking at it").first().waitFor();
  await check(page, "sharing-approval-conflict");
  await page.getByRole("button", { name: "Reload the decision" }).click();
  await page.getByText("Checked with the IDVA before approval (demo).").waitFor();
  assert.equal(await page.getByLabel("Your reasons (optional when approving)").inputValue(), "Necessary and proportionate (demo).");
  await page.getByRole("button", { name: "Record the decision" }).click();
  await page.getByText("Sharing decision approved.").waitFor();
  await page.getByRole("heading", { name: "Withdraw the decision" }).waitFor();
  await check(page, "sharing-decision-approved");

  await signOutAndIn("north-coordinator@demo.invalid");
  await page.goto(`${base}/cases/${caseId}`);
  await page.getByText("Approved sharing decision").waitFor();
  assert.equal(await page.getByText("Awaiting sharing basis").count(), 0, "the case has its basis now");
  await check(page, "case-sharing-basis-decision");
}
