import { expect, type Page } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, signIn, test } from "./support";

/**
 * The list's search lives in the URL: the text, "My clients only" and the
 * page survive Back and a reload, and the menu's "Clients" starts afresh
 * (box and tick included). Its own file, so the clients it adds change no
 * other file's lists.
 */
const SEARCH = "Search by name, identifier or date of birth (YYYY-MM-DD)";
const MINE = "My clients only (I am responsible)";

/** Adds `count` clients named "Paging NN Test" through the intake form. */
async function addClients(page: Page, count: number) {
  for (let n = 1; n <= count; n++) {
    const first = `Paging ${String(n).padStart(2, "0")}`;
    await page.goto("/clients/new");
    const create = page.getByRole("button", { name: "Create client" });
    await expect(create).toBeEnabled();
    await page.getByLabel("First name").fill(first);
    await page.getByLabel("Last name").fill("Test");
    await create.tap();
    await expect(page.getByRole("heading", { name: `${first} Test` })).toBeVisible();
  }
  await page.goto("/clients");
}

test("the page, the text and 'My clients only' survive Back; the menu's Clients starts afresh", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);
  await addClients(page, 26);

  await page.getByLabel(SEARCH).fill("paging");
  await expect(page.getByText("1–25 of 26 clients", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Next" }).tap();
  await expect(page.getByText("26–26 of 26 clients", { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/[?&]after=/);
  await page.getByRole("link", { name: /Paging 26 Test/ }).tap();
  await expect(page.getByRole("heading", { name: "Paging 26 Test" })).toBeVisible();
  await page.goBack();
  await expect(page.getByText("26–26 of 26 clients", { exact: true })).toBeVisible();
  await expect(page.getByLabel(SEARCH)).toHaveValue("paging");
  // Back once more returns to the first page, not to each letter typed.
  await page.goBack();
  await expect(page.getByText("1–25 of 26 clients", { exact: true })).toBeVisible();

  await page.getByLabel(MINE).check();
  await expect(page).toHaveURL(/[?&]mine=1/);
  await page.getByRole("link", { name: ADMIN.name }).tap();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel(MINE)).toBeChecked();
  await expect(page.getByLabel(SEARCH)).toHaveValue("paging");
  await page.reload();
  await expect(page.getByLabel(MINE)).toBeChecked();
  await expect(page.getByLabel(SEARCH)).toHaveValue("paging");

  // The menu's "Clients" is a fresh list: empty box, no tick, first page.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Clients" }).tap();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByLabel(SEARCH)).toHaveValue("");
  await expect(page.getByLabel(MINE)).not.toBeChecked();
  await expect(page.getByText(/^1–25 of \d+ clients$/)).toBeVisible();
});
