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

/** The WebRTC interfaces a page would use to open a peer connection and a data channel. */
export const peerConnectionInterfaces = [
  'RTCPeerConnection',
  'webkitRTCPeerConnection',
  'RTCDataChannel',
  'RTCSessionDescription',
  'RTCIceCandidate',
] as const;

export interface FrameRealmOutcome {
  /** window.length right after the frame was inserted. */
  framesAfterInsert: number;
  /** typeof RTCPeerConnection in window[0], or `no frame`. */
  viaIndex: string;
  /** typeof RTCPeerConnection in the element's contentWindow, or `no window`. */
  viaContentWindow: string;
}

export interface WebRtcProbeOutcome {
  /** typeof each of peerConnectionInterfaces, read in a task of the page's own. */
  interfaces: Record<string, string>;
  /** Every `RTC*` / `webkitRTC*` global the page still has. */
  remaining: string[];
  /** A fresh about:blank iframe appended, the same from markup (srcdoc) and in a closed shadow root. */
  blankFrame: FrameRealmOutcome;
  markupFrame: FrameRealmOutcome;
  shadowFrame: FrameRealmOutcome;
  /**
   * A fresh iframe appended after page code replaced the built-ins a guard would call
   * (window.length, querySelectorAll, remove, getRootNode, getOwnPropertyNames, startsWith,
   * Reflect.apply); the originals are put back afterwards.
   */
  tamperedFrame: FrameRealmOutcome;
  /** A peer connection with a data channel through a TURN server over TCP: `created` or the error's name. */
  dataChannel: string;
}

const noFrame: FrameRealmOutcome = {
  framesAfterInsert: 0,
  viaIndex: 'no frame',
  viaContentWindow: 'no window',
};

/** What probeWebRtc finds in a locked-down page: no interface, not from a fresh frame either, no data channel. */
export const webRtcGone: WebRtcProbeOutcome = {
  interfaces: Object.fromEntries(peerConnectionInterfaces.map((name) => [name, 'undefined'])),
  remaining: [],
  blankFrame: noFrame,
  markupFrame: noFrame,
  shadowFrame: noFrame,
  tamperedFrame: noFrame,
  dataChannel: 'TypeError',
};

/** The TURN-over-TCP URL probeWebRtc takes, for a (bait) server at origin. */
export const turnOverTcp = (origin: string) => `turn:${new URL(origin).host}?transport=tcp`;

/** The content of the live document's x-dns-prefetch-control meta, or null without one. */
export async function dnsPrefetchControl(page: Page): Promise<string | null> {
  return page.evaluate(
    () =>
      (
        globalThis as unknown as {
          document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null };
        }
      ).document
        .querySelector('meta[http-equiv="x-dns-prefetch-control"]')
        ?.getAttribute('content') ?? null,
  );
}

interface FrameElement {
  tagName: string;
  contentWindow: Record<string, unknown> | null;
  remove(): void;
}
declare const Document: { prototype: object };
declare const DocumentFragment: { prototype: object };
declare const Element: { prototype: object };
declare const Node: { prototype: object };

interface WebRtcScope {
  length: number;
  [index: number]: Record<string, unknown> | undefined;
  setTimeout(callback: () => void, ms: number): void;
  document: {
    createElement(tag: 'iframe'): FrameElement;
    createElement(tag: 'div'): { attachShadow(init: { mode: string }): { append(node: FrameElement): void } };
    querySelectorAll(selector: string): Iterable<{ remove(): void }>;
    body: {
      append(node: unknown): void;
      insertAdjacentHTML(position: string, markup: string): void;
      lastElementChild: FrameElement | null;
    };
  };
}
interface PeerConnection {
  iceGatheringState: string;
  createDataChannel(label: string): { readyState: string };
  createOffer(): Promise<unknown>;
  setLocalDescription(description: unknown): Promise<void>;
  addEventListener(type: string, listener: () => void): void;
  close(): void;
}
type PeerConnectionClass = new (configuration: {
  iceServers: { urls: string; username: string; credential: string }[];
  iceTransportPolicy: string;
}) => PeerConnection;

/**
 * What code in the page can do with WebRTC: whether the interfaces exist (in the page, in a
 * fresh frame realm reached three ways), and whether a data channel can be set up through
 * the TURN server at turnUrl (`turn:host:port?transport=tcp`).
 */
export async function probeWebRtc(page: Page, turnUrl: string): Promise<WebRtcProbeOutcome> {
  return page.evaluate(
    async ({ names, turn }) => {
      const scope = globalThis as unknown as WebRtcScope;
      const { document } = scope;
      const inLaterTask = <T>(read: () => T) =>
        new Promise<T>((settle) => scope.setTimeout(() => settle(read()), 0));

      const frameRealm = (insert: () => FrameElement | null): FrameRealmOutcome => {
        const frame = insert();
        const framesAfterInsert = scope.length;
        const fromIndex = scope[0];
        const fromElement = frame?.contentWindow ?? null;
        const outcome = {
          framesAfterInsert,
          viaIndex: fromIndex ? typeof fromIndex['RTCPeerConnection'] : 'no frame',
          viaContentWindow: fromElement ? typeof fromElement['RTCPeerConnection'] : 'no window',
        };
        for (const element of document.querySelectorAll('iframe, div[data-probe-host]')) element.remove();
        frame?.remove();
        return outcome;
      };

      const interfaces = await inLaterTask(() =>
        Object.fromEntries(
          names.map((name) => [name, typeof (scope as unknown as Record<string, unknown>)[name]]),
        ),
      );
      const remaining = Object.getOwnPropertyNames(scope).filter((name) => /^(webkit)?RTC/.test(name));
      const blankFrame = frameRealm(() => {
        const frame = document.createElement('iframe');
        document.body.append(frame);
        return frame;
      });
      const markupFrame = frameRealm(() => {
        document.body.insertAdjacentHTML('beforeend', '<iframe srcdoc="<p>a fresh realm"></iframe>');
        // Earshot's page has already removed it; anything else last in <body> is not ours.
        const last = document.body.lastElementChild;
        return last?.tagName === 'IFRAME' ? last : null;
      });
      const shadowFrame = frameRealm(() => {
        const host = document.createElement('div');
        (host as unknown as { dataset: Record<string, string> }).dataset['probeHost'] = '';
        const frame = document.createElement('iframe');
        document.body.append(host);
        host.attachShadow({ mode: 'closed' }).append(frame);
        return frame;
      });

      const tamperedFrame = (() => {
        const targets: [object, string][] = [
          [globalThis, 'length'],
          [Document.prototype, 'querySelectorAll'],
          [DocumentFragment.prototype, 'querySelectorAll'],
          [Element.prototype, 'remove'],
          [Node.prototype, 'getRootNode'],
          [Object, 'getOwnPropertyNames'],
          [String.prototype, 'startsWith'],
          [Reflect, 'apply'],
        ];
        const saved = targets.map(([owner, name]) => Object.getOwnPropertyDescriptor(owner, name));
        const lies: Record<string, unknown> = {
          length: 0,
          querySelectorAll: () => [],
          remove: () => undefined,
          getRootNode: () => document,
          getOwnPropertyNames: () => [],
          startsWith: () => false,
          apply: () => undefined,
        };
        const frameCount = Object.getOwnPropertyDescriptor(globalThis, 'length')?.get;
        for (const [owner, name] of targets) {
          Object.defineProperty(owner, name, { value: lies[name], configurable: true, writable: true });
        }
        const frame = document.createElement('iframe');
        document.body.append(frame);
        const fromIndex = scope[0];
        const outcome = {
          framesAfterInsert: frameCount ? (frameCount.call(globalThis) as number) : -1,
          viaIndex: fromIndex ? typeof fromIndex['RTCPeerConnection'] : 'no frame',
          viaContentWindow: frame.contentWindow
            ? typeof frame.contentWindow['RTCPeerConnection']
            : 'no window',
        };
        targets.forEach(([owner, name], index) => {
          const descriptor = saved[index];
          if (descriptor) Object.defineProperty(owner, name, descriptor);
          else Reflect.deleteProperty(owner, name);
        });
        frame.remove();
        return outcome;
      })();

      const dataChannel = await (async () => {
        try {
          const Peer = (scope as unknown as Record<string, unknown>)[
            'RTCPeerConnection'
          ] as PeerConnectionClass;
          const peer = new Peer({
            iceServers: [{ urls: turn, username: 'earshot', credential: 'probe' }],
            iceTransportPolicy: 'relay',
          });
          peer.createDataChannel('words');
          await peer.setLocalDescription(await peer.createOffer());
          await new Promise<void>((settle) => {
            peer.addEventListener('icegatheringstatechange', () => {
              if (peer.iceGatheringState === 'complete') settle();
            });
            scope.setTimeout(settle, 3_000);
          });
          peer.close();
          return 'created';
        } catch (error) {
          return (error as { name: string }).name;
        }
      })();

      return { interfaces, remaining, blankFrame, markupFrame, shadowFrame, tamperedFrame, dataChannel };
    },
    { names: [...peerConnectionInterfaces], turn: turnUrl },
  );
}
