/**
 * Opens the microphone and runs it through the capture worklet. The page receives 20 ms
 * 16 kHz Int16 frames and level readings through callbacks; it never sees raw samples.
 */
import workletUrl from './capture-worklet.ts?worker&url';
import { captureErrorFromGetUserMedia, CaptureError } from './capture-errors';
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
  /** The device went away (unplugged, revoked); capture has already been torn down. */
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
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: {
        ...(options.deviceId ? { deviceId: { exact: options.deviceId } } : {}),
        echoCancellation: options.echoCancellation,
        noiseSuppression: options.noiseSuppression,
        autoGainControl: options.autoGainControl,
        channelCount: { ideal: 1 },
      },
      video: false,
    });
  } catch (error) {
    void moduleLoaded.catch(() => undefined);
    void context.close();
    throw captureErrorFromGetUserMedia(error, options.deviceId !== null);
  }

  const stopTracks = (): void => {
    for (const track of stream.getTracks()) {
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
    stopTracks();
    node.port.onmessage = null;
    source.disconnect();
    void context.close();
  };

  for (const track of stream.getAudioTracks()) {
    track.onended = () => {
      release();
      callbacks.onDeviceLost();
    };
  }

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
