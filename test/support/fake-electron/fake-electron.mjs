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
    BrowserWindow.all.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows() {
    return [...BrowserWindow.all];
  }
  loadURL(url) {
    record('loadURL', { url, webContentsId: this.webContents.id });
    return Promise.resolve();
  }
  show() {}
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}

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

export default { app, protocol, session, ipcMain, BrowserWindow, Menu, dialog, shell, powerMonitor };
