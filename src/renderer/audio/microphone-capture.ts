/**
 * Opens the microphone and runs it through the capture worklet. The page receives 20 ms
 * 16 kHz Int16 frames and level readings through callbacks; it never sees raw samples.
 * When the devices change mid-session (a headset plugged in or pulled out, a new default,
 * the track ended) the worklet stays and only its source is replaced, so frames go on in
 * order from the new input after a short gap.
 */
import workletUrl from './capture-worklet.ts?worker&url';
import { captureErrorFromGetUserMedia, CaptureError } from './capture-errors';
import { decideInput, type AudioInputInfo, type CurrentInput } from './input-switch';
import { captureProcessorName, type WorkletCommand, type WorkletMessage } from './worklet-messages';

export interface CaptureOptions {
  deviceId: string | null;
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
  /** Delivers every frame still inside the worklet, then releases the microphone. */
  finish(): Promise<void>;
  /** Releases the microphone now; frames still inside the worklet are discarded. */
  abort(): void;
}

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
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia(constraints(options.deviceId));
  } catch (error) {
    void moduleLoaded.catch(() => undefined);
    void context.close();
    throw captureErrorFromGetUserMedia(error, options.deviceId !== null);
  }

  const stopTracks = (of: MediaStream = stream): void => {
    for (const track of of.getTracks()) {
      track.onended = null;
      track.stop();
    }
  };

  let node: AudioWorkletNode;
  let source: MediaStreamAudioSourceNode;
  try {
    await moduleLoaded;
    source = context.createMediaStreamSource(stream);
    // No outputs: Chromium still pulls a worklet node without outputs, and nothing reaches the speakers.
    node = new AudioWorkletNode(context, captureProcessorName, { numberOfInputs: 1, numberOfOutputs: 0 });
    source.connect(node);
    await context.resume();
  } catch {
    stopTracks();
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
    stopTracks();
    node.port.onmessage = null;
    source.disconnect();
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
    source.connect(node);
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
  }
  watchTracks();
  navigator.mediaDevices.addEventListener('devicechange', reconsider);

  return {
    contextSampleRate: context.sampleRate,
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
