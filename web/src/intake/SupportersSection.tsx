/**
 * 特困: the applicant's legally obliged supporters (法定赡养、抚养、扶养义务人), named as the body's
 * `tekun.supporters`. The applicant declares either "none" (sent as `[]`, said rather than assumed)
 * or lists each supporter: kinship (the obligation follows from it, with its Civil Code article),
 * identity number checked as typed, declared ability to support and the facts 《特困人员认定办法》
 * 第七条 turns on, and whether they signed the economic-check authorisation (unsigned: a missing
 * material on the one-time notice, not a form error).
 */
import { Button, Card, Checkbox, Col, Form, InputNumber, Radio, Row, Select, Typography } from 'antd';
import { kinshipLabelsZh, obligationLabelsZh, obligationOfKinship } from '../../../definitions/shared/supporterLabels';
import type { SupporterKinship } from '../../../definitions/shared/supporterLabels';
import type { TekunSection } from '../api/types';
import { disabilityLabelsZh, options } from './intakeForm';
import { PersonCard } from './PersonCard';

type SupporterRow = TekunSection['supporters'][number];

const NEW_SUPPORTER: Partial<SupporterRow> = {
  ableToSupport: false,
  monthlyIncome: 0,
  deposits: 0,
  disability: 'none',
  receivesAssistance: 'none',
  incapacitated: false,
  checkAuthorised: false,
};

const assistanceLabelsZh = { none: '无', dibao: '享受低保', tekun: '特困供养' } as const;

/** "None" or "some": the section's value is the declaration itself (undefined until the clerk answers). */
function Declaration({
  value,
  onChange,
}: {
  value?: { supporters?: unknown[] };
  onChange?: (value: { supporters: Partial<SupporterRow>[] } | undefined) => void;
}) {
  const answer = value === undefined ? undefined : (value.supporters ?? []).length === 0 ? 'none' : 'some';
  return (
    <Radio.Group
      value={answer}
      onChange={(e) => onChange?.({ supporters: e.target.value === 'none' ? [] : [{ ...NEW_SUPPORTER }] })}
      options={[
        { value: 'none', label: '无法定赡养、抚养、扶养义务人' },
        { value: 'some', label: '有法定义务人（逐人填报）' },
      ]}
    />
  );
}

export function SupportersSection() {
  const form = Form.useFormInstance();
  // The declaration sets the whole `tekun` value; the list below re-renders from it through this watch.
  Form.useWatch('tekun', form);
  return (
    <Card size="small" title="特困人员法定义务人" style={{ marginBottom: 12 }}>
      <Form.Item label="申请人声明" name="tekun">
        <Declaration />
      </Form.Item>
      <Form.List name={['tekun', 'supporters']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <PersonCard
                key={field.key}
                field={field}
                index={index}
                count={fields.length}
                kindZh="义务人"
                remove={remove}
                inner
                rowExtra={
                  <>
                    <Col span={5}>
                      <Form.Item
                        label="与申请人关系"
                        name={[field.name, 'kinship']}
                        rules={[{ required: true, message: '请选择与申请人的关系' }]}
                      >
                        <Select
                          options={options(kinshipLabelsZh)}
                          onChange={(kinship: SupporterKinship) =>
                            // The obligation follows from the kinship (民法典); set, not asked.
                            form.setFieldValue(
                              ['tekun', 'supporters', field.name, 'obligation'],
                              obligationOfKinship[kinship].obligation
                            )
                          }
                        />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      <Form.Item label="义务类型" name={[field.name, 'obligation']}>
                        <Select options={options(obligationLabelsZh)} disabled />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item label="申请人申报的履行能力" name={[field.name, 'ableToSupport']}>
                        <Radio.Group
                          options={[
                            { value: true, label: '有能力' },
                            { value: false, label: '无能力' },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                  </>
                }
              >
                <Form.Item noStyle shouldUpdate>
                  {() => {
                    const kinship = form.getFieldValue(['tekun', 'supporters', field.name, 'kinship']) as
                      SupporterKinship | undefined;
                    return kinship ? (
                      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
                        {kinshipLabelsZh[kinship]}对申请人负
                        {obligationLabelsZh[obligationOfKinship[kinship].obligation]}
                        义务，依据{obligationOfKinship[kinship].sourceZh}
                      </Typography.Paragraph>
                    ) : null;
                  }}
                </Form.Item>
                <Row gutter={12}>
                  <Col span={4}>
                    <Form.Item label="月收入（元）" name={[field.name, 'monthlyIncome']}>
                      <InputNumber min={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item label="存款等金融资产（元）" name={[field.name, 'deposits']}>
                      <InputNumber min={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item label="残疾等级" name={[field.name, 'disability']}>
                      <Select options={options(disabilityLabelsZh)} />
                    </Form.Item>
                  </Col>
                  <Col span={4}>
                    <Form.Item label="本人享受救助" name={[field.name, 'receivesAssistance']}>
                      <Select options={options(assistanceLabelsZh)} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name={[field.name, 'incapacitated']} valuePropName="checked" style={{ marginBottom: 4 }}>
                      <Checkbox>无民事行为能力、被宣告失踪或在监狱服刑</Checkbox>
                    </Form.Item>
                    <Form.Item name={[field.name, 'checkAuthorised']} valuePropName="checked">
                      <Checkbox>已签署经济状况核对授权书</Checkbox>
                    </Form.Item>
                  </Col>
                </Row>
              </PersonCard>
            ))}
            {fields.length > 0 ? <Button onClick={() => add({ ...NEW_SUPPORTER })}>增加义务人</Button> : null}
          </>
        )}
      </Form.List>
    </Card>
  );
}
