/**
 * Which microphone a running capture should use after the devices changed (a headset
 * plugged in or pulled out, the system's default changed, the track ended). Pure: the
 * capture feeds it what the browser reports and does what it says.
 */

/** An audio input as enumerateDevices lists it (labels are known once permission is granted). */
export interface AudioInputInfo {
  deviceId: string;
  groupId: string;
  label: string;
}

/** The input the capture is using: its track's settings and whether it still delivers audio. */
export interface CurrentInput {
  deviceId: string;
  groupId: string;
  live: boolean;
}

export type InputDecision =
  | { action: 'keep' }
  /** deviceId null: the system's default input. */
  | { action: 'switch'; deviceId: string | null; label: string | null }
  | { action: 'lost' };

/** Chromium's entries that stand for another device (the system's default, Windows' communications device). */
const aliasIds = new Set(['default', 'communications']);
const aliasLabelPrefix = /^(Default|Communications) - /;

function displayLabel(label: string): string | null {
  const name = label.replace(aliasLabelPrefix, '').trim();
  return name === '' ? null : name;
}

/** The device the system uses as its default input: Chromium's 'default' entry points at it by group. */
function systemDefault(inputs: readonly AudioInputInfo[]): AudioInputInfo | null {
  const real = inputs.filter((input) => !aliasIds.has(input.deviceId));
  const alias = inputs.find((input) => input.deviceId === 'default');
  if (alias) {
    const named = real.find((input) => alias.groupId !== '' && input.groupId === alias.groupId);
    return named ?? alias;
  }
  return real[0] ?? null;
}

function isSameDevice(current: CurrentInput, target: AudioInputInfo, followsDefault: boolean): boolean {
  if (current.groupId !== '' && target.groupId !== '') return current.groupId === target.groupId;
  // Without groups a track opened on the default says only 'default': it follows the default already.
  if (followsDefault && current.deviceId === 'default') return true;
  return current.deviceId === target.deviceId;
}

export function decideInput(options: {
  /** The microphone chosen in Settings, or null to follow the system's default. */
  chosenDeviceId: string | null;
  current: CurrentInput;
  /** The audio inputs listed now. */
  available: readonly AudioInputInfo[];
}): InputDecision {
  const { chosenDeviceId, current } = options;
  const inputs = options.available.filter((input) => input.deviceId !== '');
  const chosen = chosenDeviceId === null ? null : inputs.find((input) => input.deviceId === chosenDeviceId);
  // The chosen microphone while it is there; the system's default otherwise.
  const target = chosen ?? systemDefault(inputs);
  if (target === null) return current.live ? { action: 'keep' } : { action: 'lost' };
  if (current.live && isSameDevice(current, target, !chosen)) return { action: 'keep' };
  // Opened by its own id even when following the default, so the new track names the device
  // it is on and the next change is judged against that device.
  const deviceId = aliasIds.has(target.deviceId) ? null : target.deviceId;
  return { action: 'switch', deviceId, label: displayLabel(target.label) };
}

export function inputSwitchedNotice(label: string | null): string {
  return label ? `Switched to the new microphone: ${label}.` : 'Switched to the new microphone.';
}
