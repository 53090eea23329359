/** The export's file name, read from the hub's Content-Disposition, never a path. */
import { describe, expect, it } from 'vitest';
import { downloadName } from '../../../renderer/district/api/download-name.js';

describe('downloadName', () => {
  it('prefers the RFC 5987 UTF-8 name, then the plain one, then the fallback', () => {
    expect(downloadName(`attachment; filename="x.csv"; filename*=UTF-8''${encodeURIComponent('结算 2026-10.xlsx')}`, 'f.xlsx')).toBe('结算 2026-10.xlsx');
    expect(downloadName('attachment; filename="daily.csv"', 'f.csv')).toBe('daily.csv');
    expect(downloadName('attachment; filename=plain.csv', 'f.csv')).toBe('plain.csv');
    expect(downloadName(null, 'f.csv')).toBe('f.csv');
    expect(downloadName('attachment', 'f.csv')).toBe('f.csv');
  });

  it('drops path separators and control characters, and refuses a name that is only dots', () => {
    expect(downloadName(`attachment; filename*=UTF-8''${encodeURIComponent('../../etc/passwd')}`, 'f')).toBe('....etcpasswd');
    expect(downloadName(`attachment; filename*=UTF-8''a%0Ab.csv`, 'f')).toBe('ab.csv');
    expect(downloadName('attachment; filename=".."', 'f.csv')).toBe('f.csv');
    expect(downloadName(`attachment; filename*=UTF-8''%E0%A4%A`, 'f.csv')).toBe('f.csv');
  });
});
