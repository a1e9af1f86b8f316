/**
 * 需求评估结果: what the needs assessment proposes, each with its reason and source, and the clerk's
 * confirmation of programs and referrals (named as the request body: programs, referrals).
 */
import { Alert, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Space, Tag, Typography } from 'antd';
import { programLabelsZh } from '../../../definitions/eligibility/outcome';
import { referralLabelsZh } from '../../../definitions/intake/referralLabels';
import type { ApplicationProgram, NeedsAssessment } from '../api/types';
import { options } from './intakeForm';
import { SupportersSection } from './SupportersSection';

export function AssessmentPanel({
  assessment,
  programs,
}: {
  assessment: NeedsAssessment;
  programs: ApplicationProgram[];
}) {
  return (
    <Card title="需求评估结果" style={{ marginBottom: 16 }} data-testid="needs-assessment">
      <Alert type="info" showIcon title={assessment.summaryZh} style={{ marginBottom: 12 }} />
      <ul style={{ paddingLeft: 20 }}>
        {assessment.proposals.map((p) => (
          <li key={`${p.kind}-${p.code}`} style={{ marginBottom: 8 }}>
            <Space wrap>
              <Typography.Text strong>{p.labelZh}</Typography.Text>
              <Tag color={p.kind === 'program' ? 'blue' : 'purple'}>{p.kind === 'program' ? '救助项目' : '转介'}</Tag>
              <Tag>{p.strength === 'likely' ? '较符合' : '可考虑'}</Tag>
              {p.members.length > 0 ? <Typography.Text>涉及：{p.members.join('、')}</Typography.Text> : null}
            </Space>
            <div>{p.reasonZh}</div>
            <Typography.Text type="secondary">依据：{p.basis.ruleSource}</Typography.Text>
          </li>
        ))}
      </ul>
      <Typography.Paragraph>请与申请人确认要办理的项目（可增减），确认后提交受理：</Typography.Paragraph>
      <Form.Item label="申请救助项目" name="programs">
        <Checkbox.Group options={options(programLabelsZh)} />
      </Form.Item>
      <Form.Item label="转介事项" name="referrals">
        <Checkbox.Group options={options(referralLabelsZh)} />
      </Form.Item>
      {programs.includes('temporaryHelp') ? (
        <Card size="small" title="临时救助" style={{ marginBottom: 12 }}>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item
                label="救助类型"
                name={['temporaryHelp', 'kind']}
                rules={[{ required: true, message: '请选择救助类型' }]}
              >
                <Radio.Group
                  options={[
                    { value: 'expense', label: '支出型' },
                    { value: 'emergency', label: '急难型' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                label="申请金额（元）"
                name={['temporaryHelp', 'amountClaimed']}
                rules={[{ required: true, message: '请填写申请金额' }]}
              >
                <InputNumber min={1} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                label="困难情形"
                name={['temporaryHelp', 'description']}
                rules={[{ required: true, message: '请说明困难情形' }]}
              >
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      ) : null}
      {programs.includes('tekun') ? <SupportersSection /> : null}
    </Card>
  );
}
