import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET, gradeAll, gradeCustomer, type GradeInput } from '../../../lib/grading';
import { EXTRA_KEYS } from '../../../lib/grading/extra';
import { at } from './helpers';

// gradeAll reads every customer once into columns (lib/grading/facts.ts) and
// reuses the columns run after run; a grade must not depend on how the
// customer was read.

const today = at('2026-03-10');

/** Customers of every kind docs/grading.md#g0-rules-every-standard-follows, with the data staff really leave out or get wrong. */
const store: GradeInput[] = [
  {
    id: 'lead-h',
    stage: 'lead',
    portalGrade: 'H',
    lastContactAt: '2026-03-07T23:30',
    expectedPurchaseAt: '2026-03-12',
  },
  {
    id: 'lead-manual',
    stage: 'lead',
    portalGrade: 'B',
    followUp: { count: 1, grade: 'A级', lastContactAt: '2026-03-09T10:00', nextContactAt: '2026-03-20' },
  },
  { id: 'lead-unknown', stage: 'lead', portalGrade: 'Z', firstVisitAt: '2026-03-01' },
  {
    id: 'ordered',
    stage: 'ordered',
    lastContactAt: '2026-03-01T10:00',
    extra: { [EXTRA_KEYS.expectedDeliveryAt]: '2026-03-05' },
  },
  {
    id: 'delivered',
    stage: 'delivered',
    deliveredAt: '2026-03-01',
    firstServiceDueAt: '2026-08-28',
    vehicleUse: 'commercial',
  },
  {
    id: 'owner',
    stage: 'owner',
    deliveredAt: '2023-02-28',
    birthday: '1980-03-12',
    lastServiceAt: '2025-07-01',
    serviceVisits: 5,
    totalSpend: 23000,
    mileageKm: 61000,
    satisfaction: 'A',
    vehicleModel: '途昂',
  },
  {
    id: 'owner-complaints',
    stage: 'owner',
    purchasedAt: '2025-01-01',
    complaints: 2,
    extra: { [EXTRA_KEYS.complaintsUnresolved]: '1', [EXTRA_KEYS.openCaseDays]: '25', [EXTRA_KEYS.pressThreat]: '是' },
  },
  { id: 'fleet', vin: 'LSVAA4BR0LN000001', extra: { [EXTRA_KEYS.customerType]: '车队' }, totalSpend: 5000 },
  {
    id: 'defeated',
    stage: 'defeated',
    defeatReason: '太贵了',
    lastContactAt: '2026-01-15T09:00',
    competitor: '比亚迪 汉',
  },
  { id: 'back', stage: 'lead', defeatReason: '价格高', portalGrade: 'C', lastContactAt: '2026-02-01' },
  {
    id: 'log-defeated',
    followUp: { count: 2, stage: 'defeated', defeatReason: '家人反对', lastContactAt: '2026-03-02T16:00' },
  },
  {
    id: 'bad-data',
    stage: 'owner',
    deliveredAt: '2026-02-30',
    lastServiceAt: 'soon',
    serviceVisits: -1,
    totalSpend: Number.NaN,
    satisfaction: ' b ',
  },
  { id: 'empty' },
];

const graded = (reports: ReturnType<typeof gradeAll>) => reports.map((r) => JSON.stringify(r));

describe('reading customers for grading', () => {
  it('gradeAll grades every customer exactly as gradeCustomer does', () => {
    const one = store.map((c) => JSON.stringify(gradeCustomer(c, DEFAULT_RULE_SET, today)));
    expect(graded(gradeAll(store, DEFAULT_RULE_SET, today))).toEqual(one);
  });

  it('a longer run, then a shorter one on the reused columns, leaves nothing of the first behind', () => {
    const many = Array.from({ length: 40 }, (_, i) => store[i % store.length]!);
    gradeAll(many, DEFAULT_RULE_SET, today);
    const short = [store[12]!, store[0]!, store[5]!];
    expect(graded(gradeAll(short, DEFAULT_RULE_SET, today))).toEqual(
      short.map((c) => JSON.stringify(gradeCustomer(c, DEFAULT_RULE_SET, today))),
    );
  });

  it('a customer held in a class with getters is graded as the same plain record', () => {
    class Held {
      get stage() {
        return 'owner' as const;
      }
      get deliveredAt() {
        return '2023-02-28';
      }
      get lastServiceAt() {
        return '2025-07-01';
      }
      get serviceVisits() {
        return 5;
      }
      get totalSpend() {
        return 23000;
      }
      get birthday() {
        return '1980-03-12';
      }
    }
    const plain = {
      stage: 'owner',
      deliveredAt: '2023-02-28',
      lastServiceAt: '2025-07-01',
      serviceVisits: 5,
      totalSpend: 23000,
      birthday: '1980-03-12',
    } as const;
    expect(gradeAll([new Held()], DEFAULT_RULE_SET, today)[0]!.summary()).toEqual(
      gradeAll([plain], DEFAULT_RULE_SET, today)[0]!.summary(),
    );
  });

  it('a field present but undefined reads as absent: a lead with deliveredAt: undefined holds no car', () => {
    const summary = gradeAll(
      [{ stage: undefined, deliveredAt: undefined, portalGrade: 'A' }],
      DEFAULT_RULE_SET,
      today,
    )[0]!.summary();
    expect([summary.loyalty, summary.intent]).toEqual(['n/a', 'A']);
  });

  it('the car is held since delivery, else purchase; 三包 counts from purchase, else delivery', () => {
    // Delivered 2024-03-11 but bought 2024-01-01: 三包 (2 years from purchase) ended 2026-01-01.
    const car = { stage: 'owner', purchasedAt: '2024-01-01', deliveredAt: '2024-03-11', mileageKm: 1000 } as const;
    expect(gradeAll([car], DEFAULT_RULE_SET, today)[0]!.summary().aftersales).toBe('warranty');
    expect(gradeAll([{ ...car, purchasedAt: undefined }], DEFAULT_RULE_SET, today)[0]!.summary().aftersales).toBe(
      'sanbao',
    );
  });
});
