import { expect } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, screenshot, signIn, test } from "./support";

const NEWCOMER = { name: "Taylor Brooks", email: "taylor.brooks@riverside.example" };
const TEMPORARY = "quiet harbour lantern 42";
const CHOSEN = "silver meadow compass 7";

test("an administrator adds a person who must change the password, then deactivates them", async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Personnel" }).tap();
  await expect(page.getByRole("heading", { name: "Personnel" })).toBeVisible();
  await screenshot(page, "personnel-directory");

  await page.getByRole("link", { name: "Add personnel" }).tap();
  await expect(page.getByRole("heading", { name: "Add personnel" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add personnel" })).toBeEnabled();
  await page.getByLabel("Name").fill(NEWCOMER.name);
  await page.getByLabel("E-mail (the login)").fill(NEWCOMER.email);
  await page.getByLabel("Role").selectOption({ label: "Case manager" });
  await page.getByLabel("Job title").fill("Family advocate");
  await page.getByLabel("Temporary password", { exact: true }).fill(TEMPORARY);
  await page.getByLabel("Temporary password again").fill(TEMPORARY);
  await expect(page.getByLabel("Require password change at next login")).toBeChecked();
  await screenshot(page, "personnel-add");
  await page.getByRole("button", { name: "Add personnel" }).tap();
  await expect(page.getByText("The account was added.")).toBeVisible();
  await expect(page.getByRole("heading", { name: NEWCOMER.name })).toBeVisible();

  // The newcomer signs in on their own device and must change the password first.
  const theirs = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true });
  const newcomer = await theirs.newPage();
  await signIn(newcomer, NEWCOMER.email, TEMPORARY);
  await expect(newcomer).toHaveURL(/\/change-password$/);
  await expect(newcomer.getByText("Your administrator asked you to choose a new password")).toBeVisible();
  await newcomer.getByLabel("Current password").fill(TEMPORARY);
  await newcomer.getByLabel("New password", { exact: true }).fill(CHOSEN);
  await newcomer.getByLabel("New password again").fill(CHOSEN);
  await newcomer.getByRole("button", { name: "Change password" }).tap();
  await expect(newcomer).toHaveURL(/\/clients$/);
  await expect(newcomer.getByRole("heading", { name: "Clients" })).toBeVisible();

  // The administrator makes the account Inactive: the newcomer's next click is refused.
  await page.getByRole("button", { name: "Make Inactive" }).tap();
  await expect(page.locator(".page-heading .badge")).toHaveText("Inactive");
  await screenshot(page, "personnel-inactive");
  // Their next request finds them signed out.
  await newcomer.reload();
  await expect(newcomer.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await theirs.close();

  // The directory hides Inactive people unless asked.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Personnel" }).tap();
  await page.getByLabel("Search by name, job title or whole e-mail address").fill("Brooks");
  await expect(page.getByText("Nobody matches this search.")).toBeVisible();
  await page.getByLabel("Show Inactive and Pending").check();
  await expect(page.locator(".person").filter({ hasText: NEWCOMER.name })).toContainText("Inactive");
});

test("a wrong temporary password is explained at its field and nothing is added", async ({ page }) => {
  await signIn(page, ADMIN.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);
  await page.goto("/personnel/new?quick=1");
  await expect(page.getByRole("heading", { name: "Quick add" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Quick add" })).toBeEnabled();
  await page.getByLabel("Name").fill("Casey Short");
  await page.getByLabel("E-mail (the login)").fill("casey.short@riverside.example");
  await page.getByLabel("Temporary password", { exact: true }).fill("too short");
  await page.getByLabel("Temporary password again").fill("too short");
  await page.getByRole("button", { name: "Quick add" }).tap();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page).toHaveURL(/\/personnel\/new/);
  await screenshot(page, "personnel-quick-add-error");
});
