/**
 * Earshot's window takes no part in WebRTC. The Content-Security-Policy does not govern
 * peer connections (a data channel through a TURN server over TCP reaches any host despite
 * `connect-src 'none'`), so code that took over the window could stream audio or text out
 * through one. This script runs first in <head>, as a classic script, before any other
 * script of the page, and:
 *
 * - deletes every WebRTC interface (`RTCPeerConnection`, `webkitRTCPeerConnection`,
 *   `RTCDataChannel`, `RTCSessionDescription`, `RTCIceCandidate`, … every `RTC*` global);
 * - keeps the page from getting a fresh copy: a same-origin frame (an about:blank or srcdoc
 *   iframe, which `frame-src 'none'` does not stop) brings a new realm with its own
 *   `RTCPeerConnection`, so every DOM call that can insert a node or parse markup removes
 *   frames from the document (and from shadow roots) before it returns, a frame's window or
 *   document read through its element is scrubbed first, and `window.open` (which main
 *   refuses anyway) returns null.
 *
 * Later page code shares this realm and may replace any built-in, so everything the guards
 * call after start-up is captured here first and called through Reflect.apply (no
 * iterators, regular expressions or instanceof, which consult replaceable properties).
 *
 * It has no imports and declares nothing at top level: it is built as a file of its own
 * (src/renderer/vite-page-lockdown.ts) and must stay a plain script.
 * Proven by test/browser/csp.spec.ts ("WebRTC is gone …").
 */
(() => {
  type Method = (...args: never[]) => unknown;
  const { apply, defineProperty, deleteProperty, getOwnPropertyDescriptor } = Reflect;
  const { getOwnPropertyNames } = Object;
  const startsWith = String.prototype.startsWith;
  const getter = (prototype: object, name: string): Method | undefined =>
    getOwnPropertyDescriptor(prototype, name)?.get;

  const frameCount = getter(window, 'length');
  const rootOf = Node.prototype.getRootNode;
  const removeElement = Element.prototype.remove;
  const findInDocument = Document.prototype.querySelectorAll;
  const findInFragment = DocumentFragment.prototype.querySelectorAll;
  const shadowHost = getter(ShadowRoot.prototype, 'host');
  const nodeListLength = getter(NodeList.prototype, 'length');
  const observe = MutationObserver.prototype.observe;
  const frameSelector = 'iframe, frame, object, embed';

  function removeWebRtc(realm: object): void {
    const names = getOwnPropertyNames(realm);
    for (let index = 0; index < names.length; index += 1) {
      const name = names[index]!;
      if (apply(startsWith, name, ['RTC']) || apply(startsWith, name, ['webkitRTC']))
        deleteProperty(realm, name);
    }
  }

  function scrubRealm(realm: Window | null | undefined): void {
    if (!realm) return;
    try {
      removeWebRtc(realm);
    } catch {
      // A cross-origin realm cannot be touched, and cannot be reached by this page either.
    }
  }

  function isShadowRoot(node: unknown): node is ShadowRoot {
    if (!shadowHost) return false;
    try {
      apply(shadowHost, node, []);
      return true;
    } catch {
      return false;
    }
  }

  /** Shadow roots are separate trees: a frame in one is found (and counted) only through its root. */
  const shadowRoots: ShadowRoot[] = [];
  function track(root: ShadowRoot): void {
    for (let index = 0; index < shadowRoots.length; index += 1) if (shadowRoots[index] === root) return;
    defineProperty(shadowRoots, shadowRoots.length, {
      value: root,
      writable: true,
      enumerable: true,
      configurable: true,
    });
    try {
      apply(observe, backstop, [root, { __proto__: null, childList: true, subtree: true }]);
    } catch {
      // The guarded calls still find frames in it.
    }
  }

  function removeFrames(frames: NodeListOf<Element>): void {
    const count = nodeListLength ? (apply(nodeListLength, frames, []) as number) : 0;
    for (let index = count - 1; index >= 0; index -= 1) apply(removeElement, frames[index], []);
  }

  function refuseFrames(): void {
    const windowFrames = () => (frameCount ? (apply(frameCount, window, []) as number) : 0);
    if (windowFrames() > 0)
      removeFrames(apply(findInDocument, document, [frameSelector]) as NodeListOf<Element>);
    for (let index = 0; index < shadowRoots.length; index += 1) {
      removeFrames(apply(findInFragment, shadowRoots[index], [frameSelector]) as NodeListOf<Element>);
    }
    // Whatever is still attached is at least emptied of WebRTC.
    for (let index = 0; index < windowFrames(); index += 1) scrubRealm(window[index]);
  }

  /** After the call: the tree it touched is tracked if it is a shadow root, and frames are refused. */
  function afterInsertion(target: unknown): void {
    try {
      const root = apply(rootOf, target, []);
      if (isShadowRoot(root)) track(root);
    } catch {
      // Not a node (a Range): the document and the known shadow roots are checked below.
    }
    refuseFrames();
  }

  /** Wraps prototype[name] (a method or a setter) so that afterInsertion runs after every call. */
  function guard(prototype: object, name: string): void {
    const descriptor = getOwnPropertyDescriptor(prototype, name);
    if (!descriptor) return;
    if (typeof descriptor.value === 'function') {
      const original: Method = descriptor.value;
      descriptor.value = {
        [name](this: unknown, ...args: unknown[]): unknown {
          try {
            return apply(original, this, args);
          } finally {
            afterInsertion(this);
          }
        },
      }[name];
    } else if (descriptor.set) {
      const originalSet = descriptor.set;
      descriptor.set = function (this: unknown, value: unknown) {
        try {
          apply(originalSet, this, [value]);
        } finally {
          afterInsertion(this);
        }
      };
    } else {
      return;
    }
    defineProperty(prototype, name, descriptor);
  }

  // A backstop for insertions no guarded call made (the user pasting or dropping markup).
  const backstop = new MutationObserver(refuseFrames);
  apply(observe, backstop, [document, { __proto__: null, childList: true, subtree: true }]);

  /** Every DOM call that can connect a node, or parse markup into a tree. */
  const insertions: [object, string[]][] = [
    [Node.prototype, ['appendChild', 'insertBefore', 'replaceChild']],
    [
      Element.prototype,
      [
        'append',
        'prepend',
        'replaceChildren',
        'before',
        'after',
        'replaceWith',
        'moveBefore',
        'insertAdjacentElement',
        'insertAdjacentHTML',
        'innerHTML',
        'outerHTML',
        'setHTMLUnsafe',
        'setHTML',
      ],
    ],
    [CharacterData.prototype, ['before', 'after', 'replaceWith']],
    [DocumentType.prototype, ['before', 'after', 'replaceWith']],
    [DocumentFragment.prototype, ['append', 'prepend', 'replaceChildren', 'moveBefore']],
    [ShadowRoot.prototype, ['innerHTML', 'setHTMLUnsafe', 'setHTML']],
    [
      Document.prototype,
      ['append', 'prepend', 'replaceChildren', 'moveBefore', 'write', 'writeln', 'execCommand'],
    ],
    [Range.prototype, ['insertNode', 'surroundContents']],
  ];
  for (const [prototype, names] of insertions) for (const name of names) guard(prototype, name);

  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit): ShadowRoot {
    const root = apply(attachShadow, this, [init]) as ShadowRoot;
    track(root);
    return root;
  };

  // Reading a frame's window or document through its element scrubs that realm first.
  const viewOf = getter(Document.prototype, 'defaultView');
  const realmOfWindow = (value: unknown): Window | null => value as Window | null;
  const realmOfDocument = (value: unknown): Window | null =>
    value && viewOf ? (apply(viewOf, value, []) as Window | null) : null;
  function scrubOnRead(prototype: object, name: string, realmOf: (value: unknown) => Window | null): void {
    const read = getter(prototype, name);
    if (!read) return;
    defineProperty(prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: Element) {
        const value: unknown = apply(read, this, []);
        scrubRealm(realmOf(value));
        return value;
      },
    });
  }
  for (const owner of [HTMLIFrameElement, HTMLFrameElement, HTMLObjectElement]) {
    scrubOnRead(owner.prototype, 'contentWindow', realmOfWindow);
    scrubOnRead(owner.prototype, 'contentDocument', realmOfDocument);
  }

  window.open = () => null;
  removeWebRtc(window);
})();
