import { deviceLostMessage } from '../audio/capture-errors';
import type { LiveSnapshot } from './live-snapshot';

export interface StatusLine {
  /** What is happening, in a few words. */
  text: string;
  tone: 'calm' | 'active' | 'warning' | 'error';
  /** Sentences that do not stop the session: credential fallback, held or waiting audio. */
  notices: string[];
}

function seconds(milliseconds: number): string {
  const value = milliseconds / 1000;
  return value < 10 ? value.toFixed(1) : Math.round(value).toString();
}

/** Turns the renderer's and main's view of the session into one status line. */
export function describeStatus(live: LiveSnapshot): StatusLine {
  const session = live.session;
  const notices: string[] = [];
  if (session.notice) notices.push(session.notice);
  if (live.microphoneNotice) notices.push(live.microphoneNotice);
  if (session.waitingAudioMs > 0) {
    notices.push(
      `${seconds(session.waitingAudioMs)} s not yet transcribed: Deepgram could not be reached in time. Earshot keeps that audio and transcribes it when Deepgram answers again (or press Transcribe now in History).`,
    );
  }
  if (session.unkeptAudioMs > 0) {
    notices.push(
      `${seconds(session.unkeptAudioMs)} s of audio could not be kept: the space for audio waiting to be transcribed is full. Transcribe or delete waiting audio in History, or raise the limit in Settings.`,
    );
  }
  if (session.phase === 'reconnecting' && session.bufferedAudioMs > 0) {
    notices.push(
      `Holding ${seconds(session.bufferedAudioMs)} s of audio to send once the connection is back.`,
    );
  }

  if (live.problem) return { text: live.problem, tone: 'error', notices };
  if (session.phase === 'stopping' && session.finishing) {
    const { unsentAudioMs, attempt } = session.finishing;
    return {
      text: `Finishing: sending the last ${seconds(unsentAudioMs)} s of audio, attempt ${attempt}.`,
      tone: 'warning',
      notices,
    };
  }
  if (live.activity === 'stopping' || session.phase === 'stopping') {
    return { text: 'Stopping… finishing the last words.', tone: 'active', notices };
  }
  switch (session.phase) {
    case 'error':
      return {
        text: session.error?.message ?? 'The session stopped because of an error.',
        tone: 'error',
        notices,
      };
    case 'reconnecting':
      return {
        text: `Connection lost. Reconnecting, attempt ${session.reconnectAttempt}… your words are kept.`,
        tone: 'warning',
        notices,
      };
    case 'paused':
      return { text: 'Paused. Nothing is being transcribed.', tone: 'calm', notices };
    case 'live':
      if (live.activity === 'running' && !live.microphoneOn) {
        return { text: deviceLostMessage, tone: 'warning', notices };
      }
      return live.paused
        ? { text: 'Paused. Nothing is being transcribed.', tone: 'calm', notices }
        : { text: 'Live. Listening…', tone: 'active', notices };
    case 'connecting':
      return { text: 'Connecting to Deepgram…', tone: 'active', notices };
    case 'idle':
      break;
  }
  if (live.activity === 'starting') return { text: 'Connecting to Deepgram…', tone: 'active', notices };
  return { text: 'Ready. Press Start to begin.', tone: 'calm', notices };
}
