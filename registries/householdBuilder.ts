/**
 * Builds one generated household of a given profile: its members, what it declares, and the
 * department records that make the profile come true under the rules given. Income ranges stay
 * well clear of the line and the edge, so rounding never decides a profile.
 */
import type { EligibilityRules, SourceId } from '../definitions/eligibility';
import type { CaseOrgs } from '../definitions/shared/actors';
import type { ApplicationInput } from '../definitions/shared/application';
import { birthDateFor, personName, residentIdFor, surnameOf } from './people';
import type { SeededRandom } from './random';
import type { RegistryRow } from './registryTables';

export const householdProfiles = [
  'eligible',
  'overIncome',
  'lowIncomeEdge',
  'hiddenDeposits',
  'hiddenVehicle',
  'secondProperty',
  'business',
  'deadMember',
] as const;
export type HouseholdProfile = (typeof householdProfiles)[number];

export interface GeneratedHousehold {
  index: number;
  profile: HouseholdProfile;
  application: ApplicationInput;
  rows: Partial<Record<SourceId, RegistryRow[]>>;
}

export interface BuildContext {
  random: SeededRandom;
  index: number;
  profile: HouseholdProfile;
  orgs: CaseOrgs;
  onDate: string;
  rules: EligibilityRules;
  seed: number;
  /** Id numbers already handed out in this run. */
  taken: Set<string>;
}

type MemberInput = ApplicationInput['household']['members'][number];
type Declared = Required<ApplicationInput['declared']>;

/** Per-capita income as a share of the line, per profile. */
const incomeRatio: Record<HouseholdProfile, [number, number]> = {
  eligible: [0.15, 0.75],
  overIncome: [1.7, 2.6],
  lowIncomeEdge: [1.05, 1.45],
  hiddenDeposits: [0.15, 0.75],
  hiddenVehicle: [0.15, 0.75],
  secondProperty: [0.15, 0.75],
  business: [0.15, 0.75],
  deadMember: [0.15, 0.75],
};

/** Prefix of each department's record references (拼音 initials, as their systems might use). */
const refCodes: Record<SourceId, string> = {
  householdRegistration: 'HJ',
  civilAffairs: 'MZ',
  socialSecurity: 'RS',
  realEstate: 'BDC',
  vehicles: 'CL',
  businessRegistration: 'SC',
  tax: 'SW',
  providentFund: 'GJJ',
  banks: 'YH',
  securities: 'ZQ',
  insurers: 'BX',
  internetFinance: 'HLW',
  utilities: 'SD',
};

function daysBefore(onDate: string, days: number): string {
  return new Date(Date.parse(`${onDate}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Collects a household's records, giving each a reference unique to seed, household and source. */
class RecordBook {
  readonly rows: Partial<Record<SourceId, RegistryRow[]>> = {};
  private readonly counters = new Map<SourceId, number>();

  constructor(
    private readonly seed: number,
    private readonly index: number
  ) {}

  add(sourceId: SourceId, member: MemberInput, row: RegistryRow): void {
    const n = (this.counters.get(sourceId) ?? 0) + 1;
    this.counters.set(sourceId, n);
    const ref = `${refCodes[sourceId]}-${this.seed}-${String(this.index + 1).padStart(4, '0')}-${String(n).padStart(2, '0')}`;
    (this.rows[sourceId] ??= []).push({ record_ref: ref, id_number: member.idNumber, ...row });
  }
}

/** The applicant, maybe a spouse, children, and for 'deadMember' an elderly parent (listed last). */
function composeMembers(ctx: BuildContext): MemberInput[] {
  const { random, profile, onDate } = ctx;
  const person = (age: number, sex: 'male' | 'female', surname?: string) => {
    const birthDate = birthDateFor(random, age, onDate);
    const name = personName(random, surname);
    return { name, birthDate, idNumber: residentIdFor(random, ctx.orgs.county, birthDate, sex, ctx.taken) };
  };
  const withParent = profile === 'deadMember';
  const size = withParent ? random.int(3, 4) : random.int(1, 4);
  const applicantAge = withParent ? random.int(35, 55) : random.int(28, 72);
  const sex = random.chance(0.5) ? 'male' : 'female';
  const applicant = person(applicantAge, sex);
  const family = surnameOf(applicant.name);
  const members: MemberInput[] = [
    { ...applicant, relation: 'self', employment: applicantAge >= 60 ? 'retired' : 'unemployed' },
  ];
  if (size >= 2) {
    const disabled = random.chance(0.15);
    members.push({
      ...person(Math.max(22, applicantAge + random.int(-5, 5)), sex === 'male' ? 'female' : 'male'),
      relation: 'spouse',
      disability: disabled ? 'severe' : 'none',
      employment: disabled ? 'unableToWork' : 'unemployed',
    });
  }
  while (members.length < size - (withParent ? 1 : 0)) {
    const age = random.int(2, Math.min(20, applicantAge - 20));
    const child = person(age, random.chance(0.5) ? 'male' : 'female', family);
    members.push({ ...child, relation: 'child', employment: age < 6 ? 'child' : 'student' });
  }
  if (withParent)
    members.push({ ...person(random.int(76, 92), 'male', family), relation: 'parent', employment: 'retired' });
  return members;
}

/** One earner, the applicant: verified by social security (and tax), or declared only (farming). */
function recordIncome(ctx: BuildContext, book: RecordBook, head: MemberInput, living: number): number {
  const { random, profile, onDate } = ctx;
  const [low, high] = incomeRatio[profile];
  const total = Math.round(random.between(low, high) * ctx.rules.dibaoLine.value * living);
  head.monthlyIncome = total;
  if (low < 1 && random.chance(0.35)) return total;
  if (head.employment === 'retired') {
    book.add('socialSecurity', head, { record_type: 'pension', monthly_amount: total, employer: null, since: null });
    return total;
  }
  const employer = `${random.pick(['建材', '食品', '物流', '服装'])}有限公司`;
  book.add('socialSecurity', head, { record_type: 'wage', monthly_amount: total, employer, since: null });
  book.add('socialSecurity', head, {
    record_type: 'contribution',
    monthly_amount: null,
    employer,
    since: daysBefore(onDate, 800),
  });
  if (profile === 'overIncome') {
    const year = Number(onDate.slice(0, 4)) - 1;
    book.add('tax', head, { tax_year: year, income_type: 'wage', annual_income: total * 12 });
  }
  head.employment = 'employed';
  return total;
}

/** The home most own, deposits (within the limit unless hidden), and the profile's extra asset. */
function recordProperty(ctx: BuildContext, book: RecordBook, members: MemberInput[], living: number): Declared {
  const { random, profile, onDate, orgs, rules } = ctx;
  const head = members[0] as MemberInput;
  const declared: Declared = { monthlyIncome: 0, deposits: 0, vehicles: 0, properties: 0, businessOwner: false };
  const home = { address: `${orgs.village}村${ctx.index + 1}号`, use: 'residential', assessed_value: null };
  if (profile === 'secondProperty' || random.chance(0.75)) {
    book.add('realEstate', head, { ...home, floor_area: random.int(40, 110) });
    declared.properties = 1;
  }
  if (profile === 'secondProperty') {
    const flat = `城区某小区${random.int(1, 30)}号楼`;
    book.add('realEstate', members[members.length - 1] as MemberInput, { ...home, address: flat, floor_area: 90 });
  }

  const limit = rules.assets.financialAssetMonths.value * rules.dibaoLine.value * living;
  const bank = { bank_name: random.pick(['中国农业银行', '中国工商银行', '泰安银行', '农村商业银行']), as_of: onDate };
  const account = `****${random.int(1000, 9999)}`;
  if (profile === 'hiddenDeposits') {
    book.add('banks', head, { ...bank, account_no: account, balance: Math.round(random.between(1.3, 3) * limit) });
    declared.deposits = random.int(0, 5) * 1000;
  } else if (random.chance(0.6)) {
    const balance = Math.round(random.between(0.02, 0.3) * limit);
    book.add('banks', head, { ...bank, account_no: account, balance });
    declared.deposits = balance;
  }

  const ceiling = rules.assets.lowValueVehicleCeiling.value;
  const plate = `鲁J${random.int(10000, 99999)}`;
  if (profile === 'hiddenVehicle') {
    const value = Math.round(ceiling * random.between(2, 5));
    book.add('vehicles', head, { plate, vehicle_type: 'passengerCar', assessed_value: value, registered_on: null });
  } else if (profile === 'eligible' && random.chance(0.3)) {
    const exempt = rules.assets.exemptVehicleCategories.value[0] ?? 'motorcycle';
    book.add('vehicles', head, {
      plate,
      vehicle_type: exempt,
      assessed_value: Math.round(ceiling / 4),
      registered_on: null,
    });
    declared.vehicles = 1;
  }

  const business = { entity_name: `${surnameOf(head.name)}氏商贸`, employees: 0 };
  if (profile === 'business') {
    const capital = Math.round(rules.assets.businessCapitalCeiling.value * random.between(2, 10));
    book.add('businessRegistration', head, {
      ...business,
      entity_type: 'company',
      registered_capital: capital,
      status: 'active',
    });
  } else if (profile === 'eligible' && random.chance(0.3)) {
    book.add('businessRegistration', head, {
      ...business,
      entity_type: 'individual',
      registered_capital: 20_000,
      status: 'deregistered',
    });
  }
  return declared;
}

export function buildHousehold(ctx: BuildContext): GeneratedHousehold {
  const { random, index, profile, orgs, onDate } = ctx;
  const book = new RecordBook(ctx.seed, index);
  const members = composeMembers(ctx);
  const head = members[0] as MemberInput;
  const deceased = profile === 'deadMember' ? (members[members.length - 1] as MemberInput) : undefined;
  const living = members.length - (deceased ? 1 : 0);

  for (const member of members) {
    book.add('householdRegistration', member, {
      name: member.name,
      household_number: `H${ctx.seed}-${String(index + 1).padStart(4, '0')}`,
      address: `${orgs.village}村${index + 1}号`,
      registered_on: daysBefore(onDate, random.int(400, 9000)),
    });
  }
  if (deceased) {
    // Civil affairs registered the death; the pension record is still on file but stopped with him.
    book.add('civilAffairs', deceased, {
      event: 'death',
      event_date: daysBefore(onDate, random.int(20, 300)),
      note: null,
    });
    const pension = random.int(1500, 2500);
    book.add('socialSecurity', deceased, {
      record_type: 'pension',
      monthly_amount: pension,
      employer: null,
      since: null,
    });
  }
  const income = recordIncome(ctx, book, head, living);
  const declared = { ...recordProperty(ctx, book, members, living), monthlyIncome: income };
  const period = onDate.slice(0, 7);
  book.add('utilities', head, {
    utility: 'electricity',
    account_no: `${index + 1}`,
    monthly_amount: random.int(40, 200),
    period,
  });

  return {
    index,
    profile,
    application: {
      program: 'dibao',
      orgs,
      channel: 'window',
      applicant: { name: head.name, idNumber: head.idNumber },
      household: { address: `${orgs.village}村${index + 1}号`, members },
      declared,
      materials: ['idCard', 'householdRegister', 'applicationForm', 'integrityPledge', 'checkAuthorisation'],
      pledgeSigned: true,
      checkAuthorised: true,
      closeRelative: null,
    },
    rows: book.rows,
  };
}
