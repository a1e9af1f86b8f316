/**
 * 受理 (one-window intake): the one household form; the needs assessment as a dry run, shown before
 * anything starts; then the household application, sent once per form with its own Idempotency-Key
 * (a double click or a retry never makes two households: the API answers a repeat with 200 and the
 * same household). Missing materials marked on the form become each program's one-time notice
 * (REQUEST_MISSING_MATERIALS), which the API merges into the household's 一次性告知书.
 */
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { materialLabelsZh } from '../../../definitions/shared/materialLabels';
import { api, ApiError, apiResponse } from '../api/client';
import { showAtFields } from '../api/formErrors';
import type { HouseholdView, MaterialCode, NeedsAssessment, OrgUnit } from '../api/types';
import { useOrgUnits } from '../places/useOrgUnits';
import { useSignedIn } from '../session/SessionContext';
import { AssessmentPanel } from './AssessmentPanel';
import { IntakeResult } from './IntakeResult';
import type { IntakeValues } from './intakeForm';
import {
  applicationBody,
  assessmentBody,
  birthDateOfResidentId,
  changesAssessment,
  housingLabelsZh,
  isValidResidentId,
  newIdempotencyKey,
  options,
} from './intakeForm';
import { MembersSection, residentIdRule } from './MembersSection';
import './intake.css';

const materialOptions = options(materialLabelsZh);

/** The villages of the clerk's township by name; the form starts with the township's code, shown as nothing chosen. */
function VillageSelect({
  villages,
  value,
  onChange,
  ...rest
}: {
  villages: OrgUnit[];
  value?: string;
  onChange?: (code: string) => void;
}) {
  return (
    <Select
      {...rest}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择村（居）"
      value={value?.length === 12 ? value : undefined}
      onChange={onChange}
      options={villages.map((v) => ({ value: v.code, label: v.nameZh }))}
    />
  );
}

export interface Submitted {
  household: HouseholdView;
  application: IntakeValues;
  replayed: boolean;
  /** Set when a program's one-time notice could not be recorded: the clerk must send it from the case. */
  noticeProblem?: string;
}

export function IntakePage() {
  const session = useSignedIn();
  const township = session.post.org;
  const [form] = Form.useForm<IntakeValues>();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [assessment, setAssessment] = useState<NeedsAssessment>();
  const [busy, setBusy] = useState<'assess' | 'submit'>();
  const [error, setError] = useState<string>();
  const [submitted, setSubmitted] = useState<Submitted>();
  // Set synchronously: a second click lands before React re-renders the button as loading.
  const submitting = useRef(false);
  const programs = Form.useWatch('programs', form) ?? [];
  const villages = useOrgUnits(township)?.items ?? [];

  const initialValues: Partial<IntakeValues> = {
    orgs: { county: township.slice(0, 6), township, village: township },
    household: {
      address: '',
      members: [
        {
          relation: 'self',
          employment: 'unemployed',
          disability: 'none',
          monthlyIncome: 0,
          seriousIllness: false,
        } as never,
      ],
    },
    declared: { monthlyIncome: 0, deposits: 0, vehicles: 0, properties: 0, businessOwner: false },
    circumstances: { housing: 'adequate', legalDispute: false },
    materials: [],
    missing: [],
    programs: [],
    referrals: [],
  };

  function failed(e: unknown, fallback: string) {
    if (e instanceof ApiError) {
      if (e.status === 400) showAtFields(form, e);
      // Every issue is listed too: one about a part of the body the form does not show still needs saying.
      const issues = e.issues.map((i) => i.message);
      setError(issues.length > 0 ? `${e.message}：${[...new Set(issues)].join('；')}` : e.message);
    } else {
      setError(fallback);
    }
  }

  async function assess() {
    setError(undefined);
    try {
      await form.validateFields();
    } catch {
      setError('表单有未填或填错的栏目，请按标红提示修改');
      return;
    }
    setBusy('assess');
    try {
      // All values, not validateFields' answer: that holds only the fields on screen (no county, no township).
      const values = form.getFieldsValue(true) as IntakeValues;
      const answer = await api<NeedsAssessment>('POST', '/api/needs-assessment', assessmentBody(values));
      setAssessment(answer);
      // The likely proposals preselected; the clerk confirms or changes them with the applicant.
      const likely = (kind: 'program' | 'referral') =>
        answer.proposals.filter((p) => p.kind === kind && p.strength === 'likely').map((p) => p.code);
      form.setFieldsValue({ programs: likely('program') as never, referrals: likely('referral') as never });
    } catch (e) {
      failed(e, '需求评估失败，请稍后重试');
    } finally {
      setBusy(undefined);
    }
  }

  /**
   * Each running program's one-time notice of the missing items; the household then merges them. A
   * 特困 supporter who has not signed the check authorisation adds that item to the 特困 case's notice.
   */
  async function noticeMissing(household: HouseholdView, values: IntakeValues): Promise<Submitted['noticeProblem']> {
    if (household.missingMaterials.items.length > 0) return undefined;
    const unsignedSupporters = (values.tekun?.supporters ?? []).some((s) => !s.checkAuthorised);
    const missingFor = (program: string): MaterialCode[] => [
      ...(values.missing ?? []),
      ...(program === 'tekun' && unsignedSupporters ? (['supporterCheckAuthorisation'] as const) : []),
    ];
    const waiting = household.children.filter(
      (c) => c.kind === 'program' && c.caseId && c.status === 'active' && missingFor(c.code).length > 0
    );
    try {
      for (const child of waiting) {
        await api('POST', `/api/applications/${child.caseId}/events`, {
          type: 'REQUEST_MISSING_MATERIALS',
          items: missingFor(child.code),
        });
      }
      return undefined;
    } catch (e) {
      return e instanceof ApiError ? e.message : '一次性告知未能记录，请在案件中补办';
    }
  }

  async function submit() {
    if (submitting.current) return;
    submitting.current = true;
    setError(undefined);
    try {
      let values: IntakeValues;
      try {
        await form.validateFields();
        values = form.getFieldsValue(true) as IntakeValues;
      } catch {
        setError('表单有未填或填错的栏目，请按标红提示修改');
        return;
      }
      setBusy('submit');
      const { status, body } = await apiResponse<HouseholdView>(
        'POST',
        '/api/household-applications',
        applicationBody(values),
        { 'Idempotency-Key': idempotencyKey }
      );
      const noticeProblem = await noticeMissing(body, values);
      const household = !noticeProblem
        ? await api<HouseholdView>('GET', `/api/household-applications/${encodeURIComponent(body.id)}`)
        : body;
      setSubmitted({ household, application: values, replayed: status === 200, noticeProblem });
      window.scrollTo(0, 0);
    } catch (e) {
      failed(e, '提交失败，请稍后重试（重试不会重复受理）');
    } finally {
      setBusy(undefined);
      submitting.current = false;
    }
  }

  function nextHousehold() {
    form.resetFields();
    setAssessment(undefined);
    setSubmitted(undefined);
    setError(undefined);
    setIdempotencyKey(newIdempotencyKey());
  }

  if (submitted) {
    return <IntakeResult submitted={submitted} clerkName={session.user.name} onNext={nextHousehold} />;
  }

  return (
    <div style={{ maxWidth: 1180 }}>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        受理 · 家庭救助申请（一窗受理）
      </Typography.Title>
      <Form<IntakeValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        scrollToFirstError
        onValuesChange={(changed: Partial<IntakeValues>) => {
          changed.household?.members?.forEach((member, index) => {
            const id = member?.idNumber;
            if (id === undefined) return;
            form.setFieldValue(
              ['household', 'members', index, 'birthDate'],
              isValidResidentId(id) ? birthDateOfResidentId(id) : undefined
            );
          });
          if (assessment && changesAssessment(changed)) setAssessment(undefined);
        }}
      >
        <Card title="家庭与申请人" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col span={4}>
              <Form.Item label="受理乡镇（街道）">
                <Input value={township} disabled aria-label="受理乡镇（街道）" />
              </Form.Item>
            </Col>
            <Col span={5}>
              {villages.length > 0 ? (
                <Form.Item
                  label="村（居）"
                  name={['orgs', 'village']}
                  rules={[{ pattern: /^\d{12}$/, message: '请选择村（居）' }]}
                >
                  <VillageSelect villages={villages} />
                </Form.Item>
              ) : (
                // No names in the register for this township: the code is typed.
                <Form.Item
                  label="村（居）代码"
                  name={['orgs', 'village']}
                  rules={[
                    {
                      pattern: new RegExp(`^${township}\\d{3}$`),
                      message: `请填写12位村（居）代码，以本乡镇代码 ${township} 开头`,
                    },
                  ]}
                >
                  <Input maxLength={12} inputMode="numeric" />
                </Form.Item>
              )}
            </Col>
            <Col span={15}>
              <Form.Item
                label="家庭住址"
                name={['household', 'address']}
                rules={[{ required: true, whitespace: true, message: '请填写家庭住址' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={5}>
              <Form.Item
                label="申请人姓名"
                name={['applicant', 'name']}
                rules={[{ required: true, whitespace: true, message: '请填写申请人姓名' }]}
              >
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col span={7}>
              <Form.Item
                label="申请人公民身份号码"
                name={['applicant', 'idNumber']}
                normalize={(v: string | undefined) => (v ?? '').toUpperCase().trim()}
                rules={[residentIdRule]}
              >
                <Input maxLength={18} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item
                label="联系电话"
                name={['applicant', 'phone']}
                rules={[{ pattern: /^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, message: '联系电话格式不正确' }]}
              >
                <Input maxLength={13} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title="家庭成员（申请人本人也须列入）" size="small" style={{ marginBottom: 16 }}>
          <MembersSection />
        </Card>

        <Card title="申报收入与财产" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={12}>
            <Col span={5}>
              <Form.Item
                label="家庭月总收入（元）"
                name={['declared', 'monthlyIncome']}
                rules={[{ required: true, message: '请填写家庭月总收入' }]}
              >
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item label="存款等金融资产（元）" name={['declared', 'deposits']}>
                <InputNumber min={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={3}>
              <Form.Item label="机动车（辆）" name={['declared', 'vehicles']}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={3}>
              <Form.Item label="房产（套）" name={['declared', 'properties']}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={3}>
              <Form.Item label="经营企业" name={['declared', 'businessOwner']} valuePropName="checked">
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
            </Col>
            <Col span={3}>
              <Form.Item label="住房情况" name={['circumstances', 'housing']}>
                <Select options={options(housingLabelsZh)} />
              </Form.Item>
            </Col>
            <Col span={3}>
              <Form.Item label="涉法律纠纷" name={['circumstances', 'legalDispute']} valuePropName="checked">
                <Switch checkedChildren="是" unCheckedChildren="否" />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card title="申请材料" size="small" style={{ marginBottom: 16 }}>
          <Form.Item label="已收取的材料" name="materials">
            <Checkbox.Group options={materialOptions} />
          </Form.Item>
          <Form.Item
            label="缺少、需补交的材料（提交后出具一次性告知书）"
            name="missing"
            dependencies={['materials']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_: unknown, value: MaterialCode[] | undefined) => {
                  const received = (getFieldValue('materials') ?? []) as MaterialCode[];
                  const both = (value ?? []).filter((m) => received.includes(m));
                  return both.length === 0
                    ? Promise.resolve()
                    : Promise.reject(
                        new Error(`${both.map((m) => materialLabelsZh[m]).join('、')}已勾选为已收取，不能同时列为缺少`)
                      );
                },
              }),
            ]}
          >
            <Checkbox.Group options={materialOptions} />
          </Form.Item>
        </Card>

        <Card title="发放账户与近亲属备案" size="small" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">
            发放账户（社会保障卡或惠民惠农财政补贴“一卡通”）可在审批前补登；填写任一项即须填全。
          </Typography.Paragraph>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item label="账户户名" name={['payee', 'holderName']}>
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="开户银行" name={['payee', 'bankName']}>
                <Input maxLength={100} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item label="银行账号" name={['payee', 'accountNumber']}>
                <Input maxLength={40} inputMode="numeric" autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="closeRelativeDeclared" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>申请人或家庭成员是经办人员、村（居）干部的近亲属（须单独登记备案）</Checkbox>
          </Form.Item>
          <Form.Item
            noStyle
            shouldUpdate={(a: IntakeValues, b: IntakeValues) => a.closeRelativeDeclared !== b.closeRelativeDeclared}
          >
            {({ getFieldValue }) =>
              getFieldValue('closeRelativeDeclared') ? (
                <Row gutter={12}>
                  <Col span={8}>
                    <Form.Item
                      label="相关经办人员或村（居）干部姓名"
                      name={['closeRelative', 'staffName']}
                      rules={[{ required: true, message: '请填写相关人员姓名' }]}
                    >
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      label="与申请家庭的关系"
                      name={['closeRelative', 'relation']}
                      rules={[{ required: true, message: '请填写亲属关系' }]}
                    >
                      <Input maxLength={50} placeholder="如：申请人之子" />
                    </Form.Item>
                  </Col>
                </Row>
              ) : null
            }
          </Form.Item>
        </Card>

        <Card title="承诺与授权" size="small" style={{ marginBottom: 16 }}>
          <Form.Item
            name="pledgeSigned"
            valuePropName="checked"
            rules={[
              {
                validator: (_, v) =>
                  v === true ? Promise.resolve() : Promise.reject(new Error('申请人须签署守信承诺书后方可申请')),
              },
            ]}
          >
            <Checkbox>申请人已签署守信承诺书</Checkbox>
          </Form.Item>
          <Form.Item
            name="checkAuthorised"
            valuePropName="checked"
            rules={[
              {
                validator: (_, v) =>
                  v === true
                    ? Promise.resolve()
                    : Promise.reject(new Error('申请人及家庭成员须签署经济状况核对授权书后方可申请')),
              },
            ]}
          >
            <Checkbox>申请人及共同生活家庭成员已签署家庭经济状况核对授权书</Checkbox>
          </Form.Item>
        </Card>

        {assessment ? <AssessmentPanel assessment={assessment} programs={programs} /> : null}

        {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} /> : null}
        <Space>
          <Button onClick={() => void assess()} loading={busy === 'assess'} type={assessment ? 'default' : 'primary'}>
            {assessment ? '重新评估' : '需求评估'}
          </Button>
          <Button type="primary" disabled={!assessment} loading={busy === 'submit'} onClick={() => void submit()}>
            确认并提交受理
          </Button>
          {!assessment ? (
            <Typography.Text type="secondary">先做需求评估，与申请人确认项目后再提交</Typography.Text>
          ) : null}
        </Space>
      </Form>
    </div>
  );
}
