/**
 * The printed 公示 of one village and program: the households whose first-review result is posted
 * now, as the list endpoint publishes them (names masked, household size, proposed amount, notice
 * period), with where and until when an objection can be made. What is printed is exactly what the
 * API returns for publishing — nothing of the case file is added here.
 */
import type { NoticeListing } from '../api/types';
import { formatDate } from '../format';

export const NOTICE_PROGRAM_LABELS_ZH = { dibao: '最低生活保障', tekun: '特困人员救助供养' } as const;
export type NoticeProgram = keyof typeof NOTICE_PROGRAM_LABELS_ZH;

/** The earliest start and the latest end of the listed notices: the period the sheet states. */
export function noticePeriod(items: readonly NoticeListing[]): { from: string | null; until: string | null } {
  const starts = items.map((i) => i.noticePostedAt).sort();
  const ends = items
    .map((i) => i.noticeEndsAt)
    .filter((e): e is string => e !== null)
    .sort();
  return { from: starts[0] ?? null, until: ends[ends.length - 1] ?? null };
}

const amountText = (amount: number | null) => (amount === null ? '待核定' : amount.toLocaleString('zh-CN'));

export function NoticeSheet({
  villageLabel,
  program,
  items,
  issuedOn,
  objectionContact,
}: {
  villageLabel: string;
  program: NoticeProgram;
  items: readonly NoticeListing[];
  issuedOn: string;
  /** Who takes objections and how to reach them (the township's and county's civil-affairs offices), when known. */
  objectionContact?: string | undefined;
}) {
  const label = NOTICE_PROGRAM_LABELS_ZH[program];
  const { from, until } = noticePeriod(items);
  return (
    <section className="notice-sheet" data-testid="notice-sheet" aria-label={`${label}审核公示`}>
      <h2>{`${villageLabel}${label}审核结果公示`}</h2>
      <p>
        经入户调查、家庭经济状况核对和乡镇人民政府（街道办事处）审核，拟将下列家庭纳入{label}
        范围，现予公示。公示内容不含身份证号码、住址等个人信息。
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">序号</th>
            <th scope="col">申请人</th>
            <th scope="col">家庭人口</th>
            <th scope="col">拟保障金额（元/月）</th>
            <th scope="col">公示起止</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={`${item.name}-${item.noticePostedAt}-${index}`}>
              <td>{index + 1}</td>
              <td>{item.name}</td>
              <td>{item.householdSize}</td>
              <td>{amountText(item.proposedMonthlyAmount)}</td>
              <td>{`${formatDate(item.noticePostedAt)}至${formatDate(item.noticeEndsAt)}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="notice-period">
        公示期：{formatDate(from)}至{formatDate(until)}。公示期内，对公示对象有异议的，可向村（居）民委员会、
        乡镇人民政府（街道办事处）或县级人民政府民政部门反映，实名反映的将依法保护反映人信息。
      </p>
      <p data-testid="notice-contact">异议受理：{objectionContact ?? '乡镇人民政府（街道办事处）社会救助经办窗口'}</p>
      <p className="notice-sheet-signature">
        乡镇人民政府（街道办事处）
        <br />
        {formatDate(issuedOn)}
      </p>
    </section>
  );
}
