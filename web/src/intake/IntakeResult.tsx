/**
 * After submission: the household's case ids, and the documents the window hands over — the
 * 受理回执 and, when materials are missing, the 一次性告知书 listing each missing item once (the
 * household's merged notice from the API). Printed on A4 through intake.css.
 */
import { Alert, Button, Result, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { programLabelsZh } from '../../../definitions/eligibility/outcome';
import { materialLabelsZh } from '../../../definitions/shared/materialLabels';
import type { ApplicationProgram, HouseholdChild } from '../api/types';
import { formatDate, formatDateTime } from '../format';
import { useOrgUnits } from '../places/useOrgUnits';
import type { Submitted } from './IntakePage';

function print(doc: 'receipt' | 'notice') {
  document.body.dataset.print = doc;
  window.print();
  delete document.body.dataset.print;
}

export function IntakeResult({
  submitted: { household, application, replayed, noticeProblem },
  clerkName,
  onNext,
}: {
  submitted: Submitted;
  clerkName: string;
  onNext: () => void;
}) {
  const townshipName = useOrgUnits(household.orgs.township)?.parent?.nameZh;
  const programs = household.children.filter((c) => c.kind === 'program');
  const referrals = household.children.filter((c) => c.kind === 'referral');
  const missing = household.missingMaterials.items;
  const received = (application.materials ?? []).map((m) => materialLabelsZh[m]).join('、') || '无';
  const caseList = (children: HouseholdChild[]) =>
    children.map((c) => `${c.labelZh}（${c.caseId ?? '未启动'}）`).join('；') || '无';

  return (
    <div>
      <div className="intake-no-print">
        <Result
          status="success"
          title={
            <h1 style={{ fontSize: 24, margin: 0 }}>
              {replayed ? '该申请此前已受理（重复提交未新建案件）' : '已受理'}
            </h1>
          }
          subTitle={`家庭申请编号 ${household.id}`}
          extra={
            <Space>
              <Button type="primary" onClick={() => print('receipt')}>
                打印受理回执
              </Button>
              {missing.length > 0 ? <Button onClick={() => print('notice')}>打印一次性告知书</Button> : null}
              <Link to={`/households/${encodeURIComponent(household.id)}`}>查看家庭申请（补正材料）</Link>
              <Button onClick={onNext}>受理下一户</Button>
            </Space>
          }
        />
        {noticeProblem ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={`缺少材料的一次性告知未能记录：${noticeProblem}。请在案件中补办一次性告知。`}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Table<HouseholdChild>
          size="small"
          pagination={false}
          rowKey={(c) => `${c.kind}-${c.code}`}
          dataSource={household.children}
          style={{ marginBottom: 24, maxWidth: 800 }}
          columns={[
            { title: '项目', dataIndex: 'labelZh' },
            { title: '类别', render: (_, c) => (c.kind === 'program' ? '救助项目' : '转介') },
            { title: '案件编号', render: (_, c) => c.caseId ?? '未启动' },
            { title: '当前环节', render: (_, c) => c.stepLabelZh ?? '—' },
          ]}
        />
      </div>

      <section className="intake-doc" data-doc="receipt" aria-label="受理回执">
        <Typography.Title level={2} style={{ fontSize: 22 }}>
          社会救助申请受理回执
        </Typography.Title>
        <table>
          <tbody>
            <tr>
              <th scope="row">受理编号</th>
              <td>{household.id}</td>
            </tr>
            <tr>
              <th scope="row">申请人</th>
              <td>{application.applicant.name}</td>
            </tr>
            <tr>
              <th scope="row">家庭住址</th>
              <td>{application.household.address}</td>
            </tr>
            <tr>
              <th scope="row">家庭人口</th>
              <td>{application.household.members.length}人</td>
            </tr>
            <tr>
              <th scope="row">受理项目</th>
              <td>{caseList(programs)}</td>
            </tr>
            <tr>
              <th scope="row">转介事项</th>
              <td>{caseList(referrals)}</td>
            </tr>
            <tr>
              <th scope="row">已收材料</th>
              <td>{received}</td>
            </tr>
            <tr>
              <th scope="row">待补材料</th>
              <td>{missing.length > 0 ? `${missing.map((m) => m.labelZh).join('、')}（详见一次性告知书）` : '无'}</td>
            </tr>
            <tr>
              <th scope="row">受理机构</th>
              <td>{townshipName ?? `乡镇（街道）${household.orgs.township}`} 社会救助受理窗口</td>
            </tr>
            <tr>
              <th scope="row">受理时间</th>
              <td>{formatDateTime(household.submittedAt)}</td>
            </tr>
            <tr>
              <th scope="row">经办人</th>
              <td>{clerkName}</td>
            </tr>
          </tbody>
        </table>
        <p style={{ marginTop: 16 }}>
          您的申请已受理。请妥善保管本回执，凭受理编号查询办理进度。
          {programs.length > 0 ? '各救助项目分别办理，结果将分别告知。' : ''}
        </p>
        <p style={{ textAlign: 'right' }}>（受理窗口盖章） {formatDate(household.submittedAt)}</p>
      </section>

      {missing.length > 0 ? (
        <section className="intake-doc" data-doc="notice" aria-label="一次性告知书" data-testid="one-time-notice">
          <Typography.Title level={2} style={{ fontSize: 22 }}>
            社会救助申请材料一次性告知书
          </Typography.Title>
          <p>
            {application.applicant.name}：您于{formatDate(household.submittedAt)}提交的社会救助申请（受理编号
            {household.id}）尚缺以下材料。每份材料只需提交一次，适用于所列全部项目：
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">序号</th>
                <th scope="col">所缺材料</th>
                <th scope="col">所涉项目</th>
              </tr>
            </thead>
            <tbody>
              {missing.map((item, index) => (
                <tr key={item.code}>
                  <td>{index + 1}</td>
                  <td>{item.labelZh}</td>
                  <td>{item.programs.map((p) => programLabelsZh[p as ApplicationProgram] ?? p).join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p style={{ marginTop: 16 }}>请备齐上述材料后，到受理窗口一次性补交。</p>
          <p style={{ textAlign: 'right' }}>
            经办人：{clerkName} （受理窗口盖章） {formatDate(household.submittedAt)}
          </p>
        </section>
      ) : null}
    </div>
  );
}
