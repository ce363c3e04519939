/**
 * Things a compromised renderer would try, run inside a page (page.evaluate), each reporting
 * what actually happened, plus a recorder of the page's `securitypolicyviolation` events.
 * The same probes run in Earshot's window (served with the production policy) and in a page
 * without a policy, so a test can show the policy, not the network, is what stops them.
 *
 * The test process type-checks without the DOM library, so page globals are described by
 * the small interfaces below.
 */
import type { Page } from '@playwright/test';

export interface RecordedViolation {
  effectiveDirective: string;
  blockedURI: string;
  disposition: string;
  originalPolicy: string;
}

export interface ScriptProbeOutcome {
  inlineScriptRan: boolean;
  inlineHandlerRan: boolean;
  /** The result, or the name of the error thrown. */
  eval: string;
  newFunction: string;
  remoteScript: { event: string; ran: boolean };
}

export interface NetworkProbeOutcome {
  /** Per URL: `status <n>` when a response arrived, else the error's name. */
  fetch: Record<string, string>;
  /** Per URL: `open`, `error` (error event) or `threw <name>`. */
  webSocket: Record<string, string>;
  /** Per URL: `load` or `error`. */
  image: Record<string, string>;
}

interface PageElement {
  textContent: string | null;
  src: string;
  setAttribute(name: string, value: string): void;
  addEventListener(type: string, listener: () => void, options?: { once: boolean }): void;
  click(): void;
  remove(): void;
}
interface PageScope {
  document: {
    createElement(tag: string): PageElement;
    body: { append(element: PageElement): void };
    addEventListener(type: string, listener: (event: RecordedViolation) => void): void;
  };
  WebSocket: new (url: string) => {
    addEventListener(type: string, listener: () => void): void;
    close(): void;
  };
  fetch(url: string): Promise<{ status: number }>;
  setTimeout(callback: () => void, ms: number): void;
  eval(source: string): unknown;
  __cspViolations?: RecordedViolation[];
  __inlineScriptRan?: boolean;
  __inlineHandlerRan?: boolean;
  __remoteScriptRan?: boolean;
}

/** Init script: records every violation from the first moment the document exists. */
export function recordViolations(): void {
  const scope = globalThis as unknown as PageScope;
  const seen: RecordedViolation[] = [];
  scope.__cspViolations = seen;
  scope.document.addEventListener('securitypolicyviolation', (event) => {
    seen.push({
      effectiveDirective: event.effectiveDirective,
      blockedURI: event.blockedURI,
      disposition: event.disposition,
      originalPolicy: event.originalPolicy,
    });
  });
}

export async function violationsIn(page: Page): Promise<RecordedViolation[]> {
  return page.evaluate(() => (globalThis as unknown as PageScope).__cspViolations ?? []);
}

export async function probeScripts(page: Page, remoteScriptUrl: string): Promise<ScriptProbeOutcome> {
  return page.evaluate(async (remoteUrl) => {
    const scope = globalThis as unknown as PageScope;
    const { document } = scope;
    const errorName = (run: () => unknown): string => {
      try {
        return String(run());
      } catch (error) {
        return (error as { name: string }).name;
      }
    };

    const inline = document.createElement('script');
    inline.textContent = 'globalThis.__inlineScriptRan = true;';
    document.body.append(inline);

    const clickable = document.createElement('button');
    clickable.setAttribute('onclick', 'globalThis.__inlineHandlerRan = true;');
    document.body.append(clickable);
    clickable.click();
    clickable.remove();

    // DevTools lets code it evaluates use eval despite the policy (CDP's
    // allowUnsafeEvalBlockedByCSP), so the page's own code must do it: a timer callback runs
    // outside the evaluation, as an attacker's code would.
    const [evalResult, functionResult] = await new Promise<[string, string]>((settle) =>
      scope.setTimeout(
        () =>
          settle([
            errorName(() => scope.eval('6 * 7')),
            errorName(() => (new Function('return 6 * 7') as () => number)()),
          ]),
        0,
      ),
    );

    const remote = document.createElement('script');
    const remoteEvent = await new Promise<string>((settle) => {
      remote.addEventListener('load', () => settle('load'), { once: true });
      remote.addEventListener('error', () => settle('error'), { once: true });
      remote.src = remoteUrl;
      document.body.append(remote);
    });
    return {
      inlineScriptRan: scope.__inlineScriptRan === true,
      inlineHandlerRan: scope.__inlineHandlerRan === true,
      eval: evalResult,
      newFunction: functionResult,
      remoteScript: { event: remoteEvent, ran: scope.__remoteScriptRan === true },
    };
  }, remoteScriptUrl);
}

export async function probeNetwork(
  page: Page,
  targets: { fetch: string[]; webSocket: string[]; image: string[] },
): Promise<NetworkProbeOutcome> {
  return page.evaluate(async (urls) => {
    const scope = globalThis as unknown as PageScope;
    const outcome: NetworkProbeOutcome = { fetch: {}, webSocket: {}, image: {} };
    for (const url of urls.fetch) {
      outcome.fetch[url] = await scope.fetch(url).then(
        (response) => `status ${response.status}`,
        (error: { name: string }) => error.name,
      );
    }
    for (const url of urls.webSocket) {
      outcome.webSocket[url] = await new Promise<string>((settle) => {
        try {
          const socket = new scope.WebSocket(url);
          socket.addEventListener('open', () => {
            socket.close();
            settle('open');
          });
          socket.addEventListener('error', () => settle('error'));
          scope.setTimeout(() => settle('no answer'), 5_000);
        } catch (error) {
          settle(`threw ${(error as { name: string }).name}`);
        }
      });
    }
    for (const url of urls.image) {
      outcome.image[url] = await new Promise<string>((settle) => {
        const image = scope.document.createElement('img');
        image.addEventListener('load', () => settle('load'), { once: true });
        image.addEventListener('error', () => settle('error'), { once: true });
        image.src = url;
        scope.document.body.append(image);
      });
    }
    return outcome;
  }, targets);
}
