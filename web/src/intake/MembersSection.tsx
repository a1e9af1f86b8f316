/** 家庭成员: one card per member; the identity number checked as typed and the birth date read from it. */
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { disabilityLabelsZh, employmentLabelsZh, options, relationLabelsZh, residentIdProblem } from './intakeForm';

export const residentIdRule = {
  validator: (_: unknown, value: string | undefined) => {
    const problem = residentIdProblem(value);
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
};

const upper = (value: string | undefined) => (value ?? '').toUpperCase().trim();

export function MembersSection() {
  return (
    <Form.List name={['household', 'members']}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={`成员 ${index + 1}`}
              style={{ marginBottom: 12 }}
              extra={
                fields.length > 1 ? (
                  <Button type="link" danger onClick={() => remove(field.name)}>
                    删除成员 {index + 1}
                  </Button>
                ) : null
              }
            >
              <Row gutter={12}>
                <Col span={4}>
                  <Form.Item
                    label="姓名"
                    name={[field.name, 'name']}
                    rules={[{ required: true, message: '请填写成员姓名' }]}
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item
                    label="公民身份号码"
                    name={[field.name, 'idNumber']}
                    normalize={upper}
                    validateFirst
                    rules={[residentIdRule]}
                  >
                    <Input maxLength={18} inputMode="text" autoComplete="off" />
                  </Form.Item>
                </Col>
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
              </Row>
              <Form.Item
                label="患重特大疾病"
                name={[field.name, 'seriousIllness']}
                valuePropName="checked"
                style={{ marginBottom: 0 }}
              >
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
            </Card>
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
