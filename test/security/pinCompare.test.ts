import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { hashPin, verifyPin } from '../../main/security/pinHash';
import { CHEAP_SCRYPT } from './support';

// Observe the comparison without changing it.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

describe('PIN comparison', () => {
  it('compares the whole derived hash with timingSafeEqual, at the stored length, right or wrong', async () => {
    const encoded = await hashPin('480215', { params: CHEAP_SCRYPT });
    const compare = vi.mocked(crypto.timingSafeEqual);
    for (const pin of ['480215', '999999', '4']) {
      compare.mockClear();
      await verifyPin(pin, encoded);
      expect(compare).toHaveBeenCalledTimes(1);
      const [derived, stored] = compare.mock.calls[0] as [Buffer, Buffer];
      expect(derived.length).toBe(32);
      expect(stored.length).toBe(32);
    }
  });
});
