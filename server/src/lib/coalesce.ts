/**
 * Runs an async task one at a time. A call made while it runs does not start a
 * second copy: it asks for one more pass after the current one and shares its
 * promise. Used where a burst of wake-ups must cost one read, not one per call.
 */
export class Coalesced {
  #running: Promise<void> | undefined;
  #again = false;

  constructor(
    private readonly task: () => Promise<void>,
    /** Checked before each extra pass (false once the owner is stopping). */
    private readonly keepGoing: () => boolean = () => true,
  ) {}

  /** The pass in progress, if any (to wait for it when stopping). */
  get running(): Promise<void> | undefined {
    return this.#running;
  }

  run(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        for (;;) {
          this.#again = false;
          try {
            await this.task();
          } catch (err) {
            // a call made during a failed pass still gets its pass (a wake-up that
            // arrived while the database was unreachable must not wait for the next poll)
            if (!(this.#again && this.keepGoing())) throw err;
            continue;
          }
          if (!(this.#again && this.keepGoing())) return;
        }
      } finally {
        this.#running = undefined;
      }
    })();
    return this.#running;
  }
}
