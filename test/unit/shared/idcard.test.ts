import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCharacter, isResidentIdShape, maskResidentId, parseResidentId, type IdProblemCode } from '../../../shared/idcard.js';
import { render } from '../../../shared/i18n/index.js';
import { addDays, fromEpochDay } from '../../../shared/dates.js';

function problemOf(input: string): { code: IdProblemCode; zh: string; en: string } {
  const r = parseResidentId(input);
  if (r.ok) throw new Error(`expected a problem for ${input}`);
  return { code: r.error.code, zh: render(r.error.message, 'zh-CN'), en: render(r.error.message, 'en') };
}

describe('checkCharacter', () => {
  it('computes ISO 7064 MOD 11-2 check characters (cross-checked by hand)', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('44010319461124123')).toBe('9');
    expect(checkCharacter('31011520000229004')).toBe('8');
    expect(checkCharacter('50010219900307611')).toBe('3');
    expect(checkCharacter('11010119800101001')).toBe('0');
    expect(checkCharacter('44030519700101551')).toBe('4');
  });

  it('refuses anything but 17 digits', () => {
    expect(() => checkCharacter('1101051949123100')).toThrow(RangeError);
    expect(() => checkCharacter('1101051949123100X')).toThrow(RangeError);
  });
});

describe('parseResidentId', () => {
  it('reads the well-known sample 11010519491231002X', () => {
    expect(parseResidentId('11010519491231002X')).toEqual({
      ok: true,
      value: { number: '11010519491231002X', birthDate: '1949-12-31', sex: 'F', regionCode: '110105', convertedFrom15: false },
    });
  });

  it('reads sex from the 17th digit: odd is male', () => {
    const male = parseResidentId('440103194611241239');
    expect(male.ok && male.value.sex).toBe('M');
    expect(male.ok && male.value.birthDate).toBe('1946-11-24');
  });

  it('accepts a leap-day birth in a leap year', () => {
    const r = parseResidentId('310115200002290048');
    expect(r.ok && r.value.birthDate).toBe('2000-02-29');
  });

  it('trims surrounding whitespace, including the full-width space, and upper-cases x', () => {
    for (const input of ['  11010519491231002x ', '\u300011010519491231002X\u3000', '\t11010519491231002X\n']) {
      const r = parseResidentId(input);
      expect(r.ok && r.value.number).toBe('11010519491231002X');
    }
  });

  it('accepts full-width digits and Ｘ as a Chinese input method types them', () => {
    const r = parseResidentId('１１０１０５１９４９１２３１００２Ｘ');
    expect(r.ok && r.value.number).toBe('11010519491231002X');
  });

  it('converts the legacy 15-digit form, assuming the 1900s, with its computed check character', () => {
    expect(parseResidentId('110105491231002')).toEqual({
      ok: true,
      value: { number: '11010519491231002X', birthDate: '1949-12-31', sex: 'F', regionCode: '110105', convertedFrom15: true },
    });
    const r = parseResidentId('440103461124123');
    expect(r.ok && r.value).toMatchObject({ number: '440103194611241239', sex: 'M', convertedFrom15: true });
  });

  it('says the input is empty', () => {
    expect(problemOf('').code).toBe('empty');
    expect(problemOf(' \u3000 ').code).toBe('empty');
  });

  it('says how many characters there are when the length is wrong', () => {
    const p = problemOf('1101051949123100');
    expect(p.code).toBe('length');
    expect(p.zh).toContain('16');
    expect(p.en).toContain('16');
    expect(problemOf('11010519491231002X1').code).toBe('length');
  });

  it('rejects characters other than digits and a final X', () => {
    expect(problemOf('11010519491231002Y').code).toBe('characters');
    expect(problemOf('1101051949X231002X').code).toBe('characters');
    expect(problemOf('110105 19491231 002X').code).toBe('characters');
    expect(problemOf('11010549123100X').code).toBe('characters');
    expect(problemOf('04A1B2C3D4E5F6').code).toBe('characters');
  });

  it('rejects birth dates that do not exist, naming the date', () => {
    const feb30 = '11010519900230001';
    const p = problemOf(feb30 + checkCharacter(feb30));
    expect(p.code).toBe('birthDate');
    expect(p.zh).toContain('1990-02-30');
    const notLeap = '11010519000229001'; // 1900 is not a leap year
    expect(problemOf(notLeap + checkCharacter(notLeap)).code).toBe('birthDate');
    const month13 = '11010519901301001';
    expect(problemOf(month13 + checkCharacter(month13)).code).toBe('birthDate');
    expect(problemOf('110105900230001').code).toBe('birthDate');
  });

  it('rejects birth years before 1880 and accepts 1880', () => {
    const early = '11010518791231001';
    expect(problemOf(early + checkCharacter(early)).code).toBe('birthDate');
    const ok1880 = '11010518800101001';
    expect(parseResidentId(ok1880 + checkCharacter(ok1880)).ok).toBe(true);
  });

  it('names the expected check character', () => {
    const p = problemOf('110105194912310021');
    expect(p.code).toBe('checkChar');
    expect(p.zh).toContain('X');
    expect(p.en).toContain('should be X, not 1');
  });

  it('never repeats the number back in a problem', () => {
    for (const input of ['110105194912310021', '1101051949123100', '11010519491231002Y']) {
      const r = parseResidentId(input);
      expect(JSON.stringify(r)).not.toContain('1949123100');
    }
  });
});

/** A random valid first 17 digits: a region, a real birth date from 1880 on, a sequence. */
const first17 = fc
  .record({
    region: fc.integer({ min: 110000, max: 659999 }),
    birthDay: fc.integer({ min: -32872 /* 1880-01-01 */, max: 21914 /* 2029-12-31 */ }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birthDay, seq }) => `${region}${fromEpochDay(birthDay).replaceAll('-', '')}${String(seq).padStart(3, '0')}`);

describe('parseResidentId properties', () => {
  it('a valid body with its computed check character always parses, and round-trips', () => {
    fc.assert(
      fc.property(first17, (body) => {
        const number = body + checkCharacter(body);
        const r = parseResidentId(number.toLowerCase());
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.number).toBe(number);
        expect(r.value.regionCode).toBe(body.slice(0, 6));
        expect(r.value.birthDate.replaceAll('-', '')).toBe(body.slice(6, 14));
        expect(r.value.sex).toBe(Number(body[16]) % 2 === 1 ? 'M' : 'F');
        expect(r.value.convertedFrom15).toBe(false);
      }),
    );
  });

  it('any single mistyped digit is caught', () => {
    fc.assert(
      fc.property(first17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const number = body + checkCharacter(body);
        const digit = (Number(number[pos]) + delta) % 10;
        const typo = number.slice(0, pos) + String(digit) + number.slice(pos + 1);
        const r = parseResidentId(typo);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(['birthDate', 'checkChar']).toContain(r.error.code);
      }),
    );
  });

  it('a 15-digit number converts to the 18-digit number of the same person', () => {
    fc.assert(
      fc.property(fc.integer({ min: 110000, max: 659999 }), fc.integer({ min: 0, max: 36523 /* 1999-12-31 */ }), fc.integer({ min: 0, max: 999 }), (region, day, seq) => {
        const date = addDays('1900-01-01', day).replaceAll('-', '');
        const old = `${region}${date.slice(2)}${String(seq).padStart(3, '0')}`;
        const body = `${region}${date}${String(seq).padStart(3, '0')}`;
        const r = parseResidentId(old);
        expect(r.ok && r.value).toMatchObject({ number: body + checkCharacter(body), convertedFrom15: true });
      }),
    );
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        expect(typeof parseResidentId(s).ok).toBe('boolean');
      }),
    );
  });
});

describe('isResidentIdShape', () => {
  it('tells ID-shaped input from card UIDs', () => {
    expect(isResidentIdShape('11010519491231002X')).toBe(true);
    expect(isResidentIdShape(' 11010519491231002x ')).toBe(true);
    expect(isResidentIdShape('110105491231002')).toBe(true);
    // A mistyped number is still ID-shaped, so the person hears what is wrong with it.
    expect(isResidentIdShape('110105194912310021')).toBe(true);
    expect(isResidentIdShape('04A1B2C3D4E5F6')).toBe(false);
    expect(isResidentIdShape('3A5F9C21')).toBe(false);
    expect(isResidentIdShape('1234567890')).toBe(false);
    expect(isResidentIdShape('11010549123100X')).toBe(false);
    expect(isResidentIdShape('')).toBe(false);
  });
});

describe('maskResidentId', () => {
  it('keeps the last 4 only (the middle is the birth date, kept beside it)', () => {
    expect(maskResidentId('11010519491231002X')).toBe('**************002X');
    expect(maskResidentId('440103194611241239')).toBe('**************1239');
  });

  it('refuses a value that is not 18 characters rather than show more of it', () => {
    expect(() => maskResidentId('110105491231002')).toThrow(RangeError);
  });
});
