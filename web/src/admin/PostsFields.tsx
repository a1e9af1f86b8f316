/**
 * A person's posts as form rows (role, org code, department kind for department staff), named as the
 * request body names them (`posts.0.org`), so the API's 400 issues land at the right field.
 */
import { Button, Form, Input, Select, Space } from 'antd';
import { roleLabelsZh } from '../../../definitions/access/refusals';
import { departmentLabelsZh } from '../../../definitions/shared/departmentLabels';
import type { CallerRole, Post } from '../api/types';

const ROLE_OPTIONS = (Object.keys(roleLabelsZh) as CallerRole[]).map((role) => ({
  value: role,
  label: roleLabelsZh[role],
}));
const DEPARTMENT_OPTIONS = Object.entries(departmentLabelsZh).map(([value, label]) => ({ value, label }));

/** The org a role sits at, as a hint: a window and a township at a township, a village at a village… */
const ORG_HINT: Partial<Record<CallerRole, string>> = {
  window: '乡镇（街道）代码，9位',
  township: '乡镇（街道）代码，9位',
  village: '村（居）代码，12位',
};

export function PostsFields({ defaultOrg }: { defaultOrg: string }) {
  return (
    <Form.List name="posts">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="start" wrap data-testid="post-row">
              <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: '请选择角色' }]}>
                <Select aria-label="角色" options={ROLE_OPTIONS} style={{ width: 180 }} placeholder="角色" />
              </Form.Item>
              <Form.Item noStyle dependencies={[['posts', field.name, 'role']]}>
                {({ getFieldValue }) => {
                  const role = getFieldValue(['posts', field.name, 'role']) as CallerRole | undefined;
                  return (
                    <>
                      <Form.Item name={[field.name, 'org']} rules={[{ required: true, message: '请填写机构代码' }]}>
                        <Input
                          aria-label="机构代码"
                          placeholder={(role && ORG_HINT[role]) ?? '县级代码，6位'}
                          style={{ width: 200 }}
                        />
                      </Form.Item>
                      {role === 'department' && (
                        <Form.Item
                          name={[field.name, 'department']}
                          rules={[{ required: true, message: '请选择部门' }]}
                        >
                          <Select
                            aria-label="部门"
                            options={DEPARTMENT_OPTIONS}
                            style={{ width: 130 }}
                            placeholder="部门"
                          />
                        </Form.Item>
                      )}
                    </>
                  );
                }}
              </Form.Item>
              {fields.length > 1 && <Button onClick={() => remove(field.name)}>删除岗位</Button>}
            </Space>
          ))}
          <Form.Item>
            <Button onClick={() => add({ org: defaultOrg })}>增加岗位</Button>
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}

/** The form's rows as the API's posts: the department kind only where the role is department. */
export function postsOf(rows: Partial<Post>[]): Post[] {
  return rows.map(({ role, org, department }) => ({
    role: role as CallerRole,
    org: (org ?? '').trim(),
    ...(role === 'department' && department ? { department } : {}),
  }));
}
