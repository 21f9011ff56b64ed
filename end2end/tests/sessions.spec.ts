import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, screenshot, signIn, test } from "./support";

/** Signs out whoever is signed in, then signs in as `email`. */
async function signInAs(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);
}

async function openSessions(page: Page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sessions" }).tap();
  await expect(page.getByRole("heading", { name: "Sessions", exact: true })).toBeVisible();
}

test("a case manager records a group session by touch", async ({ page }) => {
  await signInAs(page, "casey@riverside.example");
  await openSessions(page);
  await page.getByRole("link", { name: "New session" }).tap();
  await expect(page.getByRole("heading", { name: "New session" })).toBeVisible();
  const create = page.getByRole("button", { name: "Create session" });
  await expect(create).toBeEnabled();

  // Nothing chosen: a message at each field, and no session.
  await create.tap();
  await expect(page.getByText("Enter the session's title.")).toBeVisible();
  await expect(page.getByText("Choose at least one facilitator.")).toBeVisible();
  await expect(page.getByText("Choose at least one attending client.")).toBeVisible();

  await page.getByLabel("Title", { exact: true }).fill("Parents' support evening");
  await page.getByLabel("Date (YYYY-MM-DD)").fill("2026-11-24");
  await page.getByLabel("Search personnel by name, job title or whole e-mail address").fill("Casey");
  await page.getByRole("button", { name: "Add Casey Morgan" }).tap();
  await page.getByLabel("Search clients by name, identifier or date of birth").fill("Thompson");
  await page.getByRole("button", { name: /^Add Mia Thompson/ }).tap();
  await expect(page.getByRole("button", { name: "Remove Casey Morgan" })).toBeVisible();
  await create.tap();

  await expect(page).toHaveURL(/\/sessions\/\d+$/);
  await expect(page.getByRole("heading", { name: "Parents' support evening" })).toBeVisible();
  await expect(page.getByText("Held on 2026-11-24")).toBeVisible();
  await expect(page.locator(".facilitators")).toContainText("Casey Morgan");
  await expect(page.locator(".attendees")).toContainText("Mia Thompson");
  await screenshot(page, "session-record");
});

test("a session lists only the attending clients the viewer may open", async ({ page }) => {
  // Robin (read-only) is not on locked Sofia Garcia's allowed personnel.
  await signInAs(page, "robin@riverside.example");
  await openSessions(page);
  await page.getByRole("link", { name: /Ngata whānau hui/ }).tap();
  await expect(page.getByRole("heading", { name: "Ngata whānau hui" })).toBeVisible();
  await expect(page.locator(".attendees .person")).toHaveText([/Aroha Ngata/]);
  await expect(page.getByText("Sofia Garcia")).toHaveCount(0);
});

test("a case manager denied a session as a team overrides it from the list", async ({ page }) => {
  await page.clock.install();
  await signInAs(page, "dana@riverside.example");
  await openSessions(page);
  // A restricted session's title takes a typed search to find: once the
  // list has come (its pager shows), no bare entry is on it.
  await expect(page.getByRole("button", { name: "Next" })).toBeVisible();
  await expect(page.locator(".person.restricted")).toHaveCount(0);
  await page.getByLabel("Search by title or date (YYYY-MM-DD)").fill("family");
  const entry = page.locator(".person.restricted").filter({ hasText: "Confidential family meeting" });
  await expect(entry).toContainText("Override access");
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  await entry.getByRole("link").tap();
  await expect(page.getByRole("heading", { name: "This session is restricted" })).toBeVisible();
  await expect(page.getByText("Denied to a team you belong to.")).toBeVisible();
  await page.getByRole("button", { name: "Override access" }).tap();
  const dialog = page.getByRole("dialog", { name: "Override access" });
  await dialog.getByLabel("Reason (at least 10 characters)").fill("Follow-up requested by the family court");
  await dialog.getByRole("button", { name: "Open for 15 minutes" }).tap();
  await expect(page.getByRole("heading", { name: "Confidential family meeting" })).toBeVisible();
  await expect(page.locator(".countdown")).toHaveText(/^1[45]:\d\d$/);
  await page.clock.fastForward("15:00");
  await expect(page.getByRole("heading", { name: "This session is restricted" })).toBeVisible();
});
