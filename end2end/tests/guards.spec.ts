import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, screenshot, signIn, test } from "./support";

/**
 * Guards that keep every page usable by touch on a tablet held upright
 * (768x1024): no WCAG 2.2 A/AA violation that axe-core finds, nothing that
 * scrolls sideways, and no button or standalone link smaller than 44x44 px
 * (WCAG 2.5.5). Links inside a sentence and hidden elements are exempt.
 */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function signInAs(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeEnabled();
}

/** Buttons and standalone links smaller than 44x44 px on the page. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>("a[href], button, summary")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || element.closest("[hidden]")) continue;
      if (getComputedStyle(element).visibility === "hidden") continue;
      const parent = element.parentElement;
      const inSentence =
        element.tagName === "A" &&
        getComputedStyle(element).display === "inline" &&
        parent !== null &&
        (parent.textContent ?? "").trim() !== (element.textContent ?? "").trim();
      if (inSentence) continue;
      if (box.width < 43.5 || box.height < 43.5) {
        const label = (element.textContent ?? "").trim() || element.getAttribute("aria-label") || "";
        small.push(`${element.tagName.toLowerCase()} "${label}" ${Math.round(box.width)}x${Math.round(box.height)}`);
      }
    }
    return small;
  });
}

async function checkPage(page: Page, path: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await checkShown(page, path);
}

/** The guards on what `page` shows now (`path` names it in failures). */
async function checkShown(page: Page, path: string) {
  const axe = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const violations = axe.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
  );
  expect(violations, `axe on ${path}`).toEqual([]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `nothing scrolls sideways on ${path}`).toBeLessThanOrEqual(768);
  expect(await smallTargets(page), `touch targets on ${path}`).toEqual([]);
  // The header on one line: its brand, menu and account share one row.
  const rows = await page.evaluate(() => {
    const parts = Array.from(document.querySelectorAll("header.app-header > *"));
    const boxes = parts.map((part) => part.getBoundingClientRect()).filter((box) => box.height > 0);
    if (boxes.length === 0) return true;
    return Math.max(...boxes.map((box) => box.top)) < Math.min(...boxes.map((box) => box.bottom));
  });
  expect(rows, `the header stays on one line on ${path}`).toBe(true);
  // ...and its menu shows every item: none is hidden behind a sideways scroll.
  const menu = await page.evaluate(() => {
    const nav = document.querySelector<HTMLElement>("header.app-header nav");
    return nav ? { scroll: nav.scrollWidth, client: nav.clientWidth } : { scroll: 0, client: 0 };
  });
  expect(menu.scroll, `the whole menu shows on ${path}`).toBeLessThanOrEqual(menu.client);
}

test("each role starts where its role opens, and the header offers only that", async ({ page }) => {
  const roles: [string, string, RegExp, string[]][] = [
    ["casey@riverside.example", "case-manager", /\/clients$/, ["Clients", "Sessions", "My team"]],
    ["sam@riverside.example", "group-facilitator", /\/sessions$/, ["Sessions", "My team"]],
    ["morgan@riverside.example", "auditor", /\/administration\/overrides$/, ["My team", "Administration"]],
    ["jo@riverside.example", "volunteer", /\/account$/, ["My team"]],
    [ADMIN.email, "site-administrator", /\/clients$/, ["Clients", "Sessions", "Personnel", "My team", "Administration"]],
  ];
  for (const [email, role, start, menu] of roles) {
    await signInAs(page, email);
    await expect(page, email).toHaveURL(start);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(menu);
    await screenshot(page, `start-page-${role}`);
  }
  // "Go to the start page" on a refusal leads to one that opens.
  await signInAs(page, "morgan@riverside.example");
  await page.goto("/clients");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the start page" }).tap();
  await expect(page).toHaveURL(/\/administration\/overrides$/);
  await expect(page.getByRole("heading", { name: "Access overrides" })).toBeVisible();
});

test("every page passes axe, does not scroll sideways, and has targets a finger can hit", async ({ page }) => {
  test.setTimeout(240_000);
  for (const path of ["/login", "/recover-password"]) {
    await checkPage(page, path);
  }
  await signInAs(page, ADMIN.email);
  for (const path of [
    "/clients",
    "/clients?q=Ng",
    "/clients/new",
    "/clients/1",
    "/sessions",
    "/sessions/new",
    "/sessions/1",
    "/personnel",
    "/personnel/new",
    "/personnel/2",
    "/my-team",
    "/administration",
    "/administration/teams",
    "/administration/teams/1",
    "/administration/roles",
    "/administration/roles/1",
    "/administration/organizations",
    "/administration/settings",
    "/administration/overrides",
    "/administration/default-rules",
    "/change-password",
    "/account",
  ]) {
    await checkPage(page, path);
  }
  // A case manager's restricted page, with its override button.
  await signInAs(page, "dana@riverside.example");
  await checkPage(page, "/clients?q=Ga");
  await checkPage(page, "/clients/5");
  await page.getByRole("button", { name: "Override access" }).tap();
  await expect(page.getByRole("dialog", { name: "Override access" })).toBeVisible();
  await checkShown(page, "/clients/5 with the override dialog open");
  await checkPage(page, "/sessions?q=family");
  await expect(page.locator(".person.restricted")).toHaveCount(1);
  await checkPage(page, "/sessions/3");
  // The auditor's log names records it may not open without links.
  await signInAs(page, "morgan@riverside.example");
  await checkPage(page, "/administration/overrides");
  await signInAs(page, "jo@riverside.example");
  await checkPage(page, "/account");
  await checkPage(page, "/clients");
});
