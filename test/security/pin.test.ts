import { describe, expect, it } from 'vitest';
import { SecurityError } from '../../main/security/errors';
import { DEFAULT_PIN_SCRYPT, hashPin, pinHashNeedsUpgrade, verifyPin } from '../../main/security/pinHash';
import { pinProblem } from '../../shared/domain/staff';
import { CHEAP_SCRYPT } from './support';

describe('PIN rules', () => {
  it('accepts six to twelve digits without an obvious pattern', () => {
    for (const pin of ['480215', '73509218', '902716483051']) expect(pinProblem(pin), pin).toBeNull();
  });

  it('says what is wrong with a PIN that is not six to twelve digits', () => {
    expect(pinProblem('4802')).toBe('too-short');
    expect(pinProblem('')).toBe('too-short');
    expect(pinProblem('4802159027164')).toBe('too-long');
    expect(pinProblem('48o215')).toBe('not-digits');
    expect(pinProblem('４８０２１５')).toBe('not-digits');
  });

  it('refuses the PINs anyone would try first', () => {
    expect(pinProblem('000000')).toBe('all-same');
    expect(pinProblem('777777777')).toBe('all-same');
    expect(pinProblem('123456')).toBe('sequence');
    expect(pinProblem('987654')).toBe('sequence');
    expect(pinProblem('890123')).toBe('sequence');
    expect(pinProblem('121212')).toBe('repeating');
    expect(pinProblem('123123')).toBe('repeating');
    expect(pinProblem('12341234')).toBe('repeating');
    expect(pinProblem('159753')).toBe('common');
    expect(pinProblem('112233')).toBe('common');
  });
});

describe('PIN hashes', () => {
  it('keeps the scrypt parameters and a salt with the hash, never the PIN', async () => {
    const encoded = await hashPin('480215', { params: CHEAP_SCRYPT });
    expect(encoded).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(encoded).not.toContain('480215');
  });

  it('uses N=2^14, r=8, p=2 by default', async () => {
    expect(await hashPin('480215')).toMatch(/^\$scrypt\$ln=14,r=8,p=2\$/);
    expect(DEFAULT_PIN_SCRYPT).toEqual({ logN: 14, r: 8, p: 2 });
  });

  it('salts every hash, so one PIN never hashes the same twice', async () => {
    expect(await hashPin('480215', { params: CHEAP_SCRYPT })).not.toBe(await hashPin('480215', { params: CHEAP_SCRYPT }));
  });

  it('verifies the right PIN and refuses any other', async () => {
    const encoded = await hashPin('480215', { params: CHEAP_SCRYPT });
    expect(await verifyPin('480215', encoded)).toBe(true);
    for (const wrong of ['480216', '48021', '4802150', '', '０480215']) expect(await verifyPin(wrong, encoded), wrong).toBe(false);
  });

  it('verifies with the parameters stored in the hash, not the current ones', async () => {
    const strong = await hashPin('480215', { params: { logN: 11, r: 4, p: 2 } });
    expect(await verifyPin('480215', strong)).toBe(true);
    expect(pinHashNeedsUpgrade(strong, CHEAP_SCRYPT)).toBe(true);
    expect(pinHashNeedsUpgrade(await hashPin('480215', { params: CHEAP_SCRYPT }), CHEAP_SCRYPT)).toBe(false);
  });

  it('refuses a hash whose last byte differs (the whole hash is compared)', async () => {
    const encoded = await hashPin('480215', { params: CHEAP_SCRYPT });
    const hash = Buffer.from(encoded.split('$')[4] ?? '', 'base64url');
    hash[hash.length - 1] = (hash[hash.length - 1] ?? 0) ^ 1;
    const tampered = `${encoded.slice(0, encoded.lastIndexOf('$') + 1)}${hash.toString('base64url')}`;
    expect(await verifyPin('480215', tampered)).toBe(false);
  });

  it('reports a damaged or unknown hash as PIN_RECORD_DAMAGED rather than a wrong PIN', async () => {
    for (const encoded of ['', 'plaintext', '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaA', '$scrypt$ln=30,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      await expect(verifyPin('480215', encoded), encoded).rejects.toMatchObject({ code: 'PIN_RECORD_DAMAGED' });
    }
    await expect(verifyPin('480215', 'plaintext')).rejects.toBeInstanceOf(SecurityError);
  });
});
