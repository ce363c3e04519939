/**
 * Insertion on Windows: always a paste (Ctrl+V; Windows Terminal and the console accept it
 * too), the chord sent by PowerShell with SendKeys.SendWait, which .NET implements with
 * SendInput. Typing with SendKeys would need every +^%~(){}[] escaped and sends one event per
 * character. Windows refuses synthesized input to an app running as administrator when
 * Earshot is not (UIPI) without telling the sender: that case cannot be detected here, and the
 * dictation is still in History and "paste last dictation" can be used after switching apps.
 */
import type { TextInserter } from '../core/dictation/dictation-ports';
import { InsertionFailure } from './insertion-failure';
import { createPastingInserter, type PasteInserterDeps } from './paste-with-clipboard';
import type { ProcessRunner } from './process-runner';

export interface WindowsInserterDeps extends PasteInserterDeps {
  runner: ProcessRunner;
}

const pasteFailed = 'Windows did not let Earshot paste into the app you were using.';
const sendPasteScript =
  "Add-Type -AssemblyName System.Windows.Forms; [System.Windows.Forms.SendKeys]::SendWait('^v')";

export function createWindowsInserter(deps: WindowsInserterDeps): TextInserter {
  const sendPaste = async (): Promise<void> => {
    const result = await deps.runner.run('powershell.exe', [
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-Command',
      sendPasteScript,
    ]);
    if (result.exitCode !== 0) throw new InsertionFailure(pasteFailed);
  };
  return createPastingInserter(deps, sendPaste, pasteFailed);
}
