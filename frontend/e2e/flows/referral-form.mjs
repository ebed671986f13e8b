// The referral form's people lists and safety details: rows added and removed, and the API's
// errors on a row shown next to that row's field. Nothing is sent (the error comes back first).
import assert from "node:assert/strict";

export async function referralRowsFlow({ page, base, check }) {
  console.log("referral form: people rows added and removed, safety details, a row's error in place");
  await page.goto(`${base}/referrals/new`);
  await page.getByRole("heading", { name: "New referral" }).waitFor();
  await page.getByRole("button", { name: "Add another person causing harm" }).click();
  await page.locator("#perpetrators-1-given_names").waitFor();
  await page.getByRole("button", { name: "Remove person causing harm 2" }).click();
  assert.equal(await page.locator("#perpetrators-1-given_names").count(), 0, "the row is removed");
  await page.getByRole("button", { name: "Add a child" }).click();
  await page.locator("#children-0-given_names").fill("Kit");
  await page.locator("#children-0-school").fill("Demo Primary (demo)");
  await page.getByRole("button", { name: "Add a household member" }).click();
  await page.locator("#household_members-0-given_names").fill("Lee");
  await page.locator("#household_members-0-family_name").fill("Lodger");
  await page.getByRole("group", { name: "Is it safe to call the victim?" }).getByLabel("No").check();
  await page.getByLabel("Address", { exact: true }).check(); // withheld from the agenda and minutes
  await page.getByRole("button", { name: "Send referral" }).click();
  await page.locator("#children-0-family_name-error").waitFor();
  assert.match(await page.locator("#children-0-family_name-error").innerText(), /Enter child 1's family name/);
  await check(page, "referral-form-rows");
}
