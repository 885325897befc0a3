// The part of lunar-javascript (6tail, no bundled types) that lib/followup uses.
declare module 'lunar-javascript' {
  export class Solar {
    static fromYmd(year: number, month: number, day: number): Solar;
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    getLunar(): Lunar;
    toYmd(): string;
  }
  export class Lunar {
    /** A lunar date; a negative month is the leap month of that number. */
    static fromYmd(lunarYear: number, lunarMonth: number, lunarDay: number): Lunar;
    getSolar(): Solar;
    /** Solar terms around this lunar year, by Chinese name (清明, ...). */
    getJieQiTable(): Record<string, Solar>;
  }
}
