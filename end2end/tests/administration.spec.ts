import { expect } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, screenshot, signIn, test } from "./support";

test("an administrator creates a team, adds and removes a member, and deletes it", async ({ page }) => {
  await signIn(page, ADMIN.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Administration" }).tap();
  await page.getByRole("link", { name: /Teams/ }).tap();
  await expect(page.getByRole("heading", { name: "Teams" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create team" })).toBeEnabled();
  await page.getByLabel("Name").fill("Evening intake");
  await page.getByRole("button", { name: "Create team" }).tap();
  await expect(page.getByRole("heading", { name: "Evening intake" })).toBeVisible();

  await page.getByLabel("Add a member: search by name, job title or whole e-mail address").fill("Casey");
  const candidate = page.locator(".person").filter({ hasText: "Casey" });
  await candidate.getByRole("button", { name: "Add" }).tap();
  const members = page.locator("h2:has-text('Members') + ul.people");
  await expect(members).toContainText("Casey");
  await screenshot(page, "team-members");
  await members.locator(".person").filter({ hasText: "Casey" }).getByRole("button", { name: "Remove" }).tap();
  await expect(page.getByText("Nobody is in this team yet.")).toBeVisible();

  await page.getByRole("button", { name: "Delete team" }).tap();
  await expect(page.getByText("Delete the team Evening intake? This cannot be undone.")).toBeVisible();
  await page.getByRole("button", { name: "Yes, delete" }).tap();
  await expect(page).toHaveURL(/\/administration\/teams$/);
  await expect(page.getByText("Evening intake")).toHaveCount(0);
});

test("an administrator creates a role and ticks its permissions", async ({ page }) => {
  await signIn(page, ADMIN.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);
  await page.goto("/administration/roles");
  await expect(page.getByRole("heading", { name: "Roles" })).toBeVisible();
  await expect(page.locator(".person").filter({ hasText: "Read-only" })).toBeVisible();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Administration" }).tap();
  await page.getByRole("link", { name: /Roles/ }).tap();
  await page.getByLabel("Name").fill("Front desk");
  await page.getByRole("button", { name: "Create role" }).tap();
  await expect(page.getByRole("heading", { name: "Front desk" })).toBeVisible();
  await page.getByLabel("View clients").check();
  await page.getByLabel("Create clients").check();
  await page.getByRole("button", { name: "Save role" }).tap();
  await expect(page.getByText("Saved.")).toBeVisible();
  await screenshot(page, "role-permissions");
  await page.reload();
  await expect(page.getByLabel("View clients")).toBeChecked();
  await expect(page.getByLabel("Edit clients")).not.toBeChecked();
});

test("switching to visible to responsible user warns and needs a confirmation", async ({ page }) => {
  await signIn(page, ADMIN.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Administration" }).tap();
  await page.getByRole("link", { name: /Site settings/ }).tap();
  await expect(page.getByRole("heading", { name: "Site settings" })).toBeVisible();
  await expect(page.getByLabel("Visible to all users")).toBeChecked();

  await page.getByLabel("Visible to responsible user").check();
  await page.getByRole("button", { name: "Save settings" }).tap();
  const warning = page.getByRole("alertdialog");
  await expect(warning).toContainText("this setting can have big consequences");
  await screenshot(page, "settings-responsible-warning");
  await warning.getByRole("button", { name: "Cancel" }).tap();
  await expect(page.getByText("Saved.")).toBeHidden();

  await page.getByRole("button", { name: "Save settings" }).tap();
  await warning.getByRole("button", { name: "Yes, switch to Visible to responsible user" }).tap();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Visible to responsible user")).toBeChecked();

  // Back to the demo's setting, for the other tests.
  await page.getByLabel("Visible to all users").check();
  await page.getByRole("button", { name: "Save settings" }).tap();
  await expect(page.getByText("Saved.")).toBeVisible();
});
