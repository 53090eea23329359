/**
 * The accessibility audits of the kiosk and the district app gather axe's serious and critical
 * violations across a test's screens, one line each, and fail once at the end with all of them —
 * so a test shows every screen's problems, not only the first.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { beforeEach, expect } from 'vitest';
import type { Page } from 'playwright-core';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];

export interface AxeAudit {
  /** Runs axe on what `on` shows now and notes every serious or critical violation under `screen`. */
  readonly audit: (screen: string, on?: Page) => Promise<void>;
  /** Fails the test with every violation noted since it began. */
  readonly expectNone: () => void;
}

/** An auditor for one test file; `page` is the harness's current page. Cleared before each test. */
export function useAxeAudit(page: () => Page): AxeAudit {
  let found: string[] = [];
  beforeEach(() => {
    found = [];
  });
  return {
    async audit(screen, on = page()): Promise<void> {
      const result = await new AxeBuilder({ page: on }).withTags(TAGS).analyze();
      for (const v of result.violations) {
        if (v.impact !== 'serious' && v.impact !== 'critical') continue;
        const targets = v.nodes.map((n) => n.target.map(String).join(' ')).slice(0, 8);
        found.push(`[${screen}] ${v.id} (${v.impact}): ${v.help} — ${targets.join(' | ')}${v.nodes.length > 8 ? ` … and ${v.nodes.length - 8} more` : ''}`);
      }
    },
    expectNone() {
      expect(found, `serious or critical axe violations:\n${found.join('\n')}`).toEqual([]);
    },
  };
}
