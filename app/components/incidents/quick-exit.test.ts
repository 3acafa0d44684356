/**
 * The quick exit: it replaces the current history entry (never adds one), and it is on the secure-as-evidence
 * page too, which sits outside the incidents layout that carries it for every other incident page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { leaveNow, QUICK_EXIT_TARGET } from './quick-exit';

describe('quick exit', () => {
  it('overwrites the current history entry, then replaces the page with the neutral one', () => {
    const calls: string[] = [];
    const win = {
      history: { replaceState: vi.fn((_state: unknown, _unused: string, url?: string | URL | null) => void calls.push(`replaceState ${url}`)) },
      location: { replace: vi.fn((url: string | URL) => void calls.push(`replace ${url}`)) },
    };
    leaveNow(win);
    expect(calls).toEqual([`replaceState ${QUICK_EXIT_TARGET}`, `replace ${QUICK_EXIT_TARGET}`]);
  });

  it('still leaves when the browser refuses the history change', () => {
    const replace = vi.fn();
    leaveNow({ history: { replaceState: () => { throw new Error('SecurityError'); } }, location: { replace } });
    expect(replace).toHaveBeenCalledWith(QUICK_EXIT_TARGET);
  });

  it('is on the secure-as-evidence page and the incidents layout, from the one shared component', () => {
    for (const route of ['towns.$slug.posts.$postId.secure.tsx', 'towns.$slug.incidents.tsx']) {
      const source = fs.readFileSync(path.resolve('app/routes', route), 'utf8');
      expect(source, route).toContain("import { QuickExit } from '#app/components/incidents/quick-exit';");
      expect(source, route).toMatch(/<QuickExit \/>/);
    }
  });
});
