/**
 * What the window may send about History: the contract's validators refuse anything but
 * printable text of bounded length, and session ids main never made, before a handler runs.
 */
import { describe, expect, test } from 'vitest';
import { formatSessionId } from '../../../src/shared/history';
import { invokeContract } from '../../../src/shared/ipc-contract';
import { ValidationError } from '../../../src/shared/validation';

const id = formatSessionId(new Date('2026-11-27T09:00:00Z'), 'abcdef');
const refuses = (run: () => unknown) => expect(run).toThrow(ValidationError);

describe('History requests', () => {
  test('searchHistory takes printable text up to 200 characters, including FTS5 syntax', () => {
    const search = (query: unknown) => invokeContract.searchHistory.request({ query }, 'request');
    expect(search('"NEAR( budget AND *')).toEqual({ query: '"NEAR( budget AND *' });
    expect(search('')).toEqual({ query: '' });
    expect(search('x'.repeat(200)).query).toHaveLength(200);
    refuses(() => search('x'.repeat(201)));
    refuses(() => search('line\nbreak'));
    refuses(() => search('nul\u0000'));
    refuses(() => search(42));
    refuses(() => invokeContract.searchHistory.request({ query: 'a', extra: 1 }, 'request'));
  });

  test('renameSession takes a session id and a printable title up to 200 characters (blank allowed)', () => {
    const rename = (request: unknown) => invokeContract.renameSession.request(request, 'request');
    expect(rename({ id, title: 'Standup, Monday' })).toEqual({ id, title: 'Standup, Monday' });
    expect(rename({ id, title: '' })).toEqual({ id, title: '' });
    refuses(() => rename({ id, title: 'x'.repeat(201) }));
    refuses(() => rename({ id, title: 'tab\there' }));
    refuses(() => rename({ id: '../escape', title: 'x' }));
    refuses(() => rename({ id }));
  });

  test('delete, restore and rename speaker take only ids main makes; speaker keys and names are bounded', () => {
    expect(invokeContract.deleteSession.request({ id }, 'request')).toEqual({ id });
    expect(invokeContract.restoreSession.request({ id }, 'request')).toEqual({ id });
    refuses(() => invokeContract.deleteSession.request({ id: 'CON' }, 'request'));
    refuses(() => invokeContract.restoreSession.request({ id: `${id}x` }, 'request'));
    const renameSpeaker = (request: unknown) => invokeContract.renameSpeaker.request(request, 'request');
    expect(renameSpeaker({ id, speakerKey: '0', name: 'Ada' })).toEqual({ id, speakerKey: '0', name: 'Ada' });
    expect(renameSpeaker({ id, speakerKey: '1', name: '' })).toEqual({ id, speakerKey: '1', name: '' });
    refuses(() => renameSpeaker({ id, speakerKey: '', name: 'Ada' }));
    refuses(() => renameSpeaker({ id, speakerKey: 'k'.repeat(65), name: 'Ada' }));
    refuses(() => renameSpeaker({ id, speakerKey: '0', name: 'n'.repeat(101) }));
    refuses(() => renameSpeaker({ id, speakerKey: '0', name: 'bell\u0007' }));
    expect(invokeContract.getStorageInfo.request(undefined, 'request')).toBeUndefined();
    refuses(() => invokeContract.getStorageInfo.request({}, 'request'));
  });
});
