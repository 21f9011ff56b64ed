import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Riverside demo 2026";
export const ADMIN = { email: "avery@riverside.example", name: "Avery Stone" };

/** Waits until the page has hydrated: the sign-in button is enabled by an Effect. */
export async function openSignIn(page: Page) {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
}

export async function signIn(page: Page, email: string, password: string) {
  await openSignIn(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).tap();
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}
