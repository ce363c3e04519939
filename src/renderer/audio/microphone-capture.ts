/**
 * Opens the audio source (the microphone, the computer's sound, or both) and runs it through
 * the capture worklet. The page receives 20 ms 16 kHz Int16 frames and level readings through
 * callbacks; it never sees raw samples. "Both" is two channels, interleaved: channel 0 the
 * microphone, channel 1 the computer's sound, each mixed down to mono by a ChannelMergerNode.
 * When the devices change mid-session (a headset plugged in or pulled out, a new default,
 * the track ended) the worklet stays and only the microphone's source is replaced, so frames
 * go on in order from the new input after a short gap.
 */
import type { AudioSource } from '../../shared/settings';
import workletUrl from './capture-worklet.ts?worker&url';
import { captureErrorFromGetUserMedia, CaptureError } from './capture-errors';
import { decideInput, type AudioInputInfo, type CurrentInput } from './input-switch';
import { openSystemAudio } from './system-audio';
import {
  captureProcessorName,
  type CaptureProcessorOptions,
  type WorkletCommand,
  type WorkletMessage,
} from './worklet-messages';

export interface CaptureOptions {
  source: AudioSource;
  deviceId: string | null;
  /** The input carrying the computer's sound, or null to find one (system and both). */
  systemDeviceId: string | null;
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
}

export interface CaptureCallbacks {
  onFrame(frame: ArrayBuffer): void;
  onLevel(level: { rms: number; peak: number }): void;
  /** Capture goes on from another input (its name, when the browser knows it). */
  onInputSwitched(label: string | null): void;
  /** The device went away and no other input is left; capture has already been torn down. */
  onDeviceLost(): void;
}

export interface MicrophoneCapture {
  readonly contextSampleRate: number;
  /** 1, or 2 for "both" (frames interleave microphone and system samples). */
  readonly channels: 1 | 2;
  /** Delivers every frame still inside the worklet, then releases the microphone. */
  finish(): Promise<void>;
  /** Releases the microphone now; frames still inside the worklet are discarded. */
  abort(): void;
}

async function openMicrophoneStream(
  constraints: MediaStreamConstraints,
  chosen: boolean,
): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia(constraints);
  } catch (error) {
    throw captureErrorFromGetUserMedia(error, chosen);
  }
}

/**
 * Main streams "both" as two channels (its session format, multichannel=true&channels=2, each
 * channel stitched apart: docs/AUDIO-SOURCES.md), so the window offers and opens it.
 */
export const twoChannelStreaming: boolean = true;

export const bothNotAvailableMessage =
  'Listening to the microphone and system audio together is not available in this version. Choose Microphone or System audio in Settings.';

/** How long finish() waits for the worklet to hand back its last frames. */
const flushTimeoutMs = 1_000;

export async function openMicrophone(
  options: CaptureOptions,
  callbacks: CaptureCallbacks,
): Promise<MicrophoneCapture> {
  // Created before any await so it counts as started by the user's click.
  const context = new AudioContext({ latencyHint: 'interactive' });
  const moduleLoaded = context.audioWorklet.addModule(workletUrl);
  const constraints = (deviceId: string | null): MediaStreamConstraints => ({
    audio: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      echoCancellation: options.echoCancellation,
      noiseSuppression: options.noiseSuppression,
      autoGainControl: options.autoGainControl,
      channelCount: { ideal: 1 },
    },
    video: false,
  });
  if (options.source === 'both' && !twoChannelStreaming) {
    void moduleLoaded.catch(() => undefined);
    void context.close();
    throw new CaptureError('microphone-unavailable', bothNotAvailableMessage);
  }
  const usesMicrophone = options.source !== 'system';
  const channels = options.source === 'both' ? 2 : 1;
  const stopTracks = (of: MediaStream | null): void => {
    for (const track of of?.getTracks() ?? []) {
      track.onended = null;
      track.stop();
    }
  };
  // The microphone stream while one is used; in "system" mode the system stream stands in its place.
  let stream: MediaStream;
  let systemStream: MediaStream | null = null;
  try {
    if (options.source !== 'microphone') systemStream = await openSystemAudio(options.systemDeviceId);
    if (usesMicrophone) {
      stream = await openMicrophoneStream(constraints(options.deviceId), options.deviceId !== null);
    } else {
      stream = systemStream!;
      systemStream = null;
    }
  } catch (error) {
    stopTracks(systemStream);
    void moduleLoaded.catch(() => undefined);
    void context.close();
    throw error;
  }

  let node: AudioWorkletNode;
  let source: MediaStreamAudioSourceNode;
  let systemSource: MediaStreamAudioSourceNode | null = null;
  let merger: ChannelMergerNode | null = null;
  /** Where the microphone's (or the lone source's) node plugs in. */
  const connectSource = (from: MediaStreamAudioSourceNode): void => {
    if (merger) from.connect(merger, 0, 0);
    else from.connect(node);
  };
  try {
    await moduleLoaded;
    source = context.createMediaStreamSource(stream);
    // No outputs: Chromium still pulls a worklet node without outputs, and nothing reaches the speakers.
    node = new AudioWorkletNode(context, captureProcessorName, {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      ...(channels === 2 ? { channelCount: 2, channelCountMode: 'explicit' as const } : {}),
      processorOptions: { channels } satisfies CaptureProcessorOptions,
    });
    if (systemStream) {
      // Each merger input is mixed down to mono: input 0 becomes channel 0, input 1 channel 1.
      merger = context.createChannelMerger(2);
      systemSource = context.createMediaStreamSource(systemStream);
      systemSource.connect(merger, 0, 1);
      merger.connect(node);
    }
    connectSource(source);
    await context.resume();
  } catch {
    stopTracks(stream);
    stopTracks(systemStream);
    void context.close();
    throw new CaptureError(null, 'Earshot could not start audio processing. Restart the app and try again.');
  }

  let released = false;
  let flushed: (() => void) | null = null;
  node.port.onmessage = (event: MessageEvent<WorkletMessage>) => {
    const message = event.data;
    if (message.type === 'frame') callbacks.onFrame(message.frame);
    else if (message.type === 'level') callbacks.onLevel({ rms: message.rms, peak: message.peak });
    else flushed?.();
  };

  const release = (): void => {
    if (released) return;
    released = true;
    navigator.mediaDevices.removeEventListener('devicechange', reconsider);
    stopTracks(stream);
    stopTracks(systemStream);
    node.port.onmessage = null;
    source.disconnect();
    systemSource?.disconnect();
    merger?.disconnect();
    void context.close();
  };

  const currentInput = (): CurrentInput => {
    const track = stream.getAudioTracks()[0];
    const settings = track?.getSettings();
    return {
      deviceId: settings?.deviceId ?? '',
      groupId: settings?.groupId ?? '',
      live: track?.readyState === 'live',
    };
  };

  const lose = (): void => {
    release();
    callbacks.onDeviceLost();
  };

  /** What the devices are now decides whether to keep, switch or give up the input. */
  const checkInput = async (): Promise<void> => {
    // The computer's sound has no replacement to switch to: once it ends, nothing is heard.
    const systemEnded = [
      ...(usesMicrophone ? (systemStream?.getAudioTracks() ?? []) : stream.getAudioTracks()),
    ].some((track) => track.readyState === 'ended');
    if (systemEnded) return lose();
    if (!usesMicrophone) return;
    const devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    if (released) return;
    const available: AudioInputInfo[] = devices
      .filter((device) => device.kind === 'audioinput')
      .map(({ deviceId, groupId, label }) => ({ deviceId, groupId, label }));
    const decision = decideInput({ chosenDeviceId: options.deviceId, current: currentInput(), available });
    if (decision.action === 'keep') return;
    if (decision.action === 'lost') return lose();
    let next: MediaStream;
    try {
      next = await navigator.mediaDevices.getUserMedia(constraints(decision.deviceId));
    } catch {
      // The new input would not open: carry on with the old one while it still works.
      if (!currentInput().live) lose();
      return;
    }
    if (released) return stopTracks(next);
    const previous = stream;
    source.disconnect();
    stopTracks(previous);
    stream = next;
    source = context.createMediaStreamSource(next);
    connectSource(source);
    watchTracks();
    callbacks.onInputSwitched(decision.label ?? (next.getAudioTracks()[0]?.label || null));
  };

  // One check at a time, in the order the news came.
  let checking: Promise<void> = Promise.resolve();
  function reconsider(): void {
    checking = checking.then(checkInput).catch(() => {
      if (!released && !currentInput().live) lose();
    });
  }

  function watchTracks(): void {
    for (const track of stream.getAudioTracks()) track.onended = reconsider;
    for (const track of systemStream?.getAudioTracks() ?? []) track.onended = reconsider;
  }
  watchTracks();
  navigator.mediaDevices.addEventListener('devicechange', reconsider);

  return {
    contextSampleRate: context.sampleRate,
    channels,
    async finish() {
      if (released) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, flushTimeoutMs);
        flushed = () => {
          clearTimeout(timer);
          resolve();
        };
        node.port.postMessage({ type: 'flush' } satisfies WorkletCommand);
      });
      release();
    },
    abort: release,
  };
}
