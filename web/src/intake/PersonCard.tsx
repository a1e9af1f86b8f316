/**
 * One person of a list on the intake form (a household member, a 特困 supporter): a card with its
 * number and a remove button (while more than one is listed), opening with the name and the identity
 * number — checked as typed with the server's own check, upper-cased.
 */
import { Button, Card, Col, Form, Input, Row } from 'antd';
import type { FormListFieldData } from 'antd';
import type { ReactNode } from 'react';
import { residentIdProblem } from './intakeForm';

export const residentIdRule = {
  validator: (_: unknown, value: string | undefined) => {
    const problem = residentIdProblem(value);
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  },
};

const upper = (value: string | undefined) => (value ?? '').toUpperCase().trim();

export function PersonCard({
  field,
  index,
  count,
  kindZh,
  remove,
  inner = false,
  children,
  rowExtra,
}: {
  field: FormListFieldData;
  index: number;
  /** How many are listed: the last one cannot be removed. */
  count: number;
  /** 成员, 义务人: the card's title and the remove button say it. */
  kindZh: string;
  remove: (name: number) => void;
  inner?: boolean;
  /** Further columns on the first row, after the name and the identity number. */
  rowExtra?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Card
      size="small"
      type={inner ? 'inner' : undefined}
      title={`${kindZh} ${index + 1}`}
      style={{ marginBottom: 12 }}
      extra={
        count > 1 ? (
          <Button type="link" danger onClick={() => remove(field.name)}>
            删除{kindZh} {index + 1}
          </Button>
        ) : null
      }
    >
      <Row gutter={12}>
        <Col span={4}>
          <Form.Item
            label="姓名"
            name={[field.name, 'name']}
            rules={[{ required: true, message: `请填写${kindZh}姓名` }]}
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
        {rowExtra}
      </Row>
      {children}
    </Card>
  );
}
