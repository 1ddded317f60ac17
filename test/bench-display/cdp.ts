// A measuring instrument that does not itself hold memory in the page: Debian's
// Chromium started by hand with --remote-debugging-port, and a bare DevTools
// protocol connection to the page that enables no domain at all. Playwright
// enables Network, Runtime, Page, Log … on every page it drives; with Network on,
// the renderer keeps every response body for DevTools (NetworkResourcesData), and
// with Runtime on it keeps console messages — memory a kiosk without DevTools
// never spends. Here only commands that need no `enable` are sent:
//   Runtime.evaluate / Runtime.getHeapUsage, HeapProfiler.collectGarbage
//   (and takeHeapSnapshot in the diagnostic heapdiff.ts), Memory.getDOMCounters.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { CHROMIUM_ARGS, chromiumPath } from '../helpers/chromium.js';

export interface RawBrowser {
  /** the page's DevTools connection */
  page: CdpSession;
  /** Chromium's process, for its exit */
  process: ChildProcess;
  close(): Promise<void>;
}

export interface CdpSession {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
  on(event: string, listener: (params: any) => void): void;
  off(event: string, listener: (params: any) => void): void;
  /** evaluates an expression in the page and returns its value (JSON-serialisable) */
  evaluate<T>(expression: string): Promise<T>;
}

// Performance.enable/getMetrics: only idle.ts (the wall's work at rest), never the soak
const DOMAINS_ALLOWED = /^(Runtime\.(evaluate|getHeapUsage)|HeapProfiler\.(collectGarbage|takeHeapSnapshot)|Memory\.getDOMCounters|Performance\.(enable|getMetrics))$/;

/** Starts /usr/bin/chromium headless on `url` and connects to its one page. */
export async function launchRawChromium(url: string, { width = 1920, height = 1080 } = {}): Promise<RawBrowser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'xinbao-soak-profile-'));
  const child = spawn(
    chromiumPath(),
    [
      ...CHROMIUM_ARGS,
      '--no-default-browser-check',
      '--lang=zh-CN',
      '--hide-scrollbars',
      // as the duty room runs it: kiosk mode on a screen of this size (the page gets
      // all of it; a headless window would lose ~140 px to window decorations)
      '--kiosk',
      `--screen-info={${width}x${height}}`,
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      // diagnostics only (never in the bench's figures): V8 flags, e.g. to run without JIT tiers
      ...(process.env.BENCH_JS_FLAGS ? [`--js-flags=${process.env.BENCH_JS_FLAGS}`] : []),
      url,
    ],
    // diagnostics only: BENCH_CHROMIUM_STDOUT=<file> keeps what V8 prints (e.g. --trace-opt)
    { stdio: ['ignore', process.env.BENCH_CHROMIUM_STDOUT ? fs.openSync(process.env.BENCH_CHROMIUM_STDOUT, 'w') : 'ignore', 'pipe'] },
  );
  const browserWs = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`chromium did not start: ${err.slice(-500)}`)), 30_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${err.slice(-500)}`)));
  });
  child.stderr!.resume(); // keep draining
  const http = browserWs.replace(/^ws:\/\/([^/]+)\/.*$/, 'http://$1');
  let target: { type: string; webSocketDebuggerUrl: string } | undefined;
  for (let i = 0; i < 50 && !target; i++) {
    const list = (await (await fetch(`${http}/json/list`)).json()) as { type: string; webSocketDebuggerUrl: string }[];
    target = list.find((t) => t.type === 'page');
    if (!target) await new Promise((r) => setTimeout(r, 100));
  }
  if (!target) throw new Error('no page target');
  const page = await connect(target.webSocketDebuggerUrl);
  return {
    page,
    process: child,
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
      }
      try {
        fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch {
        // a helper process may still be writing; the temp dir is left behind
      }
    },
  };
}

async function connect(wsUrl: string): Promise<CdpSession> {
  const socket = new WebSocket(wsUrl, { perMessageDeflate: false, maxPayload: 2 ** 31 });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; method: string }>();
  const listeners = new Map<string, Set<(params: any) => void>>();
  socket.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString());
    if (msg.id !== undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p?.resolve(msg.result);
    } else if (msg.method) {
      for (const l of listeners.get(msg.method) ?? []) l(msg.params);
    }
  });
  socket.on('close', () => {
    for (const p of pending.values()) p.reject(new Error(`${p.method}: connection closed`));
    pending.clear();
  });
  const session: CdpSession = {
    send(method, params = {}) {
      if (!DOMAINS_ALLOWED.test(method)) throw new Error(`${method} is not used by this instrument`);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    off(event, listener) {
      listeners.get(event)?.delete(listener);
    },
    async evaluate<T>(expression: string): Promise<T> {
      const r = await session.send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
        'Runtime.evaluate',
        { expression, returnByValue: true, awaitPromise: true },
      );
      if (r.exceptionDetails) throw new Error(`evaluate failed: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return r.result.value as T;
    },
  };
  return session;
}

export interface MemorySample {
  /** V8's heap: JavaScript objects (Runtime.getHeapUsage usedSize) */
  jsMB: number;
  /** Blink's garbage-collected heap traced with V8's (DOM, layout, canvas caches …) */
  embedderMB: number;
  /** live DOM nodes, documents and JS event listeners (Memory.getDOMCounters) */
  nodes: number;
  documents: number;
  listeners: number;
}

/** Forces a full garbage collection, then reads the heaps and the DOM counters. */
export async function sampleMemory(page: Pick<CdpSession, 'send'>): Promise<MemorySample> {
  // two passes: the first may only make weak references collectable
  await page.send('HeapProfiler.collectGarbage');
  await page.send('HeapProfiler.collectGarbage');
  const heap = await page.send<{ usedSize: number; totalSize: number; embedderHeapUsedSize?: number; backingStorageSize?: number }>(
    'Runtime.getHeapUsage',
  );
  const dom = await page.send<{ documents: number; nodes: number; jsEventListeners: number }>('Memory.getDOMCounters');
  return {
    jsMB: heap.usedSize / 2 ** 20,
    embedderMB: (heap.embedderHeapUsedSize ?? NaN) / 2 ** 20,
    nodes: dom.nodes,
    documents: dom.documents,
    listeners: dom.jsEventListeners,
  };
}

/** Waits until `expression` evaluates truthy in the page. */
export async function waitFor(page: CdpSession, expression: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await page.evaluate<boolean>(`Boolean(${expression})`)) return;
    } catch {
      // the page may still be navigating
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The parts of a V8 heap snapshot these tools read (the rest is left untyped). */
export interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]]; location_fields?: string[] } };
  nodes: number[];
  edges: number[];
  strings: string[];
  /** where each closure is defined: location_fields per entry (object_index, script_id, line, column) */
  locations?: number[];
}

/** Two forced collections (the first may only make weak references collectable), then a heap snapshot. */
export async function takeHeapSnapshot(page: Pick<CdpSession, 'send' | 'on' | 'off'>): Promise<HeapSnapshot> {
  await page.send('HeapProfiler.collectGarbage');
  await page.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  page.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await page.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    page.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  return JSON.parse(chunks.join('')) as HeapSnapshot;
}

export interface HeapSplit {
  /** V8's machine code, bytecode and their metadata (heap snapshot nodes of type `code`) */
  codeMB: number;
  /** every other V8 object: what the page's JavaScript keeps */
  objectsMB: number;
}

/**
 * Splits V8's heap into compiled code and everything else, from a heap snapshot
 * (after a forced collection). `Runtime.getHeapUsage` counts both as "JS heap";
 * the split shows whether a change is the page's data or what V8 compiled for it.
 */
export async function heapSplit(page: Pick<CdpSession, 'send' | 'on' | 'off'>): Promise<HeapSplit> {
  const snap = await takeHeapSnapshot(page);
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [iType, iSize] = [fields.indexOf('type'), fields.indexOf('self_size')];
  let code = 0;
  let objects = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + iType]!];
    const size = snap.nodes[i + iSize]!;
    if (type === 'code') code += size;
    else if (type !== 'native') objects += size; // `native`: Blink's heap, counted apart
  }
  return { codeMB: code / 2 ** 20, objectsMB: objects / 2 ** 20 };
}
