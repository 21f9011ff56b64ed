import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, screenshot, signIn } from "./support";

test("a case manager searches clients as they type", async ({ page }) => {
  await signIn(page, "casey@riverside.example", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByText("1–5 of 5 clients")).toBeVisible();
  await page.getByLabel("Search by name, identifier or date of birth (YYYY-MM-DD)").fill("Ng");
  await expect(page.getByText("1–1 of 1 clients")).toBeVisible();
  await expect(page.locator(".clients .person")).toHaveText([/Aroha Ngata/]);
  await page.getByLabel("Search by name, identifier or date of birth (YYYY-MM-DD)").fill("RCAC-100");
  await expect(page.getByText("1–5 of 5 clients")).toBeVisible();
  await screenshot(page, "clients-search");
});
