import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../server/src/modules/audit/actions.js';

// the web's locale files (bundler-resolved, so not type-checked from here)
type Locale = { admin: { audit: { actions: Record<string, string> } } };
const web = (file: string) => import(new URL(`../../web/src/i18n/${file}`, import.meta.url).href);
const { zhCN } = (await web('zh-CN.ts')) as { zhCN: Locale };
const { en } = (await web('en.ts')) as { en: Locale };

// The audit trail stores codes; the admin screen shows each in words. A code the
// server can write without a name in a locale would show raw.

describe('audit action names', () => {
  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('%s names every action the server audits, and nothing else', (_locale, messages) => {
    const named = Object.keys(messages.admin.audit.actions);
    expect([...named].sort()).toEqual([...AUDIT_ACTIONS].sort());
    for (const action of AUDIT_ACTIONS) expect(messages.admin.audit.actions[action]).not.toBe(action);
  });
});
