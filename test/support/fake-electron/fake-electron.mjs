/**
 * A recording stand-in for the parts of Electron's main-process API that src/main uses, so
 * the built entry point can run under plain Node where no Electron binary exists. Every call
 * is recorded with whether it happened before or after `ready`; handlers the app installs
 * are kept so the test can call them as Electron would. Shapes follow electron.d.ts.
 */
class Emitter {
  listeners = new Map();
  on(name, listener) {
    const list = this.listeners.get(name) ?? [];
    list.push(listener);
    this.listeners.set(name, list);
    return this;
  }
  once(name, listener) {
    const wrapped = (...args) => {
      this.removeListener(name, wrapped);
      listener(...args);
    };
    return this.on(name, wrapped);
  }
  removeListener(name, listener) {
    this.listeners.set(
      name,
      (this.listeners.get(name) ?? []).filter((entry) => entry !== listener),
    );
    return this;
  }
  removeAllListeners(name) {
    this.listeners.delete(name);
    return this;
  }
  eventNames() {
    return [...this.listeners.keys()].filter((name) => (this.listeners.get(name) ?? []).length > 0);
  }
  emit(name, ...args) {
    for (const listener of [...(this.listeners.get(name) ?? [])]) listener(...args);
    return true;
  }
}

let isReady = false;
let markReadyNow;
const readyPromise = new Promise((resolve) => {
  markReadyNow = resolve;
});

export const calls = [];
export const installed = { protocolHandlers: new Map(), invokeHandlers: new Map() };

function record(what, details = {}) {
  calls.push({ what, phase: isReady ? 'after-ready' : 'before-ready', ...details });
}

const paths = new Map([
  ['userData', process.env.FAKE_ELECTRON_USER_DATA ?? '/nonexistent/default-user-data'],
]);

export const app = Object.assign(new Emitter(), {
  isPackaged: process.env.FAKE_ELECTRON_PACKAGED === '1',
  commandLine: {
    appendSwitch(name, value) {
      record('appendSwitch', { name, value: value ?? null });
    },
  },
  enableSandbox() {
    record('enableSandbox');
  },
  requestSingleInstanceLock() {
    return true;
  },
  whenReady() {
    return readyPromise;
  },
  getPath(name) {
    return paths.get(name);
  },
  setPath(name, value) {
    record('setPath', { name, value });
    paths.set(name, value);
  },
  getVersion() {
    return '0.0.0-test';
  },
  quit() {
    record('quit');
  },
  exit(code) {
    record('exit', { code });
  },
});

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record('registerSchemesAsPrivileged', { schemes });
  },
  handle(scheme, handler) {
    record('protocol.handle', { scheme });
    installed.protocolHandlers.set(scheme, handler);
  },
};

const webRequest = {
  onHeadersReceived(filter) {
    record('onHeadersReceived', { urls: filter.urls });
  },
};

export const session = {
  defaultSession: {
    webRequest,
    setPermissionRequestHandler(handler) {
      record('setPermissionRequestHandler');
      installed.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      record('setPermissionCheckHandler');
      installed.permissionCheckHandler = handler;
    },
    setDisplayMediaRequestHandler(handler) {
      record('setDisplayMediaRequestHandler');
      installed.displayMediaRequestHandler = handler;
    },
  },
};

export const ipcMain = Object.assign(new Emitter(), {
  handle(channel, handler) {
    installed.invokeHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    installed.invokeHandlers.delete(channel);
  },
});

let nextWebContentsId = 41;

class WebContents extends Emitter {
  constructor() {
    super();
    this.id = nextWebContentsId++;
    this.mainFrame = { url: 'app://earshot/index.html' };
    this.sent = [];
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  setWebRTCIPHandlingPolicy(policy) {
    record('setWebRTCIPHandlingPolicy', { webContentsId: this.id, policy });
  }
  send(channel, payload) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return false;
  }
}

export class BrowserWindow extends Emitter {
  static all = [];
  constructor(options) {
    super();
    record('new BrowserWindow', { options });
    this.webContents = new WebContents();
    // As in Electron: { show: false } stays hidden until show() or showInactive().
    this.hidden = options?.show === false;
    this.bounds = {
      x: options?.x ?? 0,
      y: options?.y ?? 0,
      width: options?.width ?? 800,
      height: options?.height ?? 600,
    };
    this.destroyed = false;
    BrowserWindow.all.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows() {
    return [...BrowserWindow.all];
  }
  loadURL(url) {
    record('loadURL', { url, webContentsId: this.webContents.id });
    // Electron emits ready-to-show once the page has painted (the main window then shows).
    queueMicrotask(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show() {
    this.hidden = false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  isVisible() {
    return !this.hidden;
  }
  hide() {
    this.hidden = true;
    record('window.hide', { webContentsId: this.webContents.id });
  }
  showInactive() {
    this.hidden = false;
    record('window.showInactive', { webContentsId: this.webContents.id });
  }
  setAlwaysOnTop(flag, level) {
    record('window.setAlwaysOnTop', { webContentsId: this.webContents.id, flag, level: level ?? null });
  }
  setVisibleOnAllWorkspaces(visible, options) {
    record('window.setVisibleOnAllWorkspaces', { webContentsId: this.webContents.id, visible, options });
  }
  setIgnoreMouseEvents(ignore, options) {
    record('window.setIgnoreMouseEvents', {
      webContentsId: this.webContents.id,
      ignore,
      options: options ?? null,
    });
  }
  setBounds(bounds) {
    this.bounds = { ...bounds };
    record('window.setBounds', { webContentsId: this.webContents.id, bounds });
  }
  getBounds() {
    return { ...this.bounds };
  }
  /** Closing destroys the window: 'closed' is emitted and it is gone. */
  close() {
    if (this.destroyed) return;
    record('window.close', { webContentsId: this.webContents.id });
    this.destroyed = true;
    this.emit('closed');
  }
  isDestroyed() {
    return this.destroyed;
  }
}

/** The tray: what it shows and its menu are kept for the test to read and click. */
export class Tray extends Emitter {
  static all = [];
  constructor(image) {
    super();
    this.image = image;
    this.tooltip = '';
    this.menu = null;
    record('new Tray');
    Tray.all.push(this);
  }
  setImage(image) {
    this.image = image;
  }
  setToolTip(tooltip) {
    this.tooltip = tooltip;
  }
  setContextMenu(menu) {
    this.menu = menu;
  }
  destroy() {
    record('tray.destroy');
  }
}

export const nativeImage = {
  createFromBuffer(buffer, options) {
    return { png: buffer, scaleFactor: options?.scaleFactor ?? 1 };
  },
};

export const Menu = {
  buildFromTemplate(template) {
    return { template };
  },
  setApplicationMenu(menu) {
    const labels = (items) =>
      items.flatMap((item) => [
        item.role ?? item.label,
        ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
      ]);
    record('setApplicationMenu', { items: menu ? labels(menu.template) : null });
  },
};

export const dialog = {
  showErrorBox(title, content) {
    record('showErrorBox', { title, content });
  },
  /** Answers as the person would with FAKE_ELECTRON_MESSAGE_BOX_RESPONSE (default 0, the first button). */
  async showMessageBox(...args) {
    const [parent, options] = args.length >= 2 ? args : [null, args[0]];
    record('showMessageBox', { parentWebContentsId: parent?.webContents?.id ?? null, options });
    return { response: Number(process.env.FAKE_ELECTRON_MESSAGE_BOX_RESPONSE ?? 0), checkboxChecked: false };
  },
};

export const shell = {
  async openExternal(url) {
    record('openExternal', { url });
  },
};

/** Electron's powerMonitor is an EventEmitter; the driver emits 'suspend' and 'resume' as the OS would. */
export const powerMonitor = new Emitter();

export function markReady() {
  isReady = true;
  markReadyNow();
}

/** One screen, as desktopCapturer lists it; tests read the options asked for. */
export const desktopCapturer = {
  async getSources(options) {
    record('desktopCapturer.getSources', { options });
    return [{ id: 'screen:0:0', name: 'Entire screen', display_id: '0' }];
  },
};

/** webContents.fromFrame: a frame object a test passes carries the webContents it belongs to. */
export const webContents = {
  fromFrame(frame) {
    return frame?.webContents;
  },
};

/**
 * The dictation glue's parts. globalShortcut grants every accelerator except those named in
 * FAKE_ELECTRON_TAKEN_SHORTCUTS (comma-separated), as when another app holds them; the test
 * presses a registered one by calling its kept callback.
 */
const takenShortcuts = new Set((process.env.FAKE_ELECTRON_TAKEN_SHORTCUTS ?? '').split(',').filter(Boolean));
installed.shortcuts = new Map();
export const globalShortcut = {
  register(accelerator, callback) {
    record('globalShortcut.register', { accelerator });
    if (takenShortcuts.has(accelerator)) return false;
    installed.shortcuts.set(accelerator, callback);
    return true;
  },
  unregister(accelerator) {
    record('globalShortcut.unregister', { accelerator });
    installed.shortcuts.delete(accelerator);
  },
};

export class ClipboardItem {
  constructor(items) {
    this.items = items;
    this.types = Object.keys(items);
  }
  async getType(type) {
    return this.items[type];
  }
}

let clipboardText = '';
export const clipboard = {
  async writeText(text) {
    record('clipboard.writeText', { length: text.length });
    clipboardText = text;
  },
  async readText() {
    return clipboardText;
  },
  async read() {
    return clipboardText === '' ? [] : [new ClipboardItem({ 'text/plain': new Blob([clipboardText]) })];
  },
  async write(items) {
    record('clipboard.write', { types: items.flatMap((item) => item.types) });
  },
};

export class Notification {
  static isSupported() {
    return true;
  }
  constructor(options) {
    this.options = options;
  }
  show() {
    record('notification.show', { title: this.options.title, body: this.options.body });
  }
}

export const systemPreferences = {
  isTrustedAccessibilityClient(prompt) {
    record('systemPreferences.isTrustedAccessibilityClient', { prompt });
    return false;
  },
};

/** One 1920×1080 display (a 40 px taskbar), the cursor in its middle. */
const display = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  scaleFactor: 1,
};
export const screen = Object.assign(new Emitter(), {
  getCursorScreenPoint() {
    return { x: 960, y: 540 };
  },
  getDisplayNearestPoint() {
    return display;
  },
  getPrimaryDisplay() {
    return display;
  },
  getAllDisplays() {
    return [display];
  },
  getDisplayMatching() {
    return display;
  },
});

export default {
  app,
  screen,
  protocol,
  session,
  ipcMain,
  BrowserWindow,
  Menu,
  dialog,
  shell,
  powerMonitor,
  desktopCapturer,
  webContents,
  Tray,
  nativeImage,
  globalShortcut,
  ClipboardItem,
  clipboard,
  Notification,
  systemPreferences,
};
