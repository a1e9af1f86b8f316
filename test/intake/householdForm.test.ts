/**
 * The household form: what the clerk must confirm, and the application each program's child case
 * receives from it.
 */
import type { HouseholdApplicationInput } from '../../definitions/intake/householdForm';
import { childApplication, householdApplicationSchema } from '../../definitions/intake/householdForm';
import { applicationSchema } from '../../definitions/shared/application';
import { anApplication } from '../support/factories';

const claim = { kind: 'emergency', amountClaimed: 500, description: '家中失火' } as const;
function form(overrides: Partial<HouseholdApplicationInput> = {}): HouseholdApplicationInput {
  const { program: _program, ...rest } = anApplication();
  return { ...rest, programs: ['dibao', 'temporaryHelp'], temporaryHelp: claim, ...overrides };
}
const paths = (input: unknown) => {
  const parsed = householdApplicationSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('household form / what the clerk confirms', () => {
  it('accepts programs with referrals, defaulting circumstances and referrals', () => {
    const parsed = householdApplicationSchema.parse(form());
    expect(parsed.referrals).toEqual([]);
    expect(parsed.circumstances).toEqual({ housing: 'adequate', legalDispute: false });
  });

  it('asks for at least one program or referral, each at most once', () => {
    expect(paths(form({ programs: [], temporaryHelp: undefined }))).toEqual(['programs']);
    expect(paths(form({ programs: [], referrals: ['medical'], temporaryHelp: undefined }))).toEqual([]);
    expect(paths(form({ programs: ['dibao', 'dibao'] }))).toEqual(['programs']);
    expect(paths(form({ referrals: ['legalAid', 'legalAid'] }))).toEqual(['referrals']);
    expect(paths(form({ referrals: ['school' as never] }))).toEqual(['referrals.0']);
  });

  it('asks for the 特困 supporters when 特困 is chosen', () => {
    expect(paths(form({ programs: ['tekun'], temporaryHelp: undefined }))).toEqual(['tekun']);
    expect(paths(form({ programs: ['tekun'], temporaryHelp: undefined, tekun: { supporters: [] } }))).toEqual([]);
  });

  it('asks for the claim when temporary help is chosen, and keeps the form’s own checks', () => {
    expect(paths(form({ temporaryHelp: undefined }))).toEqual(['temporaryHelp']);
    expect(paths(form({ programs: ['dibao'], temporaryHelp: undefined }))).toEqual([]);
    expect(paths(form({ pledgeSigned: false as never }))).toEqual(['pledgeSigned']);
    expect(paths(form({ orgs: { county: '379901', township: '379902001', village: '379902001001' } }))).toEqual([
      'orgs.township',
    ]);
  });
});

describe('household form / each child’s application', () => {
  it('is the same form with the program set, the claim only on temporary help', () => {
    const household = householdApplicationSchema.parse(form({ referrals: ['education'] }));
    const dibao = childApplication(household, 'dibao');
    const help = childApplication(household, 'temporaryHelp');
    expect(applicationSchema.parse(dibao)).toEqual(dibao);
    expect(applicationSchema.parse(help)).toEqual(help);
    expect(dibao).toMatchObject({ program: 'dibao', materials: household.materials, pledgeSigned: true });
    expect(dibao).not.toHaveProperty('temporaryHelp');
    expect(dibao).not.toHaveProperty('programs');
    expect(help.temporaryHelp).toEqual(claim);
    expect(help.household).toEqual(household.household);
  });

  it('gives the 特困 supporters to the 特困 child only', () => {
    const household = householdApplicationSchema.parse(
      form({ programs: ['tekun', 'dibao'], temporaryHelp: undefined, tekun: { supporters: [] } })
    );
    const tekun = childApplication(household, 'tekun');
    const dibao = childApplication(household, 'dibao');
    expect(applicationSchema.parse(tekun)).toEqual(tekun);
    expect(applicationSchema.parse(dibao)).toEqual(dibao);
    expect(tekun.tekun).toEqual({ supporters: [] });
    expect(dibao).not.toHaveProperty('tekun');
  });
});
