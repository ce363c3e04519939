/** Stop now: a flag, and every bounded wait of Stop's finishing ends the moment it is raised. */
import { waitFor } from './session-timers';
import type { SessionTimers } from './session-tuning';

export class StopSignal {
  private raised = false;
  private readonly wakeUps = new Set<() => void>();

  constructor(private readonly timers: SessionTimers) {}

  get isRaised(): boolean {
    return this.raised;
  }

  reset(): void {
    this.raised = false;
  }

  raise(): void {
    this.raised = true;
    for (const wake of [...this.wakeUps]) wake();
  }

  /** waitFor (until `register`'s callback or the timeout) that the signal also ends. */
  async wait(register: (resolve: () => void) => void, timeoutMs: number): Promise<void> {
    let wake: (() => void) | null = null;
    await waitFor(
      this.timers,
      (resolve) => {
        wake = resolve;
        this.wakeUps.add(resolve);
        if (this.raised) resolve();
        register(resolve);
      },
      timeoutMs,
    );
    if (wake) this.wakeUps.delete(wake);
  }
}
