import { describe, expect, it } from 'vitest';
import {
  decideInput,
  inputSwitchedNotice,
  type AudioInputInfo,
  type CurrentInput,
} from '../../../src/renderer/audio/input-switch';

const builtIn: AudioInputInfo = { deviceId: 'built-in', groupId: 'g-built-in', label: 'Built-in Microphone' };
const headset: AudioInputInfo = { deviceId: 'headset', groupId: 'g-headset', label: 'USB Headset' };
const defaultIs = (device: AudioInputInfo): AudioInputInfo => ({
  deviceId: 'default',
  groupId: device.groupId,
  label: `Default - ${device.label}`,
});
const on = (device: AudioInputInfo, live = true): CurrentInput => ({
  deviceId: device.deviceId,
  groupId: device.groupId,
  live,
});
/** A track opened without a device id reports 'default' and the group of the device behind it. */
const onDefault = (device: AudioInputInfo, live = true): CurrentInput => ({
  deviceId: 'default',
  groupId: device.groupId,
  live,
});

describe('decideInput: following the system default', () => {
  it('keeps the input when nothing that matters changed', () => {
    const available = [defaultIs(builtIn), builtIn, headset];
    expect(decideInput({ chosenDeviceId: null, current: onDefault(builtIn), available })).toEqual({
      action: 'keep',
    });
    expect(decideInput({ chosenDeviceId: null, current: on(builtIn), available })).toEqual({
      action: 'keep',
    });
  });

  it('switches to a headset that became the default, by its own id, named without "Default - "', () => {
    const available = [defaultIs(headset), builtIn, headset];
    expect(decideInput({ chosenDeviceId: null, current: onDefault(builtIn), available })).toEqual({
      action: 'switch',
      deviceId: 'headset',
      label: 'USB Headset',
    });
  });

  it('switches back to the built-in microphone when the headset is pulled out', () => {
    const available = [defaultIs(builtIn), builtIn];
    expect(decideInput({ chosenDeviceId: null, current: on(headset, false), available })).toEqual({
      action: 'switch',
      deviceId: 'built-in',
      label: 'Built-in Microphone',
    });
    // Even before its track ended, an input that left the list is replaced.
    expect(decideInput({ chosenDeviceId: null, current: on(headset), available })).toMatchObject({
      action: 'switch',
      deviceId: 'built-in',
    });
  });

  it('reopens the default when the track ended and the default has no device entry of its own', () => {
    const fakeDefault = { deviceId: 'default', groupId: 'g-fake', label: 'Fake Default Audio Input' };
    const available = [fakeDefault, builtIn];
    expect(decideInput({ chosenDeviceId: null, current: onDefault(fakeDefault), available })).toEqual({
      action: 'keep',
    });
    expect(decideInput({ chosenDeviceId: null, current: onDefault(fakeDefault, false), available })).toEqual({
      action: 'switch',
      deviceId: null,
      label: 'Fake Default Audio Input',
    });
  });

  it('takes the first input as the default where the browser lists no default entry', () => {
    expect(decideInput({ chosenDeviceId: null, current: on(headset, false), available: [builtIn] })).toEqual({
      action: 'switch',
      deviceId: 'built-in',
      label: 'Built-in Microphone',
    });
  });

  it('without group ids, a track on the default keeps following it', () => {
    const noGroups = [
      { ...defaultIs(builtIn), groupId: '' },
      { ...builtIn, groupId: '' },
    ];
    expect(
      decideInput({
        chosenDeviceId: null,
        current: { deviceId: 'default', groupId: '', live: true },
        available: noGroups,
      }),
    ).toEqual({ action: 'keep' });
  });
});

describe('decideInput: a microphone chosen in Settings', () => {
  it('stays on it while it is there, whatever the default does', () => {
    const available = [defaultIs(headset), builtIn, headset];
    expect(decideInput({ chosenDeviceId: 'built-in', current: on(builtIn), available })).toEqual({
      action: 'keep',
    });
  });

  it('falls back to the default while it is gone, and goes back to it when it returns', () => {
    const gone = [defaultIs(builtIn), builtIn];
    expect(decideInput({ chosenDeviceId: 'headset', current: on(headset, false), available: gone })).toEqual({
      action: 'switch',
      deviceId: 'built-in',
      label: 'Built-in Microphone',
    });
    const back = [defaultIs(builtIn), builtIn, headset];
    expect(decideInput({ chosenDeviceId: 'headset', current: on(builtIn), available: back })).toEqual({
      action: 'switch',
      deviceId: 'headset',
      label: 'USB Headset',
    });
  });
});

describe('decideInput: no input left', () => {
  it('is lost only when the track ended and nothing is listed', () => {
    expect(decideInput({ chosenDeviceId: null, current: on(builtIn, false), available: [] })).toEqual({
      action: 'lost',
    });
    // Entries without ids (no permission) are not inputs to switch to.
    const hidden = [{ deviceId: '', groupId: '', label: '' }];
    expect(decideInput({ chosenDeviceId: 'x', current: on(builtIn, false), available: hidden })).toEqual({
      action: 'lost',
    });
    // A live track with an empty list (the list is momentarily empty while devices settle) carries on.
    expect(decideInput({ chosenDeviceId: null, current: on(builtIn), available: [] })).toEqual({
      action: 'keep',
    });
  });
});

describe('inputSwitchedNotice', () => {
  it('names the new microphone when its name is known', () => {
    expect(inputSwitchedNotice('USB Headset')).toBe('Switched to the new microphone: USB Headset.');
    expect(inputSwitchedNotice(null)).toBe('Switched to the new microphone.');
  });
});
