/** The app process's heap limit: 320 MB unless the operator sets APP_HEAP_MB; nonsense falls back to V8's own. The semi-space is always 32 MB. */
import { describe, expect, it } from 'vitest';
import { appHeapArgs } from './supervisor';

describe('appHeapArgs', () => {
  it('limits the heap to 320 MB by default and to what APP_HEAP_MB says', () => {
    expect(appHeapArgs({})).toEqual(['--max-old-space-size=320', '--max-semi-space-size=32']);
    expect(appHeapArgs({ APP_HEAP_MB: '2048' })).toEqual(['--max-old-space-size=2048', '--max-semi-space-size=32']);
  });
  it.each(['64', '1.5', 'lots', ''])('ignores APP_HEAP_MB=%j (V8 decides)', (value) => {
    expect(appHeapArgs({ APP_HEAP_MB: value })).toEqual(['--max-semi-space-size=32']);
  });
});
