/**
 * The access policy's table: every action the API offers (one per route), which roles may take it
 * and in what scope relative to its target (scopes.ts). A role not listed is refused (403); a
 * route that names no action does not start (api/http/routeActions.ts). Case events are taken through
 * `applications.event` and the referral actions, and then checked event by event against the roles
 * the charts name (caseEvents.ts). Read it as: action → role → where.
 * No I/O.
 */
import type { CallerRole } from '../shared/actors';
import { callerRoleSchema } from '../shared/actors';
import { programDefinitions } from '../index';
import { referralDefinition } from '../referral';
import { caseEventRoles } from './caseEvents';
import type { Scope } from './scopes';

export type RoleScopes = Partial<Record<CallerRole, Scope | readonly Scope[]>>;

export interface ActionRule {
  labelZh: string;
  /** Open to anyone, logged in or not (health, metrics on their own port, the API description, logging in). */
  public?: true;
  roles: RoleScopes;
  /** What the route supplies as the target, for readers of the table. */
  target: string;
  /** Said to a caller outside the scope, where the scope's general sentence would not tell them what to do. */
  outOfScopeZh?: string;
}

/** Everyone who works on cases, each where the case is theirs (a supervisor: anywhere under their org). */
const caseWorkers = {
  window: 'caseOrg',
  village: 'caseOrg',
  township: 'caseOrg',
  county: 'caseOrg',
  supervisor: 'caseOrg',
} as const satisfies RoleScopes;

/** Supervision views: supervisors under their org, county approvers for their own county. */
const supervising = { supervisor: 'underOrg', county: 'underOrg' } as const satisfies RoleScopes;

const OWN_COUNTY_CYCLES = '只能办理本县（市、区）的发放周期';

/** Payment figures: the county's finance office, its approvers, and supervisors above it. */
const paymentReaders = {
  finance: 'underOrg',
  county: 'underOrg',
  supervisor: 'underOrg',
} as const satisfies RoleScopes;

/** Roles some event of the given charts names, each at the case's own org. */
function eventSenders(tables: readonly Record<string, readonly CallerRole[]>[], only?: string): RoleScopes {
  const roles = new Set(tables.flatMap((t) => Object.entries(t).flatMap(([e, r]) => (only && e !== only ? [] : r))));
  return Object.fromEntries([...roles].map((r) => [r, 'caseOrg']));
}

const referralEvents = caseEventRoles(referralDefinition);
const householdCaseEvents = programDefinitions.filter((d) => d.program !== 'referral').map(caseEventRoles);
const referralAction = (event: string, labelZh: string): ActionRule => ({
  labelZh,
  roles: eventSenders([referralEvents], event),
  target: `the referral (its orgs and department); then the referral chart's roles for ${event}`,
});

const publicAction = (labelZh: string): ActionRule => ({ labelZh, public: true, roles: {}, target: 'none' });
/** Every role, for what each person does to their own login. */
const everyone = Object.fromEntries(callerRoleSchema.options.map((r) => [r, 'own'])) as RoleScopes;
/** The roles with work lists, each for their own post. */
const taskWorkers = { window: 'own', village: 'own', township: 'own', county: 'own', supervisor: 'own' } as const;
const OWN_TOWNSHIP_APPLICATIONS = '只能受理本乡镇（街道）的申请：申请所属乡镇与您所在窗口不一致';

export const actionRules = {
  // Open to all
  'health.read': publicAction('查看服务状态'),
  // Served on the metrics port only (api/http/metricsApp.ts), which the monitoring network reaches and staff do not.
  'metrics.read': publicAction('读取监控指标'),
  'openapi.read': publicAction('查看接口说明'),
  'auth.login': publicAction('登录'),
  // The console's page and its scripts: public like the login form they carry; every datum in them comes from the API.
  'console.static': publicAction('打开工作台页面'),
  'auth.session': { labelZh: '查看、修改或结束本人的登录', roles: everyone, target: 'the caller themselves' },

  // Applications and their cases
  'applications.start': {
    labelZh: '受理申请',
    roles: { window: 'sameOrg' },
    target: "the form's township",
    outOfScopeZh: OWN_TOWNSHIP_APPLICATIONS,
  },
  'applications.read': { labelZh: '查看案件', roles: caseWorkers, target: 'the case' },
  'applications.notices': { labelZh: '查看案件文书', roles: caseWorkers, target: 'the case' },
  // The procedures themselves, no case data: every member of staff, wherever they sit (the catalogue
  // of programs and referrals is what counties publish).
  'programs.chart': { labelZh: '查看业务流程图', roles: everyone, target: 'none (a program version)' },
  'programs.list': { labelZh: '查看救助项目清单', roles: everyone, target: 'none' },
  'applications.event': {
    labelZh: '办理案件',
    roles: eventSenders(householdCaseEvents),
    target: "the case; then the chart's roles for the event, and the recusal rules",
  },
  'verification.read': {
    labelZh: '查看家庭经济状况核对报告',
    roles: { township: 'caseOrg', county: 'caseOrg', supervisor: 'caseOrg' },
    target: 'the case',
  },
  'applications.integrity': {
    labelZh: '查看诚信档案和风险预警',
    roles: { township: 'caseOrg', county: 'caseOrg', supervisor: 'caseOrg' },
    target: 'the case',
  },
  'cases.list': {
    labelZh: '查询案件列表',
    roles: {
      window: 'underOrg',
      village: 'underOrg',
      township: 'underOrg',
      county: 'underOrg',
      supervisor: 'underOrg',
    },
    target: 'the org asked for (default: the caller’s)',
  },

  // Household applications (one form, a case per program)
  'households.assess': {
    labelZh: '评估家庭救助需求',
    roles: { window: 'sameOrg' },
    target: "the form's township",
    outOfScopeZh: OWN_TOWNSHIP_APPLICATIONS,
  },
  'households.start': {
    labelZh: '受理家庭申请',
    roles: { window: 'sameOrg' },
    target: "the form's township",
    outOfScopeZh: OWN_TOWNSHIP_APPLICATIONS,
  },
  'households.read': { labelZh: '查看家庭申请', roles: caseWorkers, target: 'the household application' },
  'households.children': {
    labelZh: '查看家庭申请的各项目案件',
    roles: caseWorkers,
    target: 'the household application',
  },
  'households.materials': {
    labelZh: '接收补正材料',
    roles: { window: 'caseOrg' },
    target: 'the household application; then the recusal rules',
  },

  // Published lists (names masked)
  'publication.notices': {
    labelZh: '查看公示名单',
    // The township window takes objections in person during the notice, so it reads the list too.
    roles: {
      window: 'underOrg',
      village: 'underOrg',
      township: 'underOrg',
      county: 'underOrg',
      supervisor: 'underOrg',
    },
    target: 'the village asked for',
  },
  'publication.recipients': {
    labelZh: '查看保障对象名单',
    roles: { village: 'underOrg', township: 'underOrg', county: 'underOrg', supervisor: 'underOrg' },
    target: 'the org asked for (default: the caller’s)',
  },

  // Work lists
  'tasks.list': {
    labelZh: '查看待办、已办',
    roles: taskWorkers,
    target: "the caller's own role and org",
  },
  'tasks.claim': {
    labelZh: '认领任务',
    roles: {
      window: 'candidate',
      village: 'candidate',
      township: 'candidate',
      county: 'candidate',
      supervisor: 'candidate',
    },
    target: 'the task',
  },
  'tasks.release': {
    labelZh: '释放任务',
    roles: {
      window: 'claimant',
      village: 'claimant',
      township: 'claimant',
      county: 'claimant',
      supervisor: ['claimant', 'underOrg'],
    },
    target: 'the task (org: its candidate org)',
  },
  'tasks.claimMany': {
    labelZh: '批量认领任务',
    roles: taskWorkers,
    target: 'none here: each task is then checked as tasks.claim',
  },
  // The claimant hands their task to a colleague of the post (转办); a supervisor moves any under their org.
  'tasks.reassign': {
    labelZh: '改派任务',
    roles: {
      window: 'claimant',
      village: 'claimant',
      township: 'claimant',
      county: 'claimant',
      supervisor: ['claimant', 'underOrg'],
    },
    target: 'the task (org: its candidate org)',
  },
  'staff.colleagues': {
    labelZh: '查看同岗位同事',
    roles: taskWorkers,
    target: "the caller's own role and org",
  },
  'orgUnits.list': { labelZh: '查看行政区划名称', roles: everyone, target: 'none: names are not personal data' },

  // Supervision
  'supervision.overdue': { labelZh: '查看超期案件', roles: supervising, target: 'the org asked for' },
  'supervision.dueSoon': { labelZh: '查看即将到期案件', roles: supervising, target: 'the org asked for' },
  'supervision.stats': { labelZh: '查看办理统计', roles: supervising, target: 'the org asked for' },
  'risks.list': { labelZh: '查看风险预警', roles: supervising, target: 'the org asked for' },
  'risks.acknowledge': { labelZh: '处理风险预警', roles: supervising, target: "the warning's case" },
  'risks.resolve': { labelZh: '处理风险预警', roles: supervising, target: "the warning's case" },
  'staffRelatives.list': { labelZh: '查看近亲属备案', roles: supervising, target: "the caller's org" },
  'staffRelatives.register': {
    labelZh: '登记近亲属备案',
    roles: supervising,
    target: "each entry's staff org",
  },
  'integrity.list': {
    labelZh: '查看失信记录',
    roles: { supervisor: 'underOrgFromCounty', county: 'underOrgFromCounty' },
    target: "the caller's county register; with caseId, also that case",
  },
  'integrity.create': {
    labelZh: '登记失信记录',
    roles: { supervisor: 'underOrgFromCounty' },
    target: "the record's county",
  },
  'stuck.list': { labelZh: '查看卡住的案件', roles: { supervisor: 'underOrg' }, target: 'the org asked for' },
  'stuck.retry': {
    labelZh: '重试卡住的案件',
    roles: { supervisor: 'underOrg' },
    target: 'the case as Temporal and the read model place it',
  },
  'stuck.terminate': {
    labelZh: '终止卡住的案件',
    roles: { supervisor: 'underOrg' },
    target: 'the case as Temporal and the read model place it',
  },
  'access-log.read': { labelZh: '查看查询留痕', roles: { supervisor: 'underOrg' }, target: 'the org asked for' },
  // Live-case migration to another chart version (docs/change-safety.md): operators of the org's cases
  'migrations.plan': {
    labelZh: '预演案件办理版本迁移',
    roles: { supervisor: 'underOrg', admin: 'underOrg' },
    target: "the filter's county, or the caller's org when none is given",
  },
  'migrations.run': {
    labelZh: '执行案件办理版本迁移',
    roles: { supervisor: 'underOrg', admin: 'underOrg' },
    target: "the filter's county, or the caller's org when none is given",
  },

  // Referrals (转办/转介)
  'referrals.start': {
    labelZh: '发起转介',
    roles: { township: 'sameOrg', window: 'sameOrg' },
    target: "the request's township",
    outOfScopeZh: '只能转介本乡镇（街道）的事项：转介所属乡镇与您所在机构不一致',
  },
  'referrals.inbox': {
    labelZh: '查看部门转介收件箱',
    roles: { department: 'own' },
    target: "the caller's county and department",
  },
  'referrals.read': {
    labelZh: '查看转介事项',
    roles: { ...caseWorkers, department: 'caseOrg' },
    target: 'the referral (its orgs and department)',
  },
  'referrals.acknowledge': referralAction('ACKNOWLEDGE', '签收转介事项'),
  'referrals.outcome': referralAction('REPORT_OUTCOME', '反馈转介办理结果'),
  'referrals.return': referralAction('RETURN', '退回转介事项'),
  'referrals.withdraw': referralAction('WITHDRAW', '撤回转介事项'),

  // Payments: finance acts on its own county's cycles; payment figures for those who answer for them
  'payments.cycle.start': {
    labelZh: '发起发放周期',
    roles: { finance: 'sameOrg' },
    outOfScopeZh: OWN_COUNTY_CYCLES,
    target: 'the county asked for',
  },
  'payments.cycle.read': { labelZh: '查看发放周期', roles: paymentReaders, target: "the cycle's county" },
  'payments.cycle.list': { labelZh: '查看发放周期列表', roles: paymentReaders, target: 'the county asked for' },
  'payments.lines.read': { labelZh: '查看发放明细', roles: paymentReaders, target: "the cycle's county" },
  'payments.cycle.submit': {
    labelZh: '提交发放批次',
    roles: { finance: 'sameOrg' },
    outOfScopeZh: OWN_COUNTY_CYCLES,
    target: "the cycle's county",
  },
  'payments.cycle.approve': {
    labelZh: '审核发放批次',
    roles: { finance: 'sameOrg' },
    outOfScopeZh: OWN_COUNTY_CYCLES,
    target: "the cycle's county; then maker-checker",
  },
  'payments.cycle.return': {
    labelZh: '退回发放批次',
    roles: { finance: 'sameOrg' },
    outOfScopeZh: OWN_COUNTY_CYCLES,
    target: "the cycle's county; then maker-checker",
  },
  'payments.bankFile.read': { labelZh: '下载代发文件', roles: paymentReaders, target: "the cycle's county" },
  'payments.returnFile.upload': {
    labelZh: '登记银行回盘',
    roles: { finance: 'sameOrg' },
    outOfScopeZh: OWN_COUNTY_CYCLES,
    target: "the cycle's county",
  },
  'payments.retries.read': { labelZh: '查看待重发记录', roles: paymentReaders, target: 'the county asked for' },
  'funds.spending.read': { labelZh: '查看资金支出', roles: paymentReaders, target: 'the county asked for' },

  // Administration: the staff directory and API tokens of the admin's own county; the payload codec
  'staff.list': {
    labelZh: '查看工作人员名录',
    roles: { admin: 'underOrg' },
    target: "the staff member's org (or the org asked for)",
  },
  'staff.manage': { labelZh: '管理工作人员', roles: { admin: 'underOrg' }, target: "the staff member's org" },
  'tokens.manage': { labelZh: '管理接口令牌', roles: { admin: 'underOrg' }, target: "the token's org" },
  // The configuration in force, read-only: figures for a county under the caller; the calendar is public law.
  'rules.read': {
    labelZh: '查看政策参数',
    roles: { admin: 'underOrg', supervisor: 'underOrg' },
    target: 'the county asked for',
  },
  'calendar.read': { labelZh: '查看工作日日历', roles: everyone, target: 'none' },
  'temporal-codec.use': {
    labelZh: '解密流程数据（Temporal 编解码）',
    roles: { supervisor: 'own', admin: 'own' },
    target: 'none: the role decides',
  },
} as const satisfies Record<string, ActionRule>;

export type ActionName = keyof typeof actionRules;
export const actionNames = Object.keys(actionRules) as ActionName[];

export function actionRule(action: ActionName): ActionRule {
  return actionRules[action];
}
