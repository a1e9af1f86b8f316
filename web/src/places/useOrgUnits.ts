/**
 * The place-name register as the pickers read it: the unit `parent` and the units under it
 * (`GET /api/org-units?parent=`), asked once per page load and shared by every view. Names only
 * help: when the register has none (or cannot be read), views fall back to the codes.
 */
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { OrgUnitsAnswer } from '../api/types';

const answers = new Map<string, Promise<OrgUnitsAnswer>>();

function orgUnitsUnder(parent: string): Promise<OrgUnitsAnswer> {
  let answer = answers.get(parent);
  if (!answer) {
    answer = api<OrgUnitsAnswer>('GET', `/api/org-units?parent=${encodeURIComponent(parent)}`).catch(() => {
      answers.delete(parent);
      return { parent: null, items: [] };
    });
    answers.set(parent, answer);
  }
  return answer;
}

/** The unit and its children; undefined while loading or without a `parent`. */
export function useOrgUnits(parent: string | undefined): OrgUnitsAnswer | undefined {
  const [answer, setAnswer] = useState<{ parent: string; value: OrgUnitsAnswer }>();
  useEffect(() => {
    if (!parent) return;
    let live = true;
    void orgUnitsUnder(parent).then((value) => live && setAnswer({ parent, value }));
    return () => {
      live = false;
    };
  }, [parent]);
  return parent && answer?.parent === parent ? answer.value : undefined;
}
