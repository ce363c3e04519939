/**
 * Tells the core when the machine goes to sleep and wakes up, from Electron's powerMonitor.
 * What to do about it (finish what Deepgram heard, replace a socket that may have died in
 * its sleep) is decided in the core; this only forwards the news.
 */
import { errorName, type Logger } from './core/logger';

/** The part of Electron's powerMonitor used here (usable only once the app is ready). */
export interface PowerEventSource {
  on(event: 'suspend', listener: () => void): unknown;
  on(event: 'resume', listener: () => void): unknown;
}

export interface PowerEventTarget {
  systemSuspending(): void;
  systemResumed(): void;
}

export function forwardPowerEvents(source: PowerEventSource, target: PowerEventTarget, log: Logger): void {
  // A listener that throws would surface in Electron as an uncaught exception dialog.
  const forward = (what: string, call: () => void) => () => {
    log.info(what);
    try {
      call();
    } catch (error) {
      log.error('handling a power event failed', { event: what, errorName: errorName(error) });
    }
  };
  source.on(
    'suspend',
    forward('system suspending', () => target.systemSuspending()),
  );
  source.on(
    'resume',
    forward('system resumed', () => target.systemResumed()),
  );
}
