import { expect, type Page } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, screenshot, signIn, test } from "./support";

/** Signs out whoever is signed in, then signs in as `email`. */
async function signInAs(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);
}

async function openClient(page: Page, name: string) {
  await page.getByLabel("Search by name, identifier or date of birth (YYYY-MM-DD)").fill(name);
  await page.locator(".clients .person").filter({ hasText: name }).getByRole("link").tap();
  await expect(page.getByRole("heading", { name })).toBeVisible();
}

test("a case manager denies a colleague by name and the colleague is shut out at once", async ({ page }) => {
  await signInAs(page, "casey@riverside.example");
  await openClient(page, "Liam Chen");
  const clientUrl = page.url();
  await page.getByRole("button", { name: "Edit access" }).tap();
  const panel = page.getByRole("dialog", { name: "Access rules" });
  await expect(panel.getByText("No access rules here yet.")).toBeVisible();
  await panel.getByLabel("Search a team or a person").fill("Dana");
  await panel.getByRole("button", { name: "Dana Reid (Family advocate)" }).tap();
  await panel.getByLabel("Deny").check();
  await expect(panel.getByText("Deny personnel Dana Reid")).toBeVisible();
  await panel.getByRole("button", { name: "Add access rule" }).tap();
  const rule = panel.locator(".rule").filter({ hasText: "Dana Reid" });
  await expect(rule).toContainText("Deny");
  await screenshot(page, "access-rules");
  await panel.getByRole("button", { name: "Close" }).tap();
  await expect(panel).toHaveCount(0);

  // Dana's next request is refused. She cannot override a deny by name, so
  // the client is "not found" to her, as an id nobody has: neither that it
  // exists nor why it is closed.
  await signInAs(page, "dana@riverside.example");
  await page.goto(clientUrl);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("That client was not found.")).toBeVisible();
  await expect(page.getByText("Denied to you by name.")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Override access" })).toHaveCount(0);

  // Casey removes the rule; Dana is back.
  await signInAs(page, "casey@riverside.example");
  await page.goto(clientUrl);
  await page.getByRole("button", { name: "Edit access" }).tap();
  await page.getByRole("button", { name: "Remove the rule for Dana Reid" }).tap();
  await expect(page.getByText("No access rules here yet.")).toBeVisible();
  await page.getByRole("button", { name: "Close" }).tap();
  await signInAs(page, "dana@riverside.example");
  await page.goto(clientUrl);
  await expect(page.getByRole("heading", { name: "Liam Chen" })).toBeVisible();
});

test("a site administrator sets an organization default rule that applies to every client", async ({ page }) => {
  await signInAs(page, ADMIN.email);
  await page.goto("/administration/default-rules");
  await expect(page.getByRole("heading", { name: "Organization default rules" })).toBeVisible();
  await page.getByRole("button", { name: "Riverside Child Advocacy Centre" }).tap();
  await page.getByLabel("Search a team or a person").fill("Robin");
  await page.getByRole("button", { name: "Robin Hughes (Board liaison)" }).tap();
  await page.getByLabel("Deny").check();
  await page.getByRole("button", { name: "Add access rule" }).tap();
  await expect(page.locator(".rule").filter({ hasText: "Robin Hughes" })).toContainText("Deny");

  await signInAs(page, "robin@riverside.example");
  await expect(page.getByText("No clients match.")).toBeVisible();

  await signInAs(page, ADMIN.email);
  await page.goto("/administration/default-rules");
  await page.getByRole("button", { name: "Riverside Child Advocacy Centre" }).tap();
  await page.getByRole("button", { name: "Remove the rule for Robin Hughes" }).tap();
  await expect(page.getByText("No access rules here yet.")).toBeVisible();
  await signInAs(page, "robin@riverside.example");
  await expect(page.getByText(/of \d+ clients/)).toBeVisible();
});
