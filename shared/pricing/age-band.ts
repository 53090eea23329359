import type { AgeBand } from './types.js';

/** Ten-year bands for counts; 60 is where every programme starts, 100 is 百岁 (centenarian). */
export function ageBand(age: number): AgeBand {
  if (age < 60) return 'under60';
  if (age >= 100) return '100+';
  if (age >= 90) return '90-99';
  if (age >= 80) return '80-89';
  if (age >= 70) return '70-79';
  return '60-69';
}
