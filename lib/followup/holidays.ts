// Greeting holidays of docs/grading.md#c2-holiday-greetings (grade M: "greetings on holidays
// and the customer's birthday"): 元旦, 春节, 元宵, 清明, 劳动节, 端午, 中秋,
// 国庆. The lunar ones and 清明 (a solar term) come from lunar-javascript for
// any year: no hard-coded date table to go stale.
import { Lunar, Solar } from 'lunar-javascript';
import { daysFromCivil, isoOfDay } from '../calendar';

export const HOLIDAY_IDS = [
  'newYear',
  'springFestival',
  'lantern',
  'qingming',
  'labourDay',
  'dragonBoat',
  'midAutumn',
  'nationalDay',
] as const;
export type HolidayId = (typeof HOLIDAY_IDS)[number];

export const HOLIDAY_NAMES: Record<HolidayId, { zh: string; en: string }> = {
  newYear: { zh: '元旦', en: "New Year's Day" },
  springFestival: { zh: '春节', en: 'Spring Festival' },
  lantern: { zh: '元宵', en: 'Lantern Festival' },
  qingming: { zh: '清明', en: 'Qingming' },
  labourDay: { zh: '劳动节', en: 'Labour Day' },
  dragonBoat: { zh: '端午', en: 'Dragon Boat Festival' },
  midAutumn: { zh: '中秋', en: 'Mid-Autumn Festival' },
  nationalDay: { zh: '国庆', en: 'National Day' },
};

export interface Holiday {
  id: HolidayId;
  name: { zh: string; en: string };
  /** 'YYYY-MM-DD' */
  date: string;
  /** Day number (lib/calendar). */
  day: number;
}

const lunarDay = (year: number, month: number, day: number): number => {
  const solar = Lunar.fromYmd(year, month, day).getSolar();
  return daysFromCivil(solar.getYear(), solar.getMonth(), solar.getDay());
};

function qingmingDay(year: number): number {
  // The table of a lunar date in spring holds that year's 清明.
  const solar = Solar.fromYmd(year, 5, 1).getLunar().getJieQiTable()['清明']!;
  return daysFromCivil(solar.getYear(), solar.getMonth(), solar.getDay());
}

const byYear = new Map<number, readonly Holiday[]>();

/** The eight greeting holidays of a Gregorian year, in date order (computed once per year). */
export function holidaysOfYear(year: number): readonly Holiday[] {
  let list = byYear.get(year);
  if (list) return list;
  // Lunar year `year` starts (春节) inside Gregorian `year`, so its 1/1, 1/15,
  // 5/5 and 8/15 all fall in that Gregorian year.
  const days: Record<HolidayId, number> = {
    newYear: daysFromCivil(year, 1, 1),
    springFestival: lunarDay(year, 1, 1),
    lantern: lunarDay(year, 1, 15),
    qingming: qingmingDay(year),
    labourDay: daysFromCivil(year, 5, 1),
    dragonBoat: lunarDay(year, 5, 5),
    midAutumn: lunarDay(year, 8, 15),
    nationalDay: daysFromCivil(year, 10, 1),
  };
  list = HOLIDAY_IDS.map((id) => ({ id, name: HOLIDAY_NAMES[id], date: isoOfDay(days[id]), day: days[id] })).sort(
    (a, b) => a.day - b.day,
  );
  byYear.set(year, list);
  return list;
}

/** The first of the chosen holidays on or after `fromDay` (day numbers). */
export function nextHoliday(
  fromDay: number,
  year: number,
  ids: readonly HolidayId[] = HOLIDAY_IDS,
): Holiday | undefined {
  for (const y of [year, year + 1]) {
    for (const h of holidaysOfYear(y)) if (h.day >= fromDay && ids.includes(h.id)) return h;
  }
  return undefined;
}
