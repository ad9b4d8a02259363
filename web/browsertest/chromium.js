// Starting Debian's chromium for the browser tests, with the flags this machine needs: without
// the background-networking ones Chromium tries to reach Google's hosts, which the closed
// network refuses.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// launch starts chromium with a fresh profile (--user-data-dir, which launchPersistentContext
// passes) and returns the context with a close() that also removes the profile.
export async function launch(options = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), 'aspgraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

// watch records what a context does that a page must not: requests to other origins (and every
// request, to report), failed requests, console errors and uncaught errors.
export function watch(context) {
  const seen = { requests: [], failedRequests: [], consoleErrors: [], pageErrors: [] };
  context.on('request', (req) => seen.requests.push(req.url()));
  context.on('requestfailed', (req) => seen.failedRequests.push(`${req.url()}: ${req.failure()?.errorText}`));
  context.on('page', (page) => watchPage(page, seen));
  for (const page of context.pages()) watchPage(page, seen);
  return seen;
}

function watchPage(page, seen) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') seen.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => seen.pageErrors.push(String(err)));
}
