import { describe, expect, it } from 'vitest';
import { chooseSystemAudio, isMonitorInput } from '../../../src/renderer/audio/system-audio-choice';
import {
  frameSamples,
  interleave,
  InterleavedFramePipeline,
  PcmFramePipeline,
} from '../../../src/renderer/audio/pcm-framer';
import { systemAudioNote, systemAudioPlatform } from '../../../src/renderer/settings/system-audio-note';

const microphone = { deviceId: 'mic', groupId: 'g1', label: 'Built-in Microphone' };
const monitor = { deviceId: 'mon', groupId: 'g2', label: 'Monitor of Speakers' };
const earshotSource = { deviceId: 'earshot', groupId: 'g3', label: 'Earshot system audio' };
const blackHole = { deviceId: 'bh', groupId: 'g4', label: 'BlackHole 2ch' };

describe('choosing the input that carries system audio', () => {
  it("prefers main's PulseAudio source, then any monitor Chromium lists", () => {
    expect(chooseSystemAudio(null, [microphone, monitor, earshotSource])).toEqual({
      kind: 'device',
      deviceId: 'earshot',
      label: 'Earshot system audio',
    });
    expect(chooseSystemAudio(null, [microphone, monitor])).toMatchObject({ kind: 'device', deviceId: 'mon' });
  });

  it('takes the input chosen in Settings (a loopback device such as BlackHole), or says it is gone', () => {
    expect(chooseSystemAudio('bh', [microphone, blackHole])).toMatchObject({
      kind: 'device',
      deviceId: 'bh',
    });
    expect(chooseSystemAudio('bh', [microphone])).toEqual({ kind: 'chosen-missing' });
  });

  it('falls back to the loopback stream when no input carries system audio (Windows)', () => {
    expect(chooseSystemAudio(null, [microphone])).toEqual({ kind: 'loopback' });
    expect(chooseSystemAudio(null, [{ ...monitor, deviceId: '' }])).toEqual({ kind: 'loopback' });
  });

  it('never takes a microphone for system audio', () => {
    expect(isMonitorInput(microphone)).toBe(false);
    expect(isMonitorInput({ label: 'My monitor of things' })).toBe(false);
  });
});

describe('the settings sentence about system audio', () => {
  it('names the platform from the user agent', () => {
    expect(systemAudioPlatform('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Electron/45')).toBe('windows');
    expect(systemAudioPlatform('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Electron/45')).toBe('mac');
    expect(systemAudioPlatform('Mozilla/5.0 (X11; Linux x86_64) Electron/45')).toBe('other');
  });

  it('says which input is heard, or that none was found, or what macOS needs', () => {
    expect(systemAudioNote('other', [microphone, earshotSource])).toContain('"Earshot system audio"');
    expect(systemAudioNote('other', [microphone])).toMatch(/No system audio input was found/);
    expect(systemAudioNote('mac', [])).toMatch(/BlackHole/);
    expect(systemAudioNote('windows', [])).toMatch(/loopback/);
  });
});

describe('two-channel frames', () => {
  it('interleave channel 0 and channel 1 sample by sample', () => {
    expect([...interleave([new Float32Array([1, 2, 3]), new Float32Array([-1, -2, -3])])]).toEqual([
      1, -1, 2, -2, 3, -3,
    ]);
  });

  it('keep each channel as the mono pipeline would make it, in 20 ms frames of 1280 bytes', () => {
    const rate = 48_000;
    const tone = (hz: number) =>
      Float32Array.from({ length: rate / 2 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / rate));
    const left = tone(440);
    const right = tone(1_000);
    const stereo = new InterleavedFramePipeline(rate, 2);
    const frames = [...stereo.push([left, right]), ...stereo.flush()];
    const monoLeft = new PcmFramePipeline(rate);
    const monoRight = new PcmFramePipeline(rate);
    const expectedLeft = [...monoLeft.push(left), ...monoLeft.flush()];
    const expectedRight = [...monoRight.push(right), ...monoRight.flush()];
    expect(frames).toHaveLength(expectedLeft.length);
    frames.forEach((frame, index) => {
      expect(frame.byteLength).toBe(frameSamples * 2 * 2);
      const samples = new Int16Array(frame);
      const leftSamples = new Int16Array(expectedLeft[index]!);
      const rightSamples = new Int16Array(expectedRight[index]!);
      for (let i = 0; i < frameSamples; i += 1) {
        expect(samples[2 * i]).toBe(leftSamples[i]);
        expect(samples[2 * i + 1]).toBe(rightSamples[i]);
      }
    });
  });
});
