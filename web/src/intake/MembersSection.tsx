/** 家庭成员: one card per member; the identity number checked as typed and the birth date read from it. */
import { Button, Col, Form, Input, InputNumber, Select, Switch } from 'antd';
import { disabilityLabelsZh, employmentLabelsZh, options, relationLabelsZh } from './intakeForm';
import { PersonCard } from './PersonCard';

export { residentIdRule } from './PersonCard';

export function MembersSection() {
  return (
    <Form.List name={['household', 'members']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <PersonCard
              key={field.key}
              field={field}
              index={index}
              count={fields.length}
              kindZh="成员"
              remove={remove}
              rowExtra={
                <>
                  <Col span={4}>
                    <Form.Item
                      label="出生日期（据身份号码）"
                      name={[field.name, 'birthDate']}
                      rules={[{ required: true, message: '填写有效身份号码后自动生成' }]}
                    >
                      <Input readOnly placeholder="自动生成" />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item
                      label="与申请人关系"
                      name={[field.name, 'relation']}
                      rules={[{ required: true, message: '请选择关系' }]}
                    >
                      <Select options={options(relationLabelsZh)} />
                    </Form.Item>
                  </Col>
                  <Col span={3}>
                    <Form.Item
                      label="就业状况"
                      name={[field.name, 'employment']}
                      rules={[{ required: true, message: '请选择就业状况' }]}
                    >
                      <Select options={options(employmentLabelsZh)} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Form.Item label="残疾等级" name={[field.name, 'disability']}>
                      <Select options={options(disabilityLabelsZh)} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Form.Item label="月收入（元）" name={[field.name, 'monthlyIncome']}>
                      <InputNumber min={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </>
              }
            >
              <Form.Item
                label="患重特大疾病"
                name={[field.name, 'seriousIllness']}
                valuePropName="checked"
                style={{ marginBottom: 0 }}
              >
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
            </PersonCard>
          ))}
          <Button
            onClick={() =>
              add({
                relation: 'spouse',
                employment: 'unemployed',
                disability: 'none',
                monthlyIncome: 0,
                seriousIllness: false,
              })
            }
          >
            添加家庭成员
          </Button>
        </>
      )}
    </Form.List>
  );
}
