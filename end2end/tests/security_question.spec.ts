import { expect } from "@playwright/test";
import { DEMO_PASSWORD, screenshot, signIn, test } from "./support";

const IRA = "ira@riverside.example";
const NEW_PASSWORD = "lantern over the quiet bay";

test("a person sets a security question and recovers a forgotten password with it", async ({ page }) => {
  await signIn(page, IRA, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);
  await page.goto("/change-password");
  await expect(page.getByRole("button", { name: "Save security question" })).toBeEnabled();
  await page.getByLabel("Question").selectOption("What was the name of your first pet?");
  await page.getByLabel("Answer").fill("Blue Lightning");
  await page.locator("#question_current_password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Save security question" }).tap();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.locator("header.app-header").getByRole("button", { name: "Sign out" }).tap();
  await expect(page).toHaveURL(/\/login$/);

  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await page.getByRole("link", { name: "Forgot your password?" }).tap();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue" })).toBeEnabled();
  await page.getByLabel("E-mail").fill(IRA);
  await page.getByRole("button", { name: "Continue" }).tap();
  await expect(page.getByText("What was the name of your first pet?")).toBeVisible();
  await page.getByLabel("Answer").fill("  blue lightning ");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await screenshot(page, "recover-password");
  await page.getByRole("button", { name: "Set new password" }).tap();
  await expect(page.getByText("Your new password is set. Sign in with it.")).toBeVisible();

  await signIn(page, IRA, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);

  // Give Ira the demo password back, for the other tests.
  const restored = await page.request.post("/api/recover_password", {
    form: { email: IRA, answer: "Blue Lightning", new_password: DEMO_PASSWORD, confirm_password: DEMO_PASSWORD },
  });
  expect(restored.status()).toBe(200);
});
