/**
 * The programs a household may qualify for, judged by the programs' own eligibility rules on what
 * it declared (no records checked yet: the data check comes with the case). 特困 and 低保 are not
 * received together, so where 特困 is likely, 低保 is proposed only as the fallback.
 * No I/O: runs inside the workflow sandbox.
 */
import type { EligibilityResult, EligibilityRules, HouseholdForm } from '../eligibility';
import { evaluateDibao, evaluateTekun, evaluateTemporaryHelp, programLabelsZh } from '../eligibility';
import type { TemporaryHelpClaim } from '../shared/application';
import type { Proposal } from './proposals';

export interface ProgramNeedsInput {
  form: HouseholdForm & { temporaryHelp?: TemporaryHelpClaim };
  rules: EligibilityRules;
  onDate: string;
}

function basisOf(result: EligibilityResult): Proposal['basis'] {
  const conditions = result.checks.filter((c) => c.kind === 'condition');
  return {
    figures: conditions.flatMap((c) => c.figures),
    ruleSource: [...new Set(conditions.map((c) => c.ruleSource).filter((s) => s !== ''))].join('；'),
  };
}

function programProposal(result: EligibilityResult, strength: Proposal['strength'], reasonZh: string): Proposal {
  return {
    kind: 'program',
    code: result.program,
    labelZh: programLabelsZh[result.program],
    strength,
    reasonZh,
    basis: basisOf(result),
    members: [],
  };
}

const flaggedZh = (result: EligibilityResult) => (result.flagged ? '（有需工作人员核实的事项）' : '');

export function programNeeds({ form, rules, onDate }: ProgramNeedsInput): Proposal[] {
  const evaluation = { application: form, findings: [], rules, onDate };
  const proposals: Proposal[] = [];

  const tekun = evaluateTekun(evaluation);
  if (tekun.eligible) {
    proposals.push(
      programProposal(tekun, tekun.flagged ? 'possible' : 'likely', `按申报情况${tekun.summaryZh}${flaggedZh(tekun)}`)
    );
  }

  const dibao = evaluateDibao(evaluation);
  if (dibao.eligible) {
    const reasonZh = tekun.eligible
      ? `按申报情况${dibao.summaryZh}；特困与低保不重复享受，经认定不符合特困条件的，按低保办理`
      : `按申报情况${dibao.summaryZh}${flaggedZh(dibao)}`;
    proposals.push(programProposal(dibao, tekun.eligible || dibao.flagged ? 'possible' : 'likely', reasonZh));
  } else if (dibao.lowIncomeEdge) {
    proposals.push(
      programProposal(
        dibao,
        'possible',
        `家庭人均收入高于低保标准但在低保边缘标准以内，可认定为低保边缘家庭：${dibao.summaryZh}`
      )
    );
  }

  const claim = form.temporaryHelp;
  if (claim?.kind === 'emergency') {
    const help = evaluateTemporaryHelp(evaluation);
    proposals.push({
      ...programProposal(
        help,
        'likely',
        `遭遇急难情形（${claim.description}），急难型临时救助可先行救助，不作经济状况审核`
      ),
      basis: {
        figures: [{ name: 'amountClaimed', labelZh: '申请金额', value: claim.amountClaimed, unit: '元' }],
        ruleSource: '《民政部 财政部关于进一步加强和改进临时救助工作的意见》（民发〔2018〕23号）',
      },
    });
  } else if (claim?.kind === 'expense') {
    const help = evaluateTemporaryHelp(evaluation);
    if (help.eligible) {
      proposals.push(
        programProposal(
          help,
          help.flagged ? 'possible' : 'likely',
          `因${claim.description}出现支出型困难，按申报情况${help.summaryZh}${flaggedZh(help)}`
        )
      );
    }
  }
  return proposals;
}
