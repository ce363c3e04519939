/**
 * What the recording fake of Electron (fake-electron.mjs) saw, for tests that mock `electron`
 * with it. The fake is plain JavaScript without type declarations, so its calls are typed here.
 */
export interface RecordedCall {
  what: string;
  [detail: string]: unknown;
}

/** The fake's list of calls, in order; a test may empty it. */
export async function recordedCalls(): Promise<RecordedCall[]> {
  return ((await import('electron')) as unknown as { calls: RecordedCall[] }).calls;
}
