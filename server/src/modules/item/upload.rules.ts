import { EXTENSION } from './image.rules.js';

// What the upload sweep (upload-sweep.ts) may remove, as pure rules.

const HOUR_MS = 3_600_000;
/** An upload no item has taken after this long is abandoned (a form left open overnight still submits). */
export const ABANDONED_AFTER_MS = 24 * HOUR_MS;
/** How far back past that point the sweep looks; an older abandoned upload (a server off for a week) stays. */
export const LOOKBACK_MS = 7 * 24 * HOUR_MS;
/** A file in the upload folder without a record, or a temporary file, may still be being written for this long. */
export const STRAY_AFTER_MS = HOUR_MS;

const STORED_NAME = new RegExp(`^[0-9a-f]{32}(${Object.values(EXTENSION).map((e) => e.replace('.', '\\.')).join('|')})$`);
/** temporary files of uploads being received (upload.route.ts) */
export const TEMP_PREFIX = '.upload-';

export interface FolderEntry {
  name: string;
  mtimeMs: number;
}

/**
 * Which files of the upload folder nothing will read: temporary files and stored
 * photos that have no record (`recorded` holds the stored names that do), once
 * they are older than `graceMs`. Anything else in the folder is left alone.
 */
export function strayFiles(entries: readonly FolderEntry[], recorded: ReadonlySet<string>, now: number, graceMs = STRAY_AFTER_MS): string[] {
  return entries
    .filter((e) => now - e.mtimeMs >= graceMs)
    .filter((e) => e.name.startsWith(TEMP_PREFIX) || (STORED_NAME.test(e.name) && !recorded.has(e.name)))
    .map((e) => e.name);
}

/** Names that look like stored photos, for asking which of them have a record. */
export const looksStored = (name: string) => STORED_NAME.test(name);
