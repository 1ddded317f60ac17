/** Whether a write failed on a unique key (Prisma's P2002), e.g. a client key used twice at once. */
export const isUniqueClash = (err: unknown) => (err as { code?: string } | null)?.code === 'P2002';

/**
 * Runs `create` once per client key. `recorded(key)` answers with what the key already
 * made (having checked it is the caller's to see; it throws if not) or null. A key used
 * before gets its first result; a concurrent twin that loses the race on the unique key
 * gets the winner's. Without a key, `create` simply runs.
 */
export async function oncePerKey<T>(key: string | null, recorded: (key: string) => Promise<T | null>, create: () => Promise<T>): Promise<T> {
  if (key) {
    const existing = await recorded(key);
    if (existing) return existing;
  }
  try {
    return await create();
  } catch (err) {
    if (key && isUniqueClash(err)) {
      const existing = await recorded(key);
      if (existing) return existing;
    }
    throw err;
  }
}
