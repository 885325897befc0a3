// What the standards read from customers, read once per grading run into
// typed columns (docs/architecture.md#performance-budgets: 100,000 customers, every standard on, < 150 ms).
// Customers read back from IndexedDB are scattered over the heap: each field
// read touches the object's property store and each date its own string. The
// standards used to read them once per standard (seven passes, the same
// stages, dates and extras parsed again and again); here one pass reads each
// customer's own keys (for-in: absent fields cost nothing) and parses each
// date once, and every standard then runs over the columns.
import { STAGES, type Stage } from '../customer';
import { dayOf } from '../calendar';
import { type FollowUpSummary } from '../followup';
import { EXTRA_KEYS } from './extra';
import type { GradeInput } from './input';

/** Stage codes: 0 none, 1 + index in STAGES, OTHER_STAGE for text outside the list. */
export const NO_STAGE = 0;
export const LEAD = 1;
export const ORDERED = 2;
export const DELIVERED = 3;
export const OWNER = 4;
export const DEFEATED = 5;
export const OTHER_STAGE = 6;

/** The stage of a code (undefined for none; the text for OTHER_STAGE is in the input). */
export const stageOfCode = (code: number): Stage | undefined =>
  code >= LEAD && code <= DEFEATED ? STAGES[code - 1] : undefined;

function stageCode(value: unknown): number {
  if (value === undefined || value === null) return NO_STAGE;
  // STAGES differ in length: one comparison confirms.
  switch (typeof value === 'string' ? value.length : -1) {
    case 4:
      return value === 'lead' ? LEAD : OTHER_STAGE;
    case 7:
      return value === 'ordered' ? ORDERED : OTHER_STAGE;
    case 9:
      return value === 'delivered' ? DELIVERED : OTHER_STAGE;
    case 5:
      return value === 'owner' ? OWNER : OTHER_STAGE;
    case 8:
      return value === 'defeated' ? DEFEATED : OTHER_STAGE;
    default:
      return OTHER_STAGE;
  }
}

/** A non-negative count from a canonical field, else NaN (absent or invalid). */
const count = (value: unknown): number => (typeof value === 'number' && value >= 0 ? value : NaN);

/** A number from an `extra` column (EXTRA_KEYS), NaN when absent or not a number: unknown, never zero. */
function extraNumberOf(text: unknown): number {
  if (text === undefined || text === '') return NaN;
  const n = Number(text);
  return Number.isFinite(n) ? n : NaN;
}

const YES = new Set(['是', '有', 'Y', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', '无', '没有', 'N', 'n', 'no', 'false', '0']);
/** A yes/no from an `extra` column as a code: 1 yes, 0 no, -1 absent or unreadable. */
function extraFlagOf(text: unknown): number {
  if (typeof text !== 'string') return -1;
  const t = text.trim();
  return YES.has(t) ? 1 : NO.has(t) ? 0 : -1;
}

// Field -> reader index, for the for-in pass.
const F_STAGE = 1;
const F_EXPECTED = 2;
const F_CONTACT = 3;
const F_DELIVERED = 4;
const F_PURCHASED = 5;
const F_LAST_SERVICE = 6;
const F_VIN = 7;
const F_COMPLAINTS = 8;
const F_VISITS = 9;
const F_EVENTS = 10;
const F_REFERRALS = 11;
const F_SPEND = 12;
const F_MILEAGE = 13;
const F_ANNUAL = 14;
const F_PORTAL_GRADE = 15;
const F_SATISFACTION = 16;
const F_MODEL = 17;
const F_USE = 18;
const F_DEFEAT = 19;
const F_FOLLOW_UP = 20;
const F_EXTRA = 21;

/**
 * The reader index of a customer's key, 0 for keys no standard reads. Keys
 * come from for-in, so they are internalized: a switch on the length and one
 * or two identity comparisons beat hashing the key (about 11 ns a key, 18
 * keys a customer).
 */
function fieldIndex(key: string): number {
  switch (key.length) {
    case 3:
      return key === 'vin' ? F_VIN : 0;
    case 5:
      return key === 'stage' ? F_STAGE : key === 'extra' ? F_EXTRA : 0;
    case 8:
      return key === 'followUp' ? F_FOLLOW_UP : 0;
    case 9:
      return key === 'referrals' ? F_REFERRALS : key === 'mileageKm' ? F_MILEAGE : 0;
    case 10:
      return key === 'complaints' ? F_COMPLAINTS : key === 'totalSpend' ? F_SPEND : key === 'vehicleUse' ? F_USE : 0;
    case 11:
      return key === 'deliveredAt'
        ? F_DELIVERED
        : key === 'purchasedAt'
          ? F_PURCHASED
          : key === 'portalGrade'
            ? F_PORTAL_GRADE
            : 0;
    case 12:
      return key === 'satisfaction'
        ? F_SATISFACTION
        : key === 'vehicleModel'
          ? F_MODEL
          : key === 'defeatReason'
            ? F_DEFEAT
            : 0;
    case 13:
      return key === 'lastContactAt'
        ? F_CONTACT
        : key === 'lastServiceAt'
          ? F_LAST_SERVICE
          : key === 'serviceVisits'
            ? F_VISITS
            : 0;
    case 14:
      return key === 'eventsAttended' ? F_EVENTS : 0;
    case 15:
      return key === 'annualMileageKm' ? F_ANNUAL : 0;
    case 18:
      return key === 'expectedPurchaseAt' ? F_EXPECTED : 0;
    default:
      return 0;
  }
}

// Extra headers the standards read as numbers, in the order of the columns they fill (read()).
const EXTRA_NUMBER_KEYS: readonly string[] = [
  EXTRA_KEYS.complaintsResolved,
  EXTRA_KEYS.complaintsUnresolved,
  EXTRA_KEYS.servicesOnSchedule,
  EXTRA_KEYS.repairsHere,
  EXTRA_KEYS.praise,
  EXTRA_KEYS.qualityRepairsInMonth,
  EXTRA_KEYS.openCaseDays,
  EXTRA_KEYS.unclearPriceComplaints,
  EXTRA_KEYS.partsWaitDays,
  EXTRA_KEYS.repairDays,
];

/** New columns of `capacity` rows, or old ones reset on their first `rows`. */
class Columns {
  constructor(
    readonly capacity: number,
    readonly rows: number,
  ) {}
  /** Day numbers: float32 holds every whole day number exactly (and NaN), in half the memory. */
  days(old: Float32Array | undefined): Float32Array {
    return (old ?? new Float32Array(this.capacity)).fill(NaN, 0, this.rows);
  }
  numbers(old: Float64Array | undefined): Float64Array {
    return (old ?? new Float64Array(this.capacity)).fill(NaN, 0, this.rows);
  }
  bytes(old: Uint8Array | undefined): Uint8Array {
    return old ? old.fill(0, 0, this.rows) : new Uint8Array(this.capacity);
  }
  codes(old: Int32Array | undefined): Int32Array {
    return old ? old.fill(0, 0, this.rows) : new Int32Array(this.capacity);
  }
  flags(old: Int8Array | undefined): Int8Array {
    return (old ?? new Int8Array(this.capacity)).fill(-1, 0, this.rows);
  }
}

/**
 * The customers of one run as columns, row i = inputs[i]. Days are day
 * numbers (lib/followup/calendar.ts), NaN when absent or unreadable; counts
 * are NaN when absent or invalid (`count`); texts are codes into
 * `texts` (0 = absent), so a standard interprets each distinct text once.
 */
export class CustomerFacts {
  readonly length: number;
  /** Code -> text; code 0 is "absent". */
  readonly texts: string[] = [''];
  private readonly codeOfText = new Map<string, number>();

  /** The `stage` field; `logStage` the stage the follow-up log last set. */
  readonly stage: Uint8Array;
  readonly logStage: Uint8Array;
  /** holdsVehicle (loyalty.ts): owners and delivered buyers, or no stage and a car on record. */
  readonly holds: Uint8Array;

  readonly expected: Float32Array;
  /** lastContactAt of the record; `logContact` / `chosen`: the follow-up log's last contact and agreed next date. */
  readonly contact: Float32Array;
  readonly logContact: Float32Array;
  readonly chosen: Float32Array;
  /** The day of a store visit still owed its SMS (FollowUpSummary.smsOwedSince); the day an event invitation falls due. */
  readonly smsOwed: Float32Array;
  readonly invitationDue: Float32Array;
  /** The car's delivery date once known (extra 预计交车日期), else the expected purchase date. */
  readonly delivery: Float32Array;
  readonly delivered: Float32Array;
  readonly lastService: Float32Array;
  /** dayOf(deliveredAt ?? purchasedAt): since when the car is held. */
  readonly heldSince: Float32Array;
  /** dayOf(purchasedAt ?? deliveredAt): where 三包 and warranty count from. */
  readonly vehicleStart: Float32Array;

  readonly complaints: Float64Array;
  readonly serviceVisits: Float64Array;
  readonly eventsAttended: Float64Array;
  readonly referrals: Float64Array;
  readonly totalSpend: Float64Array;
  readonly mileageKm: Float64Array;
  /** A positive annual mileage, else NaN. */
  readonly annualKm: Float64Array;

  /** Extra numbers (extraNumberOf), NaN when absent. */
  readonly complaintsResolved: Float64Array;
  readonly complaintsUnresolved: Float64Array;
  readonly servicesOnSchedule: Float64Array;
  readonly repairsHere: Float64Array;
  readonly praise: Float64Array;
  readonly qualityRepairsInMonth: Float64Array;
  readonly openCaseDays: Float64Array;
  readonly unclearPriceComplaints: Float64Array;
  readonly partsWaitDays: Float64Array;
  readonly repairDays: Float64Array;
  /** Extra yes/no facts: 1 yes, 0 no, -1 unknown. */
  readonly pressThreat: Int8Array;
  readonly majorQualityIssue: Int8Array;
  /** 1 when the customer has an `extra` record at all. */
  readonly hasExtra: Uint8Array;

  /** The given intent grade text: the follow-up log's grade, else the portal's; `givenManual` 1 when from the log. */
  readonly given: Int32Array;
  readonly givenManual: Uint8Array;
  readonly satisfaction: Int32Array;
  readonly vehicleModel: Int32Array;
  readonly vehicleUse: Int32Array;
  /** defeatReason ?? the follow-up log's defeat reason. */
  readonly defeatText: Int32Array;
  readonly customerType: Int32Array;

  /** Rows the columns have room for (at least `length`). */
  readonly capacity: number;

  /**
   * Reads the customers. `scratch`, the facts of an earlier run, gives its
   * columns when they are long enough (and must not be read again): a run
   * then allocates no column memory, which V8 counts as external memory and
   * answers with full collections of the whole heap (measured: a
   * mark-compact per run, 120-290 ms, with fresh columns every run).
   */
  /** The customers read (none once released). */
  get inputs(): readonly GradeInput[] {
    return this.customers;
  }
  private customers: readonly GradeInput[];

  /**
   * Lets go of the customers and texts once a run is graded: facts kept as
   * scratch for the next run must not keep the last run's customers alive.
   */
  release(): void {
    this.customers = [];
    this.texts.length = 1;
    this.codeOfText.clear();
    this.codeOfChar.fill(0);
  }

  constructor(inputs: readonly GradeInput[], scratch?: CustomerFacts) {
    this.customers = inputs;
    const n = (this.length = inputs.length);
    if (scratch !== undefined && scratch.capacity < n) scratch = undefined;
    this.capacity = scratch?.capacity ?? n;
    const columns = new Columns(this.capacity, n);
    this.stage = columns.bytes(scratch?.stage);
    this.logStage = columns.bytes(scratch?.logStage);
    this.holds = columns.bytes(scratch?.holds);
    this.expected = columns.days(scratch?.expected);
    this.contact = columns.days(scratch?.contact);
    this.logContact = columns.days(scratch?.logContact);
    this.chosen = columns.days(scratch?.chosen);
    this.smsOwed = columns.days(scratch?.smsOwed);
    this.invitationDue = columns.days(scratch?.invitationDue);
    this.delivery = columns.days(scratch?.delivery);
    this.delivered = columns.days(scratch?.delivered);
    this.lastService = columns.days(scratch?.lastService);
    this.heldSince = columns.days(scratch?.heldSince);
    this.vehicleStart = columns.days(scratch?.vehicleStart);
    this.complaints = columns.numbers(scratch?.complaints);
    this.serviceVisits = columns.numbers(scratch?.serviceVisits);
    this.eventsAttended = columns.numbers(scratch?.eventsAttended);
    this.referrals = columns.numbers(scratch?.referrals);
    this.totalSpend = columns.numbers(scratch?.totalSpend);
    this.mileageKm = columns.numbers(scratch?.mileageKm);
    this.annualKm = columns.numbers(scratch?.annualKm);
    this.complaintsResolved = columns.numbers(scratch?.complaintsResolved);
    this.complaintsUnresolved = columns.numbers(scratch?.complaintsUnresolved);
    this.servicesOnSchedule = columns.numbers(scratch?.servicesOnSchedule);
    this.repairsHere = columns.numbers(scratch?.repairsHere);
    this.praise = columns.numbers(scratch?.praise);
    this.qualityRepairsInMonth = columns.numbers(scratch?.qualityRepairsInMonth);
    this.openCaseDays = columns.numbers(scratch?.openCaseDays);
    this.unclearPriceComplaints = columns.numbers(scratch?.unclearPriceComplaints);
    this.partsWaitDays = columns.numbers(scratch?.partsWaitDays);
    this.repairDays = columns.numbers(scratch?.repairDays);
    this.pressThreat = columns.flags(scratch?.pressThreat);
    this.majorQualityIssue = columns.flags(scratch?.majorQualityIssue);
    this.hasExtra = columns.bytes(scratch?.hasExtra);
    this.given = columns.codes(scratch?.given);
    this.givenManual = columns.bytes(scratch?.givenManual);
    this.satisfaction = columns.codes(scratch?.satisfaction);
    this.vehicleModel = columns.codes(scratch?.vehicleModel);
    this.vehicleUse = columns.codes(scratch?.vehicleUse);
    this.defeatText = columns.codes(scratch?.defeatText);
    this.customerType = columns.codes(scratch?.customerType);
    for (let i = 0; i < n; i++) this.read(inputs[i]!, i);
  }

  // Dates only some customers' grades need (the first visit when never
  // contacted, the first-service date of a delivered car, an owner's
  // birthday) are read when asked: most customers never need them.
  firstVisitOf(i: number): number {
    return dayOf(this.inputs[i]!.firstVisitAt);
  }
  firstServiceOf(i: number): number {
    return dayOf(this.inputs[i]!.firstServiceDueAt);
  }
  birthdayOf(i: number): number {
    return dayOf(this.inputs[i]!.birthday);
  }
  /**
   * A customer's contact days, ascending: every contact of the follow-up log
   * (its last contact for a log folded before the log kept its days), and the
   * portal's last contact when the log has no contact that day.
   */
  contactDaysOf(i: number): number[] {
    const logged = this.inputs[i]!.followUp?.contactDays;
    const days: number[] = [];
    if (logged) for (const d of logged) days.push(dayOf(d));
    else if (this.logContact[i] === this.logContact[i]) days.push(this.logContact[i]!);
    const portal = this.contact[i]!;
    if (portal === portal && !days.includes(portal)) {
      days.push(portal);
      days.sort((a, b) => a - b);
    }
    return days;
  }
  invitationOf(i: number): FollowUpSummary['invitation'] {
    return this.inputs[i]!.followUp?.invitation;
  }
  smsOwedAt(i: number): string | undefined {
    return this.inputs[i]!.followUp?.smsOwedSince;
  }

  /** Codes of one-character ASCII texts (grades 'H', 'A', satisfaction 'B'): no hashing for the commonest texts. */
  private readonly codeOfChar = new Int32Array(128);

  /** The code of a text (interned for this run). */
  code(text: string): number {
    if (text.length === 1) {
      const c = text.charCodeAt(0);
      if (c < 128) {
        const known = this.codeOfChar[c]!;
        if (known !== 0) return known;
        return (this.codeOfChar[c] = this.texts.push(text) - 1);
      }
    }
    let code = this.codeOfText.get(text);
    if (code === undefined) {
      code = this.texts.push(text) - 1;
      this.codeOfText.set(text, code);
    }
    return code;
  }

  private textCode(value: unknown): number {
    return typeof value === 'string' ? this.code(value) : 0;
  }

  private read(input: GradeInput, i: number): void {
    // Plain records (as stored, as captured) are read by their own keys; any
    // other object (a class with getters) by name.
    const proto: unknown = Object.getPrototypeOf(input);
    const plain = proto === Object.prototype || proto === null;
    let portalGrade: unknown;
    let deliveredAt: unknown;
    let purchasedAt: unknown;
    let vin: unknown;
    let defeat: unknown;
    let followUp: GradeInput['followUp'];
    let extra: GradeInput['extra'];
    let expectedText: unknown;
    if (plain) {
      const record = input as unknown as Record<string, unknown>;
      for (const key in record) {
        const field = fieldIndex(key);
        if (field === 0) continue;
        const value = record[key];
        switch (field) {
          case F_STAGE:
            this.stage[i] = stageCode(value);
            break;
          case F_EXPECTED:
            expectedText = value;
            break;
          case F_CONTACT:
            this.contact[i] = dayOf(value as string);
            break;
          case F_DELIVERED:
            deliveredAt = value;
            break;
          case F_PURCHASED:
            purchasedAt = value;
            break;
          case F_LAST_SERVICE:
            this.lastService[i] = dayOf(value as string);
            break;
          case F_VIN:
            vin = value;
            break;
          case F_COMPLAINTS:
            this.complaints[i] = count(value);
            break;
          case F_VISITS:
            this.serviceVisits[i] = count(value);
            break;
          case F_EVENTS:
            this.eventsAttended[i] = count(value);
            break;
          case F_REFERRALS:
            this.referrals[i] = count(value);
            break;
          case F_SPEND:
            this.totalSpend[i] = count(value);
            break;
          case F_MILEAGE:
            this.mileageKm[i] = count(value);
            break;
          case F_ANNUAL:
            if (typeof value === 'number' && value > 0) this.annualKm[i] = value;
            break;
          case F_PORTAL_GRADE:
            portalGrade = value;
            break;
          case F_SATISFACTION:
            this.satisfaction[i] = this.textCode(value);
            break;
          case F_MODEL:
            this.vehicleModel[i] = this.textCode(value);
            break;
          case F_USE:
            this.vehicleUse[i] = this.textCode(value);
            break;
          case F_DEFEAT:
            defeat = value;
            break;
          case F_FOLLOW_UP:
            followUp = value as GradeInput['followUp'];
            break;
          case F_EXTRA:
            extra = value as GradeInput['extra'];
            break;
        }
      }
    } else {
      this.stage[i] = stageCode(input.stage);
      expectedText = input.expectedPurchaseAt;
      this.contact[i] = dayOf(input.lastContactAt);
      deliveredAt = input.deliveredAt;
      purchasedAt = input.purchasedAt;
      this.lastService[i] = dayOf(input.lastServiceAt);
      vin = input.vin;
      this.complaints[i] = count(input.complaints);
      this.serviceVisits[i] = count(input.serviceVisits);
      this.eventsAttended[i] = count(input.eventsAttended);
      this.referrals[i] = count(input.referrals);
      this.totalSpend[i] = count(input.totalSpend);
      this.mileageKm[i] = count(input.mileageKm);
      const annual = input.annualMileageKm;
      if (typeof annual === 'number' && annual > 0) this.annualKm[i] = annual;
      portalGrade = input.portalGrade;
      this.satisfaction[i] = this.textCode(input.satisfaction);
      this.vehicleModel[i] = this.textCode(input.vehicleModel);
      this.vehicleUse[i] = this.textCode(input.vehicleUse);
      defeat = input.defeatReason;
      followUp = input.followUp;
      extra = input.extra;
    }

    const expected = dayOf(expectedText as string);
    this.expected[i] = expected;
    const delivered = dayOf(deliveredAt as string);
    const purchased = dayOf(purchasedAt as string);
    this.delivered[i] = delivered;
    this.heldSince[i] = deliveredAt !== undefined && deliveredAt !== null ? delivered : purchased;
    this.vehicleStart[i] = purchasedAt !== undefined && purchasedAt !== null ? purchased : delivered;
    const stage = this.stage[i]!;
    this.holds[i] =
      stage === OWNER ||
      stage === DELIVERED ||
      (stage === NO_STAGE &&
        input.stage === undefined &&
        (deliveredAt !== undefined || purchasedAt !== undefined || vin !== undefined))
        ? 1
        : 0;

    let manualGrade: unknown;
    if (followUp !== undefined && followUp !== null) {
      this.logStage[i] = stageCode(followUp.stage);
      this.logContact[i] = dayOf(followUp.lastContactAt);
      this.chosen[i] = dayOf(followUp.nextContactAt);
      const owed = followUp.smsOwedSince;
      if (owed !== undefined) this.smsOwed[i] = dayOf(owed);
      const invitation = followUp.invitation;
      if (invitation !== undefined) this.invitationDue[i] = dayOf(invitation.dueAt);
      manualGrade = followUp.grade;
      if (defeat === undefined || defeat === null) defeat = followUp.defeatReason;
    }
    // As intent.ts reads it: the log's grade ?? the portal's, "from the log" when the log has one.
    this.givenManual[i] = manualGrade !== undefined ? 1 : 0;
    this.given[i] = this.textCode(manualGrade ?? portalGrade);
    this.defeatText[i] = this.textCode(defeat);

    let deliveryText: unknown;
    if (extra !== undefined && extra !== null) {
      this.hasExtra[i] = 1;
      const x = extra as Record<string, string | undefined>;
      const columns = [
        this.complaintsResolved,
        this.complaintsUnresolved,
        this.servicesOnSchedule,
        this.repairsHere,
        this.praise,
        this.qualityRepairsInMonth,
        this.openCaseDays,
        this.unclearPriceComplaints,
        this.partsWaitDays,
        this.repairDays,
      ];
      for (let k = 0; k < EXTRA_NUMBER_KEYS.length; k++) columns[k]![i] = extraNumberOf(x[EXTRA_NUMBER_KEYS[k]!]);
      this.pressThreat[i] = extraFlagOf(x[EXTRA_KEYS.pressThreat]);
      this.majorQualityIssue[i] = extraFlagOf(x[EXTRA_KEYS.majorQualityIssue]);
      this.customerType[i] = this.textCode(x[EXTRA_KEYS.customerType]);
      deliveryText = x[EXTRA_KEYS.expectedDeliveryAt];
    }
    this.delivery[i] = deliveryText === undefined || deliveryText === null ? expected : dayOf(deliveryText as string);
  }
}

/** The facts of one customer (a reason read on demand, a customer graded on capture). */
export const factsOf = (input: GradeInput): CustomerFacts => new CustomerFacts([input]);
