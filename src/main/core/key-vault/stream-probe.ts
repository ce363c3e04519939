import { DeepgramClient } from '@deepgram/sdk';

export interface StreamProbeResult {
  /** 'open': the endpoint accepted a live stream; 'refused': it refused this credential. */
  outcome: 'open' | 'refused' | 'unknown';
  /** HTTP status of a refused upgrade, when the SDK reported one. */
  status: number | null;
}

function statusOf(error: unknown): number | null {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const match = /Unexpected server response: (\d{3})/.exec(message);
  return match ? Number(match[1]) : null;
}

/**
 * Opens /v1/listen and closes it at once with CloseStream, sending no audio: the cheapest
 * proof that a credential may stream and that its project has credit. Network trouble is
 * 'unknown' rather than a verdict on the key, since REST already answered.
 */
export async function probeStream(options: {
  endpoint: string;
  timeoutInSeconds: number;
  credential: { apiKey: string } | { accessToken: string };
}): Promise<StreamProbeResult> {
  const client = new DeepgramClient({ ...options.credential, baseUrl: options.endpoint });
  let lastError: unknown = null;
  let socket: Awaited<ReturnType<typeof client.listen.v1.connect>> | null = null;
  try {
    socket = await client.listen.v1.connect({
      model: 'nova-3',
      encoding: 'linear16',
      sample_rate: 16_000,
      channels: 1,
      reconnectAttempts: 0,
      shouldReconnect: () => false,
      connectionTimeoutInSeconds: options.timeoutInSeconds,
    });
    socket.on('error', (error) => {
      lastError = error;
    });
    socket.connect();
    await socket.waitForOpen();
    socket.sendCloseStream({ type: 'CloseStream' });
    return { outcome: 'open', status: null };
  } catch (error) {
    const status = statusOf(lastError) ?? statusOf(error);
    if (status === 401 || status === 403 || status === 402) return { outcome: 'refused', status };
    return { outcome: 'unknown', status };
  } finally {
    socket?.close();
  }
}
