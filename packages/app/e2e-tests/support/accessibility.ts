/*
 * Accessibility checks for browser tests: axe-core (WCAG 2.1 A and AA)
 * on what the page shows once its loading spinners are gone.
 *
 *   await expectAccessible(page);                       // the whole page
 *   await expectAccessible(page, { include: 'main' });  // one region
 *
 * Fails on any serious or critical violation, naming the rule, its help
 * text and the first nodes it found, so the failure says what to fix.
 * `exclude` takes selectors of parts that are not ours (Backstage's own
 * components with a known issue), each with the reason in a comment where
 * it is passed.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

type AccessibilityOptions = {
  include?: string | string[];
  exclude?: string | string[];
  /** axe rule ids not to run, each with the reason where it is passed. */
  disableRules?: string[];
};

const BLOCKING = ['serious', 'critical'];

/**
 * Loading indicators: MUI's spinner and Backstage's `Progress`. Backstage's
 * own cards (the catalog graph's Relations card) show unnamed ones while
 * they fetch; what a user reads and axe judges is the page after them.
 */
const LOADING = '.MuiCircularProgress-root, [data-testid="progress"]';

function asList(value?: string | string[]): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export async function expectAccessible(
  page: Page,
  options: AccessibilityOptions = {},
) {
  let builder = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
  ]);
  for (const selector of asList(options.include)) {
    builder = builder.include(selector);
  }
  // A tooltip caught while it fades in has the page's colours behind its
  // text; its settled colours are MUI's white on grey.
  builder = builder.exclude('.MuiTooltip-popper');
  for (const selector of asList(options.exclude)) {
    builder = builder.exclude(selector);
  }
  if (options.disableRules?.length) {
    builder = builder.disableRules(options.disableRules);
  }
  for (const root of asList(options.include ?? 'body')) {
    await expect(page.locator(root).locator(LOADING)).toHaveCount(0, {
      timeout: 20_000,
    });
  }
  const { violations } = await builder.analyze();
  const blocking = violations
    .filter(v => BLOCKING.includes(v.impact ?? ''))
    .map(v => {
      const nodes = v.nodes
        .slice(0, 3)
        .map(n => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
        .join('\n');
      return `${v.impact} ${v.id} (${v.nodes.length} nodes): ${v.help}\n${nodes}`;
    });
  expect(blocking, `axe on ${page.url()}`).toEqual([]);
}
