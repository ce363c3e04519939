/**
 * Deepgram's Configure on an open /v1/listen stream (keyterms without reconnecting) and its
 * answer, ConfigureSuccess or ConfigureFailure. Per Deepgram's docs it works on the global
 * endpoint (api.deepgram.com) only; a self-hosted or regional endpoint is treated as not
 * supporting it, and new keyterms then wait for the next connection.
 */
import { serverText } from './server-text';

export function configureMessage(keyterms: readonly string[]): string {
  return JSON.stringify({ type: 'Configure', keyterms: [...keyterms] });
}

export function endpointSupportsConfigure(endpoint: string): boolean {
  try {
    return new URL(endpoint).hostname.toLowerCase() === 'api.deepgram.com';
  } catch {
    return false;
  }
}

export type ConfigureAnswer = { ok: true; keyterms: string[] | null } | { ok: false; reason: string };

/** The answer to a Configure, or null for any other message. Server text is cleaned and capped. */
export function parseConfigureAnswer(message: unknown): ConfigureAnswer | null {
  if (typeof message !== 'object' || message === null) return null;
  const fields = message as Record<string, unknown>;
  if (fields.type === 'ConfigureSuccess') {
    const keyterms = Array.isArray(fields.keyterms)
      ? fields.keyterms.filter((term): term is string => typeof term === 'string')
      : null;
    return { ok: true, keyterms };
  }
  if (fields.type === 'ConfigureFailure') {
    const reason = [fields.description, fields.err_msg, fields.message].find(
      (text) => typeof text === 'string',
    );
    return { ok: false, reason: serverText(typeof reason === 'string' ? reason : '') };
  }
  return null;
}

/**
 * Configures sent on one connection, answered in order (Deepgram answers each with exactly
 * one message). A Configure nobody answers in time, or one still open when the connection
 * closes, resolves null.
 */
export class PendingConfigures {
  private readonly waiting: Array<(answer: ConfigureAnswer | null) => void> = [];

  expect(timeoutMs: number): Promise<ConfigureAnswer | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(null), timeoutMs);
      const settle = (answer: ConfigureAnswer | null) => {
        clearTimeout(timer);
        const index = this.waiting.indexOf(settle);
        if (index >= 0) this.waiting.splice(index, 1);
        resolve(answer);
      };
      this.waiting.push(settle);
    });
  }

  /** True when the message was a Configure answer (and so is not a transcript message). */
  answer(message: unknown): boolean {
    const answer = parseConfigureAnswer(message);
    if (!answer) return false;
    this.waiting[0]?.(answer);
    return true;
  }

  closed(): void {
    for (const settle of [...this.waiting]) settle(null);
  }
}
