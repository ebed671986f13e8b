// A case as each role reads it: the housing agency representative opens, from the case list, the
// need-to-know summary of a case on a meeting their agency is invited to (and meets a plain
// "you cannot see this case" page for one that is not); the IDVA opens the safety plan. Runs
// after the meeting steps, whose published agenda invites the housing agency to its cases.
import assert from "node:assert/strict";

export async function caseRolesFlow({ page, base, password, http, check, signIn }) {
  console.log("a case by role: the agency representative's summary, the IDVA's safety plan");
  const housingEmail = "north-agency-representative@demo.invalid";
  const idvaEmail = "north-idva@demo.invalid";
  const housing = await http.login(housingEmail, password);
  const coordinator = await http.login("north-coordinator@demo.invalid", password);
  // The case list page shows 20 a page: choose among the first 20, as the screen lists them.
  const invited = (await http.get("/api/v1/cases?limit=20", housing)).data.items;
  assert.ok(invited.length > 0, "the published agenda invites the housing agency to at least one case");
  assert.ok(invited.every((c) => c.victim === null), "an agency representative's list has no names");
  const summaryCase = invited[0].id;
  const invitedIds = new Set((await http.get("/api/v1/cases?limit=100", housing)).data.items.map((c) => c.id));
  const all = (await http.get("/api/v1/cases?limit=100", coordinator)).data.items;
  const notInvited = all.find((c) => !invitedIds.has(c.id));

  const signOutAndIn = async (email) => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    await signIn(page, email, password);
    await page.getByRole("link", { name: "Cases", exact: true }).waitFor();
  };

  await signOutAndIn(housingEmail);
  await page.getByRole("link", { name: "Cases", exact: true }).click();
  await page.locator(`a[href="/cases/${summaryCase}/summary"]`).waitFor();
  assert.equal(await page.locator('tbody a[href$="/summary"]').count(), invited.length, "every listed case links to its summary");
  assert.equal(await page.locator('tbody a:not([href$="/summary"])').count(), 0, "no link to the full case page");
  await page.locator(`a[href="/cases/${summaryCase}/summary"]`).click();
  await page.getByRole("heading", { name: "Case summary" }).waitFor();
  await page.getByText("need-to-know summary of a case on a meeting your agency is invited to").waitFor();
  await page.getByRole("heading", { name: "Victim" }).waitFor();
  assert.equal(await page.getByRole("heading", { name: "Referral history" }).count(), 0, "not the full case page");
  assert.equal(await page.getByText("Phone").count(), 0, "no contact details");
  await check(page, "case-summary-agency");
  if (notInvited) {
    await page.goto(`${base}/cases/${notInvited.id}`); // a bare address: the summary is tried, refused
    await page.getByRole("heading", { name: "You cannot see this case" }).waitFor();
    await page.getByText("Your agency is not invited to a meeting this case is on").waitFor();
    await check(page, "case-summary-not-invited");
  }

  // The IDVA lists the panel's cases by name and opens the safety plan of one with a sharing basis.
  const idva = await http.login(idvaEmail, password);
  const listed = (await http.get("/api/v1/cases?limit=20", idva)).data.items;
  let planCase = null;
  for (const c of listed) { // a case whose victim refused consent and has no decision yet is 409
    if (await http.get(`/api/v1/cases/${c.id}/safety-plan`, idva).then(() => true, () => false)) { planCase = c; break; }
  }
  assert.ok(planCase, "the IDVA may read the safety plan of a listed case");
  await signOutAndIn(idvaEmail);
  await page.getByRole("link", { name: "Cases", exact: true }).click();
  await page.locator(`a[href="/cases/${planCase.id}/safety-plan"]`).waitFor();
  assert.equal(await page.locator('tbody a:not([href$="/safety-plan"])').count(), 0, "an IDVA's links lead to safety plans");
  await page.locator(`a[href="/cases/${planCase.id}/safety-plan"]`).click();
  await page.getByRole("heading", { name: /^Safety plan/ }).waitFor();
  await page.getByRole("heading", { name: "Reaching the victim safely" }).waitFor();
  assert.equal(await page.getByRole("heading", { name: "Referral history" }).count(), 0, "not the full case page");
  await check(page, "case-safety-plan-idva");
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("heading", { name: "Sign in" }).waitFor();
}
