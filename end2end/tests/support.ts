import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";

/**
 * Each spec file gets a Safehold of its own: the release build, started on a
 * free port with a fresh data directory holding only the demo data, so no
 * file depends on what another changed. It is started when the file's first
 * test asks for `baseURL` and stopped when the next file's starts (or the
 * worker ends).
 *
 * A spec file named `*postgres*` runs its server on PostgreSQL instead: a
 * fresh database on the cluster `ensure_postgres` started (scripts/tools.sh
 * exports SAFEHOLD_POSTGRES_URL), dropped when the server stops. Without that
 * cluster the file fails; it never falls back to SQLite.
 */
type Server = { file: string; url: string; process: ChildProcess; data: string; database?: string };

function psql(sql: string) {
  const cluster = process.env.SAFEHOLD_POSTGRES_URL;
  if (!cluster) throw new Error("SAFEHOLD_POSTGRES_URL is not set: run through scripts/test.sh (ensure_postgres)");
  execFileSync("psql", ["-q", cluster, "-c", sql], { stdio: ["ignore", "ignore", "inherit"] });
  return cluster;
}
let current: Server | undefined;

const ROOT = path.resolve(__dirname, "..", "..");
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, "target");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function start(file: string): Promise<Server> {
  const port = await freePort();
  const data = mkdtempSync(path.join(tmpdir(), "safehold-e2e-"));
  const url = `http://127.0.0.1:${port}`;
  let database: string | undefined;
  const engine: string[] = [];
  if (path.basename(file).includes("postgres")) {
    database = `safehold_e2e_${process.pid}_${port}`;
    const cluster = psql(`CREATE DATABASE ${database}`);
    engine.push("--database-url", `${cluster.replace(/\/[^/]*$/, "")}/${database}`);
  }
  // Plain HTTP on 127.0.0.1, hence --insecure-cookie (the cookie is Secure by default).
  const child = spawn(
    path.join(TARGET, "release", "safehold"),
    ["serve", "--demo", "--insecure-cookie", "--listen", `127.0.0.1:${port}`, "--data-dir", data,
      "--site-root", path.join(ROOT, "target", "site"), "--log", "warn", ...engine],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`safehold exited with ${child.exitCode} for ${file}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`safehold did not answer within 60 s for ${file}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { file, url, process: child, data, database };
}

function stop(server: Server | undefined) {
  if (!server) return;
  server.process.kill();
  rmSync(server.data, { recursive: true, force: true });
  if (server.database) psql(`DROP DATABASE IF EXISTS ${server.database} WITH (FORCE)`);
}

process.on("exit", () => stop(current));

export const test = base.extend({
  baseURL: async ({}, use, testInfo) => {
    if (current?.file !== testInfo.file) {
      stop(current);
      current = await start(testInfo.file);
    }
    await use(current.url);
  },
});

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
