import { describe, expect, it } from 'vitest';
import { Coalesced } from './coalesce.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('Coalesced', () => {
  it('turns a burst of calls during a run into exactly one more run', async () => {
    let runs = 0;
    const c = new Coalesced(async () => {
      runs++;
      await tick();
    });
    const all = [c.run(), c.run(), c.run(), c.run()];
    await Promise.all(all);
    expect(runs).toBe(2);
    await c.run();
    expect(runs).toBe(3);
  });
  it('stops extra passes once told to, and lets errors through without wedging', async () => {
    let runs = 0;
    let go = true;
    const c = new Coalesced(async () => {
      runs++;
      go = false;
      await tick();
    }, () => go);
    await Promise.all([c.run(), c.run()]);
    expect(runs).toBe(1);
    const failing = new Coalesced(async () => {
      throw new Error('boom');
    });
    await expect(failing.run()).rejects.toThrow('boom');
    expect(failing.running).toBeUndefined();
  });
  it('still makes the pass a call asked for while a failing pass ran', async () => {
    let runs = 0;
    const c = new Coalesced(async () => {
      runs++;
      await tick();
      if (runs === 1) throw new Error('database unreachable');
    });
    const first = c.run();
    const second = c.run(); // arrives during the failing pass
    await Promise.all([first, second]);
    expect(runs).toBe(2);
    expect(c.running).toBeUndefined();
  });
});
