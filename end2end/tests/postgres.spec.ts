import { expect } from "@playwright/test";
import { DEMO_PASSWORD, signIn, test } from "./support";

// This file's server runs on PostgreSQL (support.ts: a spec named *postgres*).

test("on PostgreSQL a case manager signs in, searches, opens a locked client's restricted page and overrides", async ({
  page,
}) => {
  await signIn(page, "dana@riverside.example", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);
  await page.getByLabel("Search by name, identifier or date of birth (YYYY-MM-DD)").fill("Garcia");
  const entry = page.locator(".person.restricted").filter({ hasText: "Sofia Garcia" });
  await entry.getByRole("link").tap();
  await expect(page.getByRole("heading", { name: "This client is restricted" })).toBeVisible();

  await page.getByRole("button", { name: "Override access" }).tap();
  const dialog = page.getByRole("dialog", { name: "Override access" });
  await dialog.getByLabel("Reason (at least 10 characters)").fill("Sofia disclosed at reception; Casey is away today");
  await dialog.getByRole("button", { name: "Open for 15 minutes" }).tap();

  await expect(page.getByRole("heading", { name: "Sofia Garcia" })).toBeVisible();
  await expect(page.getByText("Your access: Override until")).toBeVisible();
});
