/**
 * The district roster the roster system tests import at the hub (roster-pull, roster-reset): three
 * elders of the canteen's town, one of whom (王秀英) the canteen had registered itself first — so a
 * sync re-keys her to her district id and reports the alias.
 */
import { makeIdNumber } from '../../helpers/kiosk-fixture.js';

/** The canteen registered 王秀英 itself before the district's roster reached it (fixture serial 1). */
export const LOCAL = { name: '王秀英', birth: '1956-03-15', sex: 'F', hukou: '440106001', cards: [{ uid: 'A1B2C3D4' }] } as const;
const WANG = makeIdNumber('440106', LOCAL.birth, 'F', 1);
const LI = makeIdNumber('440106', '1940-05-20', 'M', 7);
const CHEN = makeIdNumber('440106', '1961-01-10', 'F', 8);

/** The district's sheet: 王秀英 (card A1B2C3D4), 李国强 (card B2C3D4E5), 陈桂兰 (低保 since 2020). */
export const ROSTER = [
  '姓名,身份证号,卡号,类别,类别起始,类别截止,户籍地,常住地,养老机构,独居',
  `王秀英,${WANG},A1B2C3D4,,,,440106001,440106001,否,是`,
  `李国强,${LI},B2C3D4E5,,,,440106001,440106001,否,否`,
  `陈桂兰,${CHEN},,低保,2020-01-01,,440106001,440106001,否,否`,
].join('\r\n');
