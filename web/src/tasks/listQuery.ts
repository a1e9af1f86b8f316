/**
 * The work list's state in the URL — tab, filters, order, page — so a filtered view is a link a
 * colleague can open (saved filters are bookmarks), and the back button goes to the previous page.
 * Read leniently: a value the console does not know is dropped, not sent to the API. Pure.
 */
import type { TaskListName, TaskSort } from '../api/types';

export type Tab = Extract<TaskListName, 'mine' | 'claimable' | 'done'>;
export type DueFilter = 'overdue' | 'dueSoon';

export interface ListView {
  tab: Tab;
  program?: string;
  step?: string;
  township?: string;
  due?: DueFilter;
  sort?: TaskSort;
  cursor?: string;
}

const TABS: readonly Tab[] = ['mine', 'claimable', 'done'];
const SORTS: readonly TaskSort[] = ['openedAt', '-openedAt', 'dueAt', '-dueAt'];
const DUES: readonly DueFilter[] = ['overdue', 'dueSoon'];
const FILTER_KEYS = ['program', 'step', 'township', 'due', 'sort'] as const;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((v) => v === value);
const text = (value: string | null): string | undefined => (value ? value : undefined);

export function readListView(params: URLSearchParams): ListView {
  return {
    tab: oneOf(TABS, params.get('tab')) ?? 'mine',
    program: text(params.get('program')),
    step: text(params.get('step')),
    township: /^\d{9}$/.test(params.get('township') ?? '') ? params.get('township')! : undefined,
    due: oneOf(DUES, params.get('due')),
    sort: oneOf(SORTS, params.get('sort')),
    cursor: text(params.get('cursor')),
  };
}

/** The URL of a view: only what is set, in a fixed order, so equal views have equal links. */
export function listViewParams(view: ListView): URLSearchParams {
  const search = new URLSearchParams({ tab: view.tab });
  for (const key of FILTER_KEYS) {
    const value = view[key];
    if (value) search.set(key, value);
  }
  if (view.cursor) search.set('cursor', view.cursor);
  return search;
}

/** A change of tab, filter or order starts again at the first page (a cursor belongs to one list). */
export function withChange(view: ListView, change: Partial<Omit<ListView, 'cursor'>>): ListView {
  const next: ListView = { ...view, ...change, cursor: undefined };
  // Another tab lists other tasks: its filters start empty, its order as the list's default.
  if (change.tab && change.tab !== view.tab) return { tab: change.tab };
  return next;
}

/** Whether any filter narrows the list (the empty text then says so). */
export const isFiltered = (view: ListView): boolean => Boolean(view.program || view.step || view.township || view.due);

/** The API query of a view. */
export function apiQuery(view: ListView, limit: number): Record<string, string | number | undefined> {
  const { tab, cursor, ...filters } = view;
  return { list: tab, limit, ...filters, cursor };
}
