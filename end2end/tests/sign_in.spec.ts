import { expect } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, screenshot, signIn, test } from "./support";

test("a demo login signs in, sees the shell, and signs out", async ({ page }) => {
  await signIn(page, ADMIN.email, DEMO_PASSWORD);

  await expect(page).toHaveURL(/\/clients$/);
  const header = page.locator("header.app-header");
  await expect(header.getByText(ADMIN.name)).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const area of ["Clients", "Personnel", "Administration"]) {
    await expect(nav.getByRole("link", { name: area })).toBeVisible();
  }
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
  await screenshot(page, "shell-clients");

  await nav.getByRole("link", { name: "Administration" }).tap();
  await expect(page).toHaveURL(/\/administration$/);
  await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();

  await header.getByRole("button", { name: "Sign out" }).tap();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/clients");
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  await screenshot(page, "signed-out-401");
});

test("a wrong password shows the message and no way in", async ({ page }) => {
  await signIn(page, ADMIN.email, "not the right password");
  await expect(page.getByRole("alert")).toHaveText("The e-mail address or password is not correct.");
  await expect(page).toHaveURL(/\/login$/);
  await screenshot(page, "sign-in-wrong-password");
});

test("a role without the permission sees the 403 page with the reason", async ({ page }) => {
  await signIn(page, "robin@riverside.example", DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
  // The header does not offer Personnel; the server refuses it all the same.
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Personnel" })).toHaveCount(0);
  await page.goto("/personnel");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByText("Your role does not include “Manage personnel”.")).toBeVisible();
  await screenshot(page, "read-only-403");
});

test("the shell works with a mouse at 1280x800 too", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: false });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await page.getByLabel("E-mail").fill(ADMIN.email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Clients" })).toBeVisible();
  await screenshot(page, "shell-desktop");
  await context.close();
});
