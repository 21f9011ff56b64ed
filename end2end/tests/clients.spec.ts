import { expect, type Page } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, screenshot, signIn, test } from "./support";

const SEARCH = "Search by name, identifier or date of birth (YYYY-MM-DD)";

/** Signs out whoever is signed in, then signs in as `email`. */
async function signInAs(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/clients$/);
}

async function search(page: Page, text: string) {
  await page.getByLabel(SEARCH).fill(text);
}

test("a case manager searches clients as they type", async ({ page }) => {
  await signInAs(page, "casey@riverside.example");
  await expect(page.getByText("1–5 of 5 clients")).toBeVisible();
  await search(page, "Ng");
  await expect(page.getByText("1–1 of 1 client", { exact: true })).toBeVisible();
  await expect(page.locator(".clients .person")).toHaveText([/Aroha Ngata/]);
  await search(page, "RCAC-100");
  await expect(page.getByText("1–5 of 5 clients")).toBeVisible();
  await screenshot(page, "clients-search");
});

test("intake, allowed personnel and the lock, by touch at 768x1024", async ({ page }) => {
  await signInAs(page, "casey@riverside.example");
  await page.getByRole("link", { name: "New client" }).tap();
  await expect(page.getByRole("heading", { name: "New client" })).toBeVisible();
  const create = page.getByRole("button", { name: "Create client" });
  await expect(create).toBeEnabled();
  await page.getByLabel("First name").fill("Mere");
  await create.tap();
  await expect(page.getByText("Enter the client's last name.")).toBeVisible();
  await page.getByLabel("Last name").fill("Tawhiri");
  await page.getByLabel("Date of birth (leave empty if unknown)").fill("2016-04-02");
  await page.getByLabel("Identifier (case number, optional)").fill("RCAC-2001");
  await create.tap();

  await expect(page.getByRole("heading", { name: "Mere Tawhiri" })).toBeVisible();
  const lock = page.locator("button.lock-icon");
  await expect(lock).toHaveAttribute("data-locked", "false");
  await expect(page.getByText("Nobody is listed yet.")).toBeVisible();

  // Locking with nobody listed: asked first, warned, then refused with seed 000's words.
  await lock.tap();
  const question = page.getByRole("alertdialog");
  await expect(question).toContainText("Lock this client? Only the allowed personnel will be able to open it.");
  await expect(question).toContainText("you will lose access");
  await question.getByRole("button", { name: "Yes" }).tap();
  await expect(
    page.getByText("For a client profile to be locked at least one personnel must be listed in the allowed section."),
  ).toBeVisible();

  await page.getByRole("button", { name: "Add Personnel" }).tap();
  const dialog = page.getByRole("dialog", { name: "Add Personnel" });
  await dialog.getByLabel("Search personnel by name, job title or whole e-mail address").fill("Casey");
  await dialog.getByRole("button", { name: "Add Casey Morgan" }).tap();
  await expect(dialog.getByRole("button", { name: "Add Casey Morgan" })).toHaveText("Added");
  await dialog.getByLabel("Search personnel by name, job title or whole e-mail address").fill("Ira");
  await dialog.getByRole("button", { name: "Add Ira Patel" }).tap();
  await expect(dialog.getByRole("button", { name: "Add Ira Patel" })).toHaveText("Added");
  await screenshot(page, "client-add-personnel-dialog");
  await dialog.getByRole("button", { name: "Close" }).tap();
  const allowed = page.getByRole("list", { name: "Allowed personnel" });
  await expect(allowed.locator(".person")).toHaveText([/Casey Morgan/, /Ira Patel/]);

  await lock.tap();
  await expect(question).not.toContainText("you will lose access");
  await question.getByRole("button", { name: "Yes" }).tap();
  await expect(lock).toHaveAttribute("data-locked", "true");
  await expect(lock).toContainText("Locked");
  await screenshot(page, "client-locked");

  // Dana, a case manager not on the list, sees only a bare entry and the restriction.
  await signInAs(page, "dana@riverside.example");
  await search(page, "Tawhiri");
  await expect(page.getByText("No clients you can open match.")).toBeVisible();
  const entry = page.locator(".person.restricted").filter({ hasText: "Mere Tawhiri" });
  await expect(entry).toContainText("Restricted");
  await entry.getByRole("link").tap();
  await expect(page.getByRole("heading", { name: "This client is restricted" })).toBeVisible();
  await expect(
    page.getByText("This client is locked and you are not on its allowed personnel."),
  ).toBeVisible();
  await expect(page.getByText("RCAC-2001")).toHaveCount(0);
  await screenshot(page, "client-restricted");

  // Robin, read-only and without override access, learns nothing.
  await signInAs(page, "robin@riverside.example");
  await search(page, "Tawhiri");
  await expect(page.getByText("No clients match.")).toBeVisible();
  await expect(page.locator(".person.restricted")).toHaveCount(0);

  // Casey unlocks it again, after confirming.
  await signInAs(page, "casey@riverside.example");
  await search(page, "Tawhiri");
  await page.getByRole("link", { name: /Mere Tawhiri/ }).tap();
  await lock.tap();
  await expect(question).toContainText("Unlock this client?");
  await question.getByRole("button", { name: "Yes" }).tap();
  await expect(lock).toHaveAttribute("data-locked", "false");
});

test("in 'visible to responsible user' mode a case manager who is not responsible no longer finds the client", async ({
  page,
}) => {
  await signInAs(page, ADMIN.email);
  await search(page, "Ngata");
  await page.getByRole("link", { name: /Aroha Ngata/ }).tap();
  await expect(page.getByText("Casey Morgan")).toBeVisible();

  await page.goto("/administration/settings");
  await page.getByLabel("Visible to responsible user").check();
  await page.getByRole("button", { name: "Save settings" }).tap();
  await page.getByRole("button", { name: "Yes, switch to Visible to responsible user" }).tap();
  await expect(page.getByText("Saved.")).toBeVisible();

  try {
    await signInAs(page, "dana@riverside.example");
    await search(page, "Ngata");
    await expect(page.getByText("No clients you can open match.")).toBeVisible();
    await expect(page.locator(".clients .person:not(.restricted)")).toHaveCount(0);

    await signInAs(page, "casey@riverside.example");
    await search(page, "Ngata");
    await expect(page.getByText("1–1 of 1 client", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: /Aroha Ngata/ }).tap();
    await expect(page.getByRole("heading", { name: "Aroha Ngata" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Change responsible personnel" })).toHaveCount(0);
  } finally {
    // Back to the demo's setting, for the other tests.
    await signInAs(page, ADMIN.email);
    await page.goto("/administration/settings");
    await page.getByLabel("Visible to all users").check();
    await page.getByRole("button", { name: "Save settings" }).tap();
    await expect(page.getByText("Saved.")).toBeVisible();
  }
});

test("a case manager overrides a restricted client, sees the countdown, is shut out again at zero, and an auditor finds it in the log", async ({
  page,
}) => {
  // The page's clock is Playwright's, so fifteen minutes can pass at once.
  await page.clock.install();
  await signInAs(page, "dana@riverside.example");
  await search(page, "Garcia");
  const entry = page.locator(".person.restricted").filter({ hasText: "Sofia Garcia" });
  await entry.getByRole("link").tap();
  await expect(page.getByRole("heading", { name: "This client is restricted" })).toBeVisible();

  await page.getByRole("button", { name: "Override access" }).tap();
  const dialog = page.getByRole("dialog", { name: "Override access" });
  await dialog.getByLabel("Reason (at least 10 characters)").fill("too short");
  await dialog.getByRole("button", { name: "Open for 15 minutes" }).tap();
  await expect(dialog.getByText("Give a reason of at least 10 characters.")).toBeVisible();
  await dialog.getByLabel("Reason (at least 10 characters)").fill("Sofia disclosed at reception; Casey is away today");
  await dialog.getByRole("button", { name: "Open for 15 minutes" }).tap();

  await expect(page.getByRole("heading", { name: "Sofia Garcia" })).toBeVisible();
  await expect(page.getByText("Your access: Override until")).toBeVisible();
  const countdown = page.locator(".countdown");
  await expect(countdown).toHaveText(/^1[45]:\d\d$/);
  const first = await countdown.textContent();
  await expect(countdown).not.toHaveText(first ?? "", { timeout: 5_000 });
  await screenshot(page, "client-override-countdown");

  await page.clock.fastForward("15:00");
  await expect(page.getByRole("heading", { name: "This client is restricted" })).toBeVisible();
  await expect(page.getByText("Your override access has ended.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sofia Garcia" })).toHaveCount(0);

  // An auditor finds the override in the log, filters it, and exports it.
  await page.context().clearCookies();
  await signIn(page, "morgan@riverside.example", DEMO_PASSWORD);
  // The log is an auditor's start page.
  await expect(page).toHaveURL(/\/administration\/overrides$/);
  await expect(page.getByRole("heading", { name: "Access overrides" })).toBeVisible();
  const logged = page.locator(".log-entry").filter({ hasText: "Dana Reid" });
  // Morgan may not open Sofia's profile, so the log neither names her nor links to her.
  await expect(logged).toContainText(/Client #\d+ \(restricted\)/);
  await expect(logged.getByRole("link")).toHaveCount(0);
  await expect(logged).not.toContainText("RCAC-1005");
  await expect(logged).toContainText("Sofia disclosed at reception; Casey is away today");
  await page.getByLabel("Personnel (name or email)").fill("nobody-by-this-name");
  await expect(page.getByText("No overrides match.")).toBeVisible();
  await page.getByLabel("Personnel (name or email)").fill("dana");
  await expect(logged).toBeVisible();
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  await screenshot(page, "override-log");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).tap();
  const file = await download;
  expect(file.suggestedFilename()).toBe("access-overrides.csv");
  const csv = await streamText(await file.createReadStream());
  expect(csv).toContain("When (UTC),Personnel,Email,Record kind,Record,Reason");
  expect(csv).toContain("dana@riverside.example");
  expect(csv).toContain("Sofia disclosed at reception; Casey is away today");
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

test("the list marks locked clients, and Back or a reload keeps the search", async ({ page }) => {
  await signInAs(page, "casey@riverside.example");
  const sofia = page.locator(".person").filter({ hasText: "Sofia Garcia" });
  await expect(sofia.getByRole("img", { name: "Locked" })).toBeVisible();
  await expect(page.getByRole("img", { name: "Locked" })).toHaveCount(1);

  await search(page, "Ng");
  await expect(page).toHaveURL(/\/clients\?q=Ng$/);
  await expect(page.getByText("1–1 of 1 client", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: /Aroha Ngata/ }).tap();
  await expect(page.getByRole("heading", { name: "Aroha Ngata" })).toBeVisible();
  await page.goBack();
  await expect(page.getByLabel(SEARCH)).toHaveValue("Ng");
  await expect(page.getByText("1–1 of 1 client", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel(SEARCH)).toHaveValue("Ng");
  await expect(page.getByRole("link", { name: /Aroha Ngata/ })).toBeVisible();
});
