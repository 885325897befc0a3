import { describe, expect, it } from 'vitest';
import {
  CONSULTANTS,
  DEFEAT_REASONS,
  DISTRICTS,
  generateCustomers,
  isoDate,
  dayNumber,
  type DemoCustomer,
} from './data.ts';

// Independent implementations of the check digits, so the tests do not trust
// the generator's own helpers.
function validIdNumber(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}

function validVin(vin: string): boolean {
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return false;
  const translit = (c: string): number =>
    /\d/.test(c)
      ? Number(c)
      : 'ABCDEFGH'.includes(c)
        ? 'ABCDEFGH'.indexOf(c) + 1
        : 'JKLMN'.includes(c)
          ? 'JKLMN'.indexOf(c) + 1
          : c === 'P'
            ? 7
            : c === 'R'
              ? 9
              : 'STUVWXYZ'.indexOf(c) + 2;
  const weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
  const r = [...vin].reduce((s, c, i) => s + translit(c) * weights[i]!, 0) % 11;
  return vin[8] === (r === 10 ? 'X' : String(r));
}

const MOBILE = /^1(3\d|5[0-35-9]|8\d|9[0-35-9])\d{8}$/;
const TODAY = '2026-11-23';
const customers = generateCustomers();
const share = (pred: (c: DemoCustomer) => boolean): number => customers.filter(pred).length / customers.length;

describe('demo customers are seeded', () => {
  it('gives 2000 customers by default', () => {
    expect(customers).toHaveLength(2000);
  });

  it('gives the same customers for the same seed', () => {
    expect(generateCustomers(300, 7)).toEqual(generateCustomers(300, 7));
  });

  it('gives different customers for a different seed', () => {
    const a = generateCustomers(50, 1);
    const b = generateCustomers(50, 2);
    expect(a.map((c) => c.phone)).not.toEqual(b.map((c) => c.phone));
    expect(a.map((c) => c.name)).not.toEqual(b.map((c) => c.name));
  });
});

describe('identity data is valid (docs/capture.md#identity-and-de-duplication customer record)', () => {
  it('gives every customer a valid, unique mainland mobile', () => {
    for (const c of customers) expect(c.phone, c.portalId).toMatch(MOBILE);
    expect(new Set(customers.map((c) => c.phone)).size).toBe(customers.length);
  });

  it('gives unique portal customer numbers', () => {
    expect(new Set(customers.map((c) => c.portalId)).size).toBe(customers.length);
  });

  it('gives some customers an 18-digit ID number with a correct checksum', () => {
    const withId = customers.filter((c) => c.idNumber !== undefined);
    expect(withId.length).toBeGreaterThan(customers.length * 0.2);
    expect(withId.length).toBeLessThan(customers.length * 0.8);
    for (const c of withId) expect(validIdNumber(c.idNumber!), c.idNumber).toBe(true);
  });

  it('keeps an ID number consistent with the birthday and the gender', () => {
    for (const c of customers.filter((x) => x.idNumber)) {
      expect(c.idNumber!.slice(6, 14)).toBe(c.birthday!.replace(/-/g, ''));
      expect(Number(c.idNumber![16]) % 2 === 1 ? 'male' : 'female').toBe(c.gender);
    }
  });

  it('gives owners a valid VIN and a 惠州 (粤L) plate', () => {
    const owners = customers.filter((c) => c.stage === 'owner' || c.stage === 'delivered');
    for (const c of owners) {
      expect(validVin(c.vin!), c.vin).toBe(true);
      expect(c.plate).toMatch(/^粤L·([A-HJ-NP-Z0-9]{5}|[DF]\d{5})$/);
      expect(c.purchasedAt! <= c.deliveredAt!).toBe(true);
      expect(c.mileageKm).toBeGreaterThan(0);
    }
    expect(
      customers.filter((c) => c.stage === 'lead' || c.stage === 'defeated').every((c) => c.vin === undefined),
    ).toBe(true);
  });
});

describe('the store looks like a 4S store in 惠州', () => {
  it('has realistic stage proportions', () => {
    expect(share((c) => c.stage === 'lead')).toBeGreaterThan(0.35);
    expect(share((c) => c.stage === 'lead')).toBeLessThan(0.55);
    expect(share((c) => c.stage === 'owner')).toBeGreaterThan(0.18);
    expect(share((c) => c.stage === 'defeated')).toBeGreaterThan(0.12);
    expect(share((c) => c.stage === 'ordered')).toBeGreaterThan(0.01);
    expect(share((c) => c.stage === 'delivered')).toBeGreaterThan(0.01);
  });

  it('grades leads H/A/B/C and others O/D/M by stage (Standard 1); defeated carry no grade', () => {
    const expected = { ordered: 'O', delivered: 'D', owner: 'M' } as const;
    for (const c of customers) {
      if (c.stage === 'lead') expect(['H', 'A', 'B', 'C']).toContain(c.portalGrade);
      else if (c.stage === 'defeated') expect(c.portalGrade).toBeUndefined();
      else expect(c.portalGrade).toBe(expected[c.stage]);
    }
    for (const g of ['H', 'A', 'B', 'C']) expect(customers.some((c) => c.portalGrade === g)).toBe(true);
  });

  it("mostly gives an expected purchase date inside the lead grade's window, a few disagree", () => {
    const windows = { H: [1, 7], A: [8, 30], B: [31, 90], C: [91, 10000] } as const;
    const leads = customers.filter((c) => c.stage === 'lead');
    const agree = leads.filter((c) => {
      const days = dayNumber(c.expectedPurchaseAt!) - dayNumber(TODAY);
      const [lo, hi] = windows[c.portalGrade as 'H' | 'A' | 'B' | 'C'];
      return days >= lo && days <= hi;
    });
    expect(agree.length / leads.length).toBeGreaterThan(0.9);
    expect(agree.length).toBeLessThan(leads.length);
  });

  it('gives every defeated customer a reason from the preset list, and a competitor for 竞品', () => {
    const defeated = customers.filter((c) => c.stage === 'defeated');
    for (const c of defeated) {
      expect(DEFEAT_REASONS).toContain(c.defeatReason);
      if (c.defeatReason === '竞品') expect(c.competitor).toBeTruthy();
      else expect(c.competitor).toBeUndefined();
    }
    expect(new Set(defeated.map((c) => c.defeatReason)).size).toBe(DEFEAT_REASONS.length);
  });

  it('spreads customers over every district, source and the 8 consultants', () => {
    expect(new Set(customers.map((c) => c.district))).toEqual(new Set(DISTRICTS));
    expect(new Set(customers.map((c) => c.source))).toEqual(new Set(['展厅', '电话', '网络', '转介绍', '车展']));
    expect(new Set(customers.map((c) => c.consultant))).toEqual(new Set(CONSULTANTS));
    for (const c of customers) expect(c.address.includes(c.district)).toBe(true);
  });

  it('names a referrer for every 转介绍 customer, and credits owners who refer', () => {
    for (const c of customers.filter((x) => x.source === '转介绍')) expect(c.referrer).toBeTruthy();
    const credited = customers.reduce((s, c) => s + (c.referrals ?? 0), 0);
    expect(credited).toBeGreaterThan(0);
  });

  it('has owners who churned (no service for over 6 months) and owners who never came in', () => {
    const owners = customers.filter((c) => c.stage === 'owner');
    expect(owners.some((c) => c.serviceVisits === 0 && c.lastServiceAt === undefined)).toBe(true);
    expect(owners.some((c) => c.lastServiceAt && dayNumber(TODAY) - dayNumber(c.lastServiceAt) > 180)).toBe(true);
    expect(owners.some((c) => c.lastServiceAt && dayNumber(TODAY) - dayNumber(c.lastServiceAt) < 90)).toBe(true);
  });

  it('has Chinese names, some known only by surname from a phone call', () => {
    for (const c of customers) expect(c.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
    expect(customers.some((c) => /(先生|女士)$/.test(c.name))).toBe(true);
  });
});

describe('dates are relative to the reference date, not the clock', () => {
  it('keeps every visit and contact on or before the reference date, contact after first visit', () => {
    for (const c of customers) {
      expect(c.firstVisitAt <= TODAY, c.portalId).toBe(true);
      expect(c.lastContactAt.slice(0, 10) <= TODAY).toBe(true);
      expect(c.lastContactAt.slice(0, 10) >= c.firstVisitAt).toBe(true);
      expect(c.lastContactAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      if (c.lastServiceAt) expect(c.lastServiceAt <= TODAY).toBe(true);
    }
  });

  it('moves with the reference date passed in', () => {
    const a = generateCustomers(30, 5, '2026-11-23');
    const b = generateCustomers(30, 5, '2027-01-01');
    const shift = dayNumber('2027-01-01') - dayNumber('2026-11-23');
    expect(b.map((c) => c.firstVisitAt)).toEqual(a.map((c) => isoDate(dayNumber(c.firstVisitAt) + shift)));
  });

  it('converts day numbers and ISO dates both ways, across leap days', () => {
    for (const iso of ['1970-01-01', '2000-02-29', '2024-02-29', '2026-11-23', '1965-12-31']) {
      expect(isoDate(dayNumber(iso))).toBe(iso);
    }
    expect(dayNumber('2026-11-23')).toBe(Date.UTC(2026, 10, 23) / 86_400_000);
  });
});

describe('notes with typed markup', () => {
  it('puts script and bold markup in a few notes on the first page', () => {
    const first = customers.slice(0, 20).map((c) => c.notes);
    expect(first.some((n) => n.includes('<script>alert(1)</script>'))).toBe(true);
    expect(first.some((n) => n.includes('<b>VIP</b>'))).toBe(true);
    expect(customers.filter((c) => /<\w/.test(c.notes)).length).toBeLessThan(customers.length * 0.01);
  });
});

describe('scale', () => {
  // Its speed shows in npm run bench (the 100,000-customer pages); here, that nothing collides at scale.
  it('generates 100,000 customers, still with unique mobiles', () => {
    const big = generateCustomers(100_000);
    expect(big).toHaveLength(100_000);
    expect(new Set(big.map((c) => c.phone)).size).toBe(100_000);
  }, 60_000);
});
