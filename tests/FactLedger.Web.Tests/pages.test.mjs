// Browser tests of FactLedger's pages: the app runs on a loopback port over its own throwaway PostgreSQL cluster
// (seeds loaded on first start); Playwright drives Debian's headless Chromium. Screenshots go to tests/TestResults/web/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, chmodSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const output = process.env.WEB_TEST_OUTPUT ?? join(repo, "tests", "TestResults", "web");
const editorKey = "web-test-editor-key-0123456789";
let app, base, browser, dataDir, appLog = "";
// Markup in every kind of name: each would set window.pwned if a page ran it.
const hostile = {
  outlet: `Agency <img src=x onerror="window.pwned='outlet'">`,
  title: `Toll rises to >40,000 <script>window.pwned='title'</script>`,
  label: `Deaths (Turkey) [AFAD figures] <img src=x onerror="window.pwned='label'">`,
  authority: `<b onmouseover="window.pwned='authority'">AFAD</b>`,
};

const freePort = () => new Promise((ok, fail) => {
  const server = createServer().listen(0, "127.0.0.1", () => { const { port } = server.address(); server.close(() => ok(port)); });
  server.on("error", fail);
});

async function waitForHealth(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}):\n${appLog.slice(-3000)}`);
    try { if ((await fetch(url)).ok) return; } catch { /* not up yet */ }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`the app did not answer ${url} within ${ms / 1000}s:\n${appLog.slice(-3000)}`);
}

async function post(path, body) {
  const response = await fetch(base + path, { method: "POST", headers: { "Content-Type": "application/json", "X-Api-Key": editorKey }, body: JSON.stringify(body) });
  assert.ok(response.ok, `${path}: ${response.status} ${await response.text()}`);
}

before(async () => {
  mkdirSync(output, { recursive: true });
  // Under /tmp and world-readable: when run as root the cluster runs as the postgres user, who must reach it.
  dataDir = mkdtempSync("/tmp/factledger-web-");
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = spawn("dotnet", ["run", "--project", join(repo, "src/FactLedger.Api"), "--", "--urls", base], {
    cwd: repo,
    env: {
      ...process.env,
      ConnectionStrings__FactLedger: "",
      FactLedger__LocalPostgres__DataDirectory: dataDir,
      FactLedger__Seeds__LoadOnStart: "true",
      FactLedger__ApiKeys__0__Name: "web-test", FactLedger__ApiKeys__0__Role: "editor", FactLedger__ApiKeys__0__Key: editorKey,
      DOTNET_NOLOGO: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  app.stdout.on("data", d => { appLog += d; });
  app.stderr.on("data", d => { appLog += d; });
  await waitForHealth(`${base}/health`, 180_000);

  // A second story with two origins that disagree, so the table has a conflicting row to show.
  await post("/api/sources", { key: "web-a", outlet: "Outlet A", language: "en", title: "A", publishedAt: "2022-01-07T10:00:00Z", text: "Officials said 12 people died." });
  await post("/api/sources", { key: "web-b", outlet: "Outlet B", language: "en", title: "B", publishedAt: "2022-01-07T11:00:00Z", text: "Police said 30 people died." });
  await post("/api/figures", { key: "web-test.all.killed", kind: "count", cumulative: false, labels: { en: "People killed", ar: "القتلى" } });
  await post("/api/claims", { figure: "web-test.all.killed", source: "web-a", value: { qualifier: "exact", value: 12 }, quote: "12 people died" });
  await post("/api/claims", { figure: "web-test.all.killed", source: "web-b", value: { qualifier: "exact", value: 30 }, quote: "30 people died" });

  // Names as real outlets, authorities and labels write them, and markup where a name goes: stored as text, shown as
  // text.
  await post("/api/sources", { key: "web-names", outlet: hostile.outlet, language: "en", title: hostile.title,
    publishedAt: "2023-02-08T10:00:00Z", text: "The toll rose: at least 41,000 people died, the agency said." });
  await post("/api/sources", { key: "web-wire", outlet: "Reuters; AFP", language: "en", title: "Daily [Evening edition]",
    publishedAt: "2023-02-08T12:00:00Z", text: "More than 40,000 people died." });
  await post("/api/figures", { key: "web-names.all.killed", kind: "count", cumulative: true, labels: { en: hostile.label } });
  await post("/api/claims", { figure: "web-names.all.killed", source: "web-names", value: { qualifier: "at_least", value: 41000 },
    quote: "at least 41,000 people died", attributedTo: hostile.authority });
  await post("/api/claims", { figure: "web-names.all.killed", source: "web-wire", value: { qualifier: "more_than", value: 40000 },
    quote: "More than 40,000 people died" });

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  if (app && app.exitCode === null) {
    app.kill("SIGTERM");
    await new Promise(r => { app.once("exit", r); setTimeout(r, 30_000); });
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function page(path) {
  const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  p.on("pageerror", e => errors.push(e.message));
  p.on("console", m => { if (m.type() === "error") errors.push(m.text()); });
  await p.goto(base + path);
  return { p, errors };
}

test("the figures table lists the seed story's figures", async () => {
  const { p, errors } = await page("/?story=kz-2022-unrest");
  await p.waitForSelector("#figures tbody tr");
  const keys = await p.$$eval("#figures tbody tr", rows => rows.map(r => r.dataset.key));
  assert.equal(keys.length, 17);
  assert.ok(keys.includes("kz-2022-unrest.security-forces.killed"));
  const killed = p.locator('tr[data-key="kz-2022-unrest.security-forces.killed"]');
  assert.equal((await killed.locator("td").nth(1).innerText()).trim(), "at least 18");
  await p.screenshot({ path: join(output, "figures.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await p.close();
});

test("the figures table says what the sources said, never a point none of them gave", async () => {
  const { p, errors } = await page("/?story=kz-2022-unrest");
  await p.waitForSelector("#figures tbody tr");
  const cell = key => p.locator(`tr[data-key="kz-2022-unrest.${key}"] td`).nth(1);
  assert.equal((await cell("protesters.injured").innerText()).trim(), "more than 1,000");
  assert.equal((await cell("security-forces.injured").innerText()).trim(), "more than 748");
  assert.equal((await cell("protesters.killed").innerText()).trim(), "dozens (20–99)");
  assert.equal((await cell("csto.founded").innerText()).trim(), "in 2002");
  assert.equal((await cell("csto-withdrawal.end").innerText()).trim(), "by 23 January 2022");
  const table = await p.locator("#figures").innerText();
  for (const made of ["1,001", "749", "2002-07-02"]) assert.ok(!table.includes(made), `the table shows ${made}`);
  // Two clocks, each labelled: when the newest report came out, and when the ledger recorded it.
  const headers = await p.$$eval("#figures thead th", ths => ths.map(th => th.textContent));
  assert.ok(headers.includes("Latest report") && headers.includes("Recorded"));
  assert.match(await cell("csto.founded").locator("..").locator("td").nth(4).innerText(), /^2022-01-0\d/);
  await p.selectOption("#sort", "latest-report");
  await p.waitForFunction(() => new URLSearchParams(location.search).get("sort") === "latest-report");

  const { p: ar } = await page("/?story=kz-2022-unrest&lang=ar");
  await ar.waitForSelector("#figures tbody tr");
  const arCell = ar.locator('tr[data-key="kz-2022-unrest.protesters.injured"] td').nth(1);
  assert.equal((await arCell.innerText()).trim(), "أكثر من 1000");
  assert.deepEqual(errors, []);
  await p.screenshot({ path: join(output, "figures-wording.png"), fullPage: true });
  await p.close();
  await ar.close();
});

test("a figure page words the estimate and names its two clocks", async () => {
  const { p, errors } = await page("/figures/kz-2022-unrest.csto.founded");
  await p.waitForSelector("#wording");
  assert.equal((await p.locator("#wording").innerText()).trim(), "in 2002");
  const panel = await p.locator("#estimate").innerText();
  assert.match(panel, /Latest report/);
  assert.match(panel, /Recorded/);
  assert.ok(!(await p.locator("main").innerText()).includes("2002-07-02"));
  // No source stated a day, so no step line is drawn as if one had.
  assert.equal(await p.locator("#chart path.estimate-line").count(), 0);
  assert.deepEqual(errors, []);
  await p.close();
});

test("labels follow the chosen language, Arabic right to left", async () => {
  const { p } = await page("/?story=kz-2022-unrest&lang=ar");
  await p.waitForSelector("#figures tbody tr");
  const label = p.locator('tr[data-key="kz-2022-unrest.security-forces.killed"] a span');
  assert.equal(await label.getAttribute("dir"), "rtl");
  assert.equal((await label.innerText()).trim(), "قتلى قوات الأمن");
  await p.screenshot({ path: join(output, "figures-ar.png"), fullPage: true });
  await p.close();
});

test("a conflicting figure stands out and the status filter narrows the table", async () => {
  const { p } = await page("/?story=web-test");
  await p.waitForSelector('#figures tbody tr[data-key="web-test.all.killed"]');
  assert.equal(await p.locator('tr[data-key="web-test.all.killed"]').getAttribute("class"), "conflicting");
  await p.selectOption("#story", "kz-2022-unrest");
  await p.selectOption("#status", "consistent");
  await p.waitForFunction(() => document.querySelectorAll("#figures tbody tr").length === 6);
  const statuses = await p.$$eval("#figures tbody tr", rows => rows.map(r => r.className));
  assert.ok(statuses.every(s => s === "consistent"));
  await p.close();
});

test("a figure page draws both reports of security forces killed and lists the claims", async () => {
  const { p, errors } = await page("/figures/kz-2022-unrest.security-forces.killed");
  await p.waitForSelector("#chart circle.report");
  assert.equal(await p.locator("#chart circle.report").count(), 2);
  assert.equal(await p.locator("#chart path.estimate-line").count(), 1);
  const rows = p.locator("#claims tbody tr");
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).innerText(), /superseded/);
  assert.match(await rows.nth(1).innerText(), /at least 18/);
  assert.match(await rows.nth(1).innerText(), /قتل 18 فرداً/);
  assert.equal((await p.locator("#wording").innerText()).trim(), "at least 18");
  assert.match(await p.locator("#wording span").getAttribute("title"), /best 18 \(not stated by any source\)/);
  await p.screenshot({ path: join(output, "figure-security-forces-killed.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await p.close();
});

test("the asOf control shows the figure as it stood at a chosen moment", async () => {
  const { p } = await page("/figures/kz-2022-unrest.csto-withdrawal.start");
  await p.waitForSelector("#claims tbody tr");
  assert.equal(await p.locator("#claims tbody tr").count(), 4);
  await p.fill("#asof", "2022-01-12T00:00");
  await p.click('#asof-form button[type="submit"]');
  await p.waitForFunction(() => document.querySelectorAll("#claims tbody tr").length === 1);
  assert.match(await p.locator("#estimate").innerText(), /single-origin/);
  assert.equal(await p.locator("#chart circle.report").count(), 1);
  await p.screenshot({ path: join(output, "figure-asof.png"), fullPage: true });
  await p.click("#now");
  await p.waitForFunction(() => document.querySelectorAll("#claims tbody tr").length === 4);
  await p.close();
});

test("a source page lists its claims and highlights each quote in its text", async () => {
  const { p, errors } = await page("/sources/ar-2022-01-07-allies-armed-groups");
  await p.waitForSelector("#text mark");
  assert.equal(await p.locator("#claims tbody tr").count(), 10);
  assert.match(await p.locator("#track-record").innerText(), /10 claims — \d+ current/);
  const marks = await p.$$eval("#text mark", ms => ms.map(m => m.textContent));
  assert.ok(marks.some(m => m.includes("قتل 18 فرداً")));
  assert.equal(await p.locator("#text").getAttribute("dir"), "rtl");
  await p.screenshot({ path: join(output, "source.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await p.close();
});

test("names with punctuation and markup are shown as the literal text they are, and run nothing", async () => {
  for (const path of ["/?story=web-names", "/figures/web-names.all.killed", "/sources/web-names", "/sources/web-wire"]) {
    const { p, errors } = await page(path);
    await p.waitForFunction(() => document.querySelector("main")?.innerText.includes("AFAD") ||
      document.querySelector("main")?.innerText.includes("Agency") || document.querySelector("main")?.innerText.includes("Reuters"));
    await p.waitForTimeout(300);
    const text = await p.locator("main").innerText();
    const shown = {
      "/?story=web-names": [hostile.label],
      "/figures/web-names.all.killed": [hostile.label, hostile.outlet, hostile.authority, "Reuters; AFP"],
      "/sources/web-names": [hostile.outlet, hostile.title],
      "/sources/web-wire": ["Reuters; AFP", "Daily [Evening edition]"],
    }[path];
    for (const name of shown) assert.ok(text.includes(name), `${path} shows ${name}`);
    assert.equal(await p.evaluate(() => window.pwned), undefined, `${path} ran markup from a name`);
    assert.equal(await p.locator("main img, main script, main [onerror], main [onmouseover]").count(), 0,
      `${path} made elements from a name`);
    assert.deepEqual(errors, []);
    if (path.startsWith("/figures")) await p.screenshot({ path: join(output, "names-inert.png"), fullPage: true });
    await p.close();
  }
});

test("an editor pastes an article, reviews its proposals, accepts one and sees it on the figure page", async () => {
  const article = readFileSync(join(repo, "seeds", "004_b1f33944bee6a34c.txt"), "utf8");
  const { p, errors } = await page("/sources/new");
  await p.fill("#key", editorKey);
  await p.fill("#story", "kz-2022-unrest");
  await p.fill("#source-key", "web-pasted-allies");
  await p.fill("#outlet", "Pasted Outlet");
  await p.selectOption("#language", "ar");
  await p.fill("#published", "2022-01-07T20:00:00+03:00");
  await p.fill("#title", "حلفاء كازاخستان");
  await p.fill("#text", article);
  await p.click("#add button[type=submit]");
  await p.waitForURL(/\/sources\/web-pasted-allies/);
  await p.waitForSelector("#proposal-table tbody tr");
  const rows = p.locator("#proposal-table tbody tr");
  assert.ok(await rows.count() >= 5, "the article's figures are proposed");
  assert.ok(await p.locator("#text mark.proposal").count() >= 5, "each proposal is marked in the text");
  // Nothing counts before an editor accepts it.
  assert.equal(await p.locator("#claims tbody tr").count(), 0);
  const matched = p.locator("#proposal-table tbody tr.pending", { has: p.locator("td:nth-child(4) a") }).first();
  const id = await matched.getAttribute("data-proposal");
  const figure = (await matched.locator("td:nth-child(4) a").innerText()).trim();
  await p.screenshot({ path: join(output, "proposals.png"), fullPage: true });
  await matched.locator("button.accept").click();
  await p.waitForSelector(`#proposal-table tbody tr.accepted[data-proposal="${id}"]`);
  const rejected = p.locator("#proposal-table tbody tr.pending").first();
  const rejectedId = await rejected.getAttribute("data-proposal");
  await rejected.locator("input[aria-label=reason]").fill("not a figure of this story");
  await rejected.locator("button.reject").click();
  await p.waitForSelector(`#proposal-table tbody tr.rejected[data-proposal="${rejectedId}"]`);
  assert.deepEqual(errors, []);
  await p.close();

  const { p: figurePage, errors: figureErrors } = await page(`/figures/${figure}`);
  await figurePage.waitForSelector(`#claims tbody tr[data-claim="${id}"]`);
  assert.deepEqual(figureErrors, []);
  await figurePage.close();
});

test("the API document the app serves lints clean, and a client generated from it records a claim and reads a figure",
  async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const bin = name => join(here, "node_modules", ".bin", name);
    const run = (file, args, env) => {
      try {
        return execFileSync(file, args, { cwd: here, encoding: "utf8", stdio: "pipe", env: { ...process.env, ...env } });
      } catch (e) {
        throw new Error(`${file} ${args.join(" ")} failed:\n${e.stdout}\n${e.stderr}`);
      }
    };
    const document = join(output, "openapi-served.json");
    writeFileSync(document, await (await fetch(`${base}/openapi/v1.json`)).text());

    // Redocly's recommended rules: no error and no warning.
    const lint = run(bin("redocly"), ["lint", document, "--format=summary"], { NO_UPDATE_NOTIFIER: "1" });
    assert.doesNotMatch(lint, /warning|error/i, lint);

    // The typed client is generated from what the app serves; a change a client cannot follow fails to compile.
    run(bin("openapi-typescript"), [document, "-o", join(here, "client", "api.d.mts")]);
    run(bin("tsc"), ["-p", join(here, "client", "tsconfig.json")]);
    await post("/api/figures", { key: "web-client.all.killed", kind: "count", cumulative: true, labels: { en: "Killed" } });
    const answer = JSON.parse(run("node", [join(here, "client", "build", "record-and-read.mjs"),
      "web-client.all.killed", "web-a", "12", "12 people died"], { FACTLEDGER_URL: base, FACTLEDGER_KEY: editorKey }));
    assert.equal(answer.created, true);
    assert.equal(answer.estimate.best, 12);
    assert.equal(answer.wording, "12");
    assert.deepEqual(answer.claims, [answer.claim]);
  });

test("a figure page and the figures table show a new claim without a reload", async () => {
  const { p, errors } = await page("/figures/web-test.all.killed");
  await p.waitForSelector('#live[data-state="live"]');
  const { p: table, errors: tableErrors } = await page("/?story=web-test");
  await table.waitForSelector('#live[data-state="live"]');
  const before = await table.locator('tr[data-key="web-test.all.killed"] td').nth(1).innerText();

  await post("/api/sources", { key: "web-live", outlet: "Outlet L", language: "en", title: "L",
    publishedAt: "2022-01-07T12:00:00Z", text: "Hospital officials now say 45 people died." });
  await post("/api/claims", { id: "web-live-45", figure: "web-test.all.killed", source: "web-live",
    value: { qualifier: "exact", value: 45 }, quote: "45 people died" });

  await p.waitForSelector('#claims tbody tr[data-claim="web-live-45"]', { timeout: 10_000 });
  await table.waitForFunction(b => document.querySelector('tr[data-key="web-test.all.killed"] td:nth-child(2)')
    ?.innerText !== b, before, { timeout: 10_000 });
  await p.screenshot({ path: join(output, "figure-live.png"), fullPage: true });
  assert.deepEqual(errors, []);
  assert.deepEqual(tableErrors, []);
  await p.close();
  await table.close();
});

test("pages carry security headers", async () => {
  const response = await fetch(base + "/");
  assert.match(response.headers.get("content-security-policy") ?? "", /default-src 'self'/);
  assert.equal(response.headers.get("x-content-type-options"), "nosniff");
  assert.equal(response.headers.get("x-frame-options"), "DENY");
});
