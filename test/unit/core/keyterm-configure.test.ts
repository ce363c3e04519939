import { describe, expect, it, vi } from 'vitest';
import { createKeytermEditing } from '../../../src/main/core/keyterm-editing';
import {
  configureMessage,
  endpointSupportsConfigure,
  parseConfigureAnswer,
  PendingConfigures,
} from '../../../src/main/core/session/configure-message';
import { defaultSettings } from '../../../src/shared/settings';
import { EarshotError } from '../../../src/shared/user-facing-error';

describe('Configure messages', () => {
  it('is the text frame Deepgram documents', () => {
    expect(JSON.parse(configureMessage(['Earshot']))).toEqual({ type: 'Configure', keyterms: ['Earshot'] });
  });

  it('only Deepgram’s global endpoint is taken to support it', () => {
    expect(endpointSupportsConfigure('https://api.deepgram.com')).toBe(true);
    expect(endpointSupportsConfigure('https://api.eu.deepgram.com')).toBe(false);
    expect(endpointSupportsConfigure('http://127.0.0.1:8787')).toBe(false);
    expect(endpointSupportsConfigure('not a url')).toBe(false);
  });

  it('reads both answers, cleans server text, and ignores other messages', () => {
    expect(parseConfigureAnswer({ type: 'ConfigureSuccess', keyterms: ['a', 3] })).toEqual({
      ok: true,
      keyterms: ['a'],
    });
    expect(parseConfigureAnswer({ type: 'ConfigureFailure', description: 'bad\u202e\nthing' })).toEqual({
      ok: false,
      reason: 'bad thing',
    });
    expect(parseConfigureAnswer({ type: 'Results' })).toBeNull();
    expect(parseConfigureAnswer('ConfigureSuccess')).toBeNull();
  });

  it('answers pending Configures in order; a close or a timeout gives null', async () => {
    vi.useFakeTimers();
    try {
      const pending = new PendingConfigures();
      const first = pending.expect(1000);
      const second = pending.expect(1000);
      expect(pending.answer({ type: 'Results' })).toBe(false);
      expect(pending.answer({ type: 'ConfigureSuccess' })).toBe(true);
      await expect(first).resolves.toEqual({ ok: true, keyterms: null });
      pending.closed();
      await expect(second).resolves.toBeNull();
      const late = pending.expect(1000);
      vi.advanceTimersByTime(1000);
      await expect(late).resolves.toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('keyterm editing', () => {
  const setup = (applied: 'now' | 'next-connection' | null) => {
    let time = 0;
    const saved: string[][] = [];
    const edit = createKeytermEditing({
      saveKeyterms: (keyterms) => {
        saved.push(keyterms);
        return { ...defaultSettings, keyterms };
      },
      session: { updateKeyterms: async () => applied },
      now: () => time,
    });
    return { edit, saved, advance: (ms: number) => (time += ms) };
  };

  it('saves first, then says when they take effect', async () => {
    const { edit, saved } = setup(null);
    await expect(edit({ keyterms: ['Earshot'] })).resolves.toEqual({
      keyterms: ['Earshot'],
      takesEffect: 'next-session',
      sentence: 'Keyterms saved for the next session.',
    });
    expect(saved).toEqual([['Earshot']]);
    expect((await setup('now').edit({ keyterms: [] })).takesEffect).toBe('now');
    expect((await setup('next-connection').edit({ keyterms: [] })).sentence).toMatch(/next connects/);
  });

  it('a window repeating it meets a budget: 10 at once, then one every 2 s', async () => {
    const { edit, advance } = setup('now');
    for (let index = 0; index < 10; index += 1) await edit({ keyterms: ['a'] });
    await expect(edit({ keyterms: ['a'] })).rejects.toBeInstanceOf(EarshotError);
    advance(2000);
    await expect(edit({ keyterms: ['a'] })).resolves.toMatchObject({ takesEffect: 'now' });
  });
});
