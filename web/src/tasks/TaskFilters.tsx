/**
 * The work list's filter bar: program and step (the choices the list's own facets offer, with their
 * counts), township (for a county post: its townships by name), due state and order. Each change
 * goes to the URL through `onChange`; the page reads the list from there.
 */
import { Button, Select, Space } from 'antd';
import type { OrgUnit, TaskListFacets, TaskSort } from '../api/types';
import { useOrgUnits } from '../places/useOrgUnits';
import type { DueFilter, ListView } from './listQuery';
import { isFiltered } from './listQuery';

const DUE_OPTIONS: { value: DueFilter; label: string }[] = [
  { value: 'overdue', label: '已超期' },
  { value: 'dueSoon', label: '即将到期（3个工作日内）' },
];
const SORT_OPTIONS: { value: TaskSort; label: string }[] = [
  { value: 'openedAt', label: '按到达时间（最早在前）' },
  { value: '-openedAt', label: '按到达时间（最新在前）' },
  { value: 'dueAt', label: '按办理期限（最急在前）' },
  { value: '-dueAt', label: '按办理期限（最晚在前）' },
];

/** A county post's townships by name; none for a post at a township or village (its list is one township). */
const useTownships = (org: string): OrgUnit[] => useOrgUnits(org.length === 6 ? org : undefined)?.items ?? [];

export function TaskFilters({
  view,
  facets,
  org,
  onChange,
}: {
  view: ListView;
  facets: TaskListFacets | undefined;
  /** The post's org: a county post may narrow by township. */
  org: string;
  onChange: (change: Partial<Omit<ListView, 'cursor' | 'tab'>>) => void;
}) {
  const townships = useTownships(org);
  const programs = facets?.programs ?? [];
  const steps = facets?.steps ?? [];
  // A filter from a shared link stays visible even when the list no longer holds such tasks.
  const programOptions = programs.map((p) => ({ value: p.program, label: `${p.labelZh}（${p.count}）` }));
  if (view.program && !programs.some((p) => p.program === view.program)) {
    programOptions.push({ value: view.program, label: view.program });
  }
  const stepOptions = steps.map((s) => ({ value: s.step, label: `${s.labelZh}（${s.count}）` }));
  if (view.step && !steps.some((s) => s.step === view.step)) stepOptions.push({ value: view.step, label: view.step });

  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="task-filters">
      <FilterSelect
        label="按项目筛选"
        all="全部项目"
        width={200}
        value={view.program}
        options={programOptions}
        onChange={(program) => onChange({ program })}
      />
      <FilterSelect
        label="按环节筛选"
        all="全部环节"
        width={200}
        value={view.step}
        options={stepOptions}
        onChange={(step) => onChange({ step })}
      />
      {townships.length > 0 && (
        <FilterSelect
          label="按乡镇（街道）筛选"
          all="全部乡镇（街道）"
          width={180}
          value={view.township}
          options={townships.map((t) => ({ value: t.code, label: t.nameZh }))}
          onChange={(township) => onChange({ township })}
        />
      )}
      <FilterSelect
        label="按期限筛选"
        all="全部期限"
        width={210}
        value={view.due}
        options={DUE_OPTIONS}
        onChange={(due) => onChange({ due: due as DueFilter | undefined })}
      />
      <FilterSelect
        label="排序"
        all="默认排序（先到先办）"
        width={210}
        value={view.sort}
        options={SORT_OPTIONS}
        onChange={(sort) => onChange({ sort: sort as TaskSort | undefined })}
      />
      {isFiltered(view) && (
        <Button onClick={() => onChange({ program: undefined, step: undefined, township: undefined, due: undefined })}>
          清除筛选
        </Button>
      )}
    </Space>
  );
}

/**
 * One filter: "all" is a choice of its own rather than a grey placeholder, so the control always
 * reads at full contrast and says what the list shows.
 */
function FilterSelect({
  label,
  all,
  width,
  value,
  options,
  onChange,
}: {
  label: string;
  all: string;
  width: number;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string | undefined) => void;
}) {
  return (
    <Select
      aria-label={label}
      style={{ width }}
      value={value ?? ''}
      showSearch={options.length > 8 ? { optionFilterProp: 'label' } : undefined}
      options={[{ value: '', label: all }, ...options]}
      onChange={(next: string) => onChange(next === '' ? undefined : next)}
    />
  );
}
