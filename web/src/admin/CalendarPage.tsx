/**
 * 工作日日历: the calendar the clocks count working days on (GET /api/calendar), one year at a time as
 * twelve month grids — statutory holidays (休), weekend days worked instead (班, 调休) — with the State
 * Council notice it comes from, whether it is provisional, and whether it is built in or loaded from
 * the calendar directory. The year is in the URL.
 */
import { Alert, Card, Descriptions, Segmented, Spin, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useLoaded } from '../api/useLoaded';
import type { CalendarAnswer } from '../api/types';
import { formatDate } from '../format';
import { LoadFailed } from '../layout/LoadFailed';
import type { DayCell, DayKind } from './calendarMonths';
import { calendarMonths } from './calendarMonths';
import './calendar.css';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const MARK: Record<DayKind, string | null> = { holiday: '休', adjustedWorkday: '班', weekend: null, workday: null };
const KIND_ZH: Record<DayKind, string> = {
  holiday: '放假',
  adjustedWorkday: '调休上班',
  weekend: '周末',
  workday: '工作日',
};

function Day({ cell }: { cell: DayCell | null }) {
  if (!cell) return <td />;
  const mark = MARK[cell.kind];
  return (
    <td
      className={`calendar-day calendar-${cell.kind}`}
      data-date={cell.date}
      data-kind={cell.kind}
      title={`${cell.date} ${KIND_ZH[cell.kind]}${cell.holiday ? `（${cell.holiday}）` : ''}`}
    >
      {cell.day}
      {mark && <span className="calendar-mark">{mark}</span>}
    </td>
  );
}

export function CalendarPage() {
  const [params, setParams] = useSearchParams();
  const { data: answer, error: loadError, load } = useLoaded<CalendarAnswer>('/api/calendar');

  const title = (
    <Typography.Title level={1} style={{ fontSize: 20, marginTop: 0 }}>
      工作日日历
    </Typography.Title>
  );
  if (loadError)
    return (
      <>
        {title}
        <LoadFailed error={loadError} retry={load} />
      </>
    );
  if (!answer)
    return (
      <>
        {title}
        <Spin description="正在加载…" />
      </>
    );

  const thisYear = new Date().getFullYear();
  const wanted = Number(params.get('year') ?? thisYear);
  const year = answer.years.find((y) => y.year === wanted) ?? answer.years.at(-1);
  if (!year)
    return (
      <>
        {title}
        <Alert type="warning" showIcon title="系统中没有任何年度的日历" />
      </>
    );
  const months = calendarMonths(year);
  const workingDays = months.reduce((sum, m) => sum + m.workingDays, 0);

  return (
    <>
      {title}
      <Segmented
        aria-label="年份"
        value={year.year}
        options={answer.years.map((y) => ({ value: y.year, label: `${y.year}年` }))}
        onChange={(value) => setParams({ year: String(value) })}
        style={{ marginBottom: 16 }}
      />
      {year.provisional && (
        <Alert
          type="warning"
          showIcon
          title="暂定日历"
          description="国务院办公厅尚未发布本年放假安排：只含法定节日当天，没有调休。正式通知发布后，请在日历目录中加入本年文件并重启服务。"
          style={{ marginBottom: 12 }}
        />
      )}
      <Descriptions
        size="small"
        column={2}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'source',
            label: '依据',
            children: year.source.url ? (
              <a href={year.source.url} target="_blank" rel="noreferrer">
                {year.source.title}
              </a>
            ) : (
              year.source.title
            ),
          },
          { key: 'number', label: '文号', children: year.source.documentNumber ?? '—' },
          { key: 'published', label: '发布日期', children: formatDate(year.source.publishedOn) },
          {
            key: 'origin',
            label: '来源',
            children: <Tag data-origin={year.origin}>{year.origin === 'file' ? '日历目录文件' : '系统内置'}</Tag>,
          },
          { key: 'workingDays', label: '全年工作日', children: `${workingDays}天` },
          { key: 'adjusted', label: '调休上班日', children: `${year.adjustedWorkdays.length}天` },
        ]}
      />
      <div className="calendar-legend" aria-hidden="true">
        <span className="calendar-day calendar-holiday">
          1<span className="calendar-mark">休</span>
        </span>
        放假
        <span className="calendar-day calendar-adjustedWorkday">
          1<span className="calendar-mark">班</span>
        </span>
        调休上班
        <span className="calendar-day calendar-weekend">1</span>周末
      </div>
      <div className="calendar-grid" data-testid="calendar-grid">
        {months.map((m) => (
          <Card key={m.month} size="small" title={`${m.month}月`} extra={`${m.workingDays}个工作日`}>
            <table className="calendar-month">
              <caption className="calendar-caption">
                {year.year}年{m.month}月
              </caption>
              <thead>
                <tr>
                  {WEEKDAYS.map((d) => (
                    <th key={d} scope="col">
                      {d}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {m.weeks.map((week, w) => (
                  <tr key={w}>
                    {week.map((cell, d) => (
                      <Day key={d} cell={cell} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        ))}
      </div>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        放假与调休安排
      </Typography.Title>
      <Table
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={year.holidays}
        columns={[
          { title: '节日', dataIndex: 'name', width: 160 },
          {
            title: '放假',
            key: 'dates',
            render: (_v, h) =>
              h.dates.length > 1
                ? `${formatDate(h.dates[0])}至${formatDate(h.dates.at(-1))}，共${h.dates.length}天`
                : formatDate(h.dates[0]),
          },
          {
            title: '调休上班',
            key: 'adjusted',
            render: (_v, h) =>
              year.adjustedWorkdays
                .filter((d) => d.holiday === h.name)
                .map((d) => formatDate(d.date))
                .join('、') || '—',
          },
        ]}
      />
      {year.note && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {year.note}
        </Typography.Paragraph>
      )}
    </>
  );
}
