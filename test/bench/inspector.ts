// A minimal Chrome DevTools Protocol client for a server started with
// `--inspect=127.0.0.1:PORT` (see harness.ts): forces a full garbage collection
// before memory is read, so "memory per idle subscription" compares live data
// rather than whatever garbage happened to be waiting, and takes CPU profiles of
// the measured window only. A session is opened per use and closed right after;
// with no session attached the inspector costs the server nothing measurable.
import WebSocket from 'ws';

export class Inspector {
  #next = 1;
  #pending = new Map<number, { resolve: (r: any) => void; reject: (e: Error) => void }>();
  #listeners = new Map<string, (params: any) => void>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      if (m.id === undefined) {
        const e = m as { method?: string; params?: unknown };
        if (e.method) this.#listeners.get(e.method)?.(e.params);
        return;
      }
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (m.error) p.reject(new Error(`inspector: ${m.error.message}`));
      else p.resolve(m.result);
    });
    ws.once('close', () => {
      for (const p of this.#pending.values()) p.reject(new Error('inspector session closed'));
      this.#pending.clear();
    });
  }

  static async connect(port: number): Promise<Inspector> {
    const res = await fetch(`http://127.0.0.1:${port}/json/list`);
    const [target] = (await res.json()) as { webSocketDebuggerUrl: string }[];
    if (!target) throw new Error(`no inspector target on port ${port}`);
    const ws = new WebSocket(target.webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 1 << 30 });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Inspector(ws);
  }

  /** Listens to one kind of inspector event (e.g. heap snapshot chunks). */
  on(method: string, listener: (params: any) => void): void {
    this.#listeners.set(method, listener);
  }

  send<T = unknown>(method: string, params: Record<string, unknown> = {}, timeoutMs = 60_000): Promise<T> {
    const id = this.#next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`inspector: no reply to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** Forces a full (major, compacting) GC in the inspected process; returns how long it took (ms). */
export async function collectGarbage(port: number): Promise<number> {
  const i = await Inspector.connect(port);
  try {
    const t = performance.now();
    await i.send('HeapProfiler.collectGarbage');
    return performance.now() - t;
  } finally {
    await i.close();
  }
}

/** A CPU profile being taken; `stop()` returns it (the .cpuprofile JSON). */
export async function startProfile(port: number, intervalUs = 250): Promise<{ stop(): Promise<unknown> }> {
  const i = await Inspector.connect(port);
  await i.send('Profiler.enable');
  await i.send('Profiler.setSamplingInterval', { interval: intervalUs });
  await i.send('Profiler.start');
  return {
    stop: async () => {
      try {
        const { profile } = await i.send<{ profile: unknown }>('Profiler.stop', {}, 120_000);
        await i.send('Profiler.disable');
        return profile;
      } finally {
        await i.close();
      }
    },
  };
}
