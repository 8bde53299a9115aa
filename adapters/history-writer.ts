import type { PageState } from '@/policy/page-state';
import type { ReportPage } from '@/policy/report/schema';
import { putHistory } from '@/store/history';
import { historyEnabled } from '@/store/settings';

/** Writes a finished page load to history, unless the user turned history off. */
export async function recordPageInHistory(state: PageState, page: ReportPage): Promise<void> {
  if (!(await historyEnabled.getValue())) return;
  const result = await putHistory({
    id: state.pageId,
    pageId: state.pageId,
    url: state.url,
    time: state.startedAt,
    report: page,
    policyVersion: page.policy?.version ?? '',
    bytes: 0,
  });
  if (result && typeof result === 'object' && 'ok' in result && !result.ok) {
    console.warn('[tracker-lens] history not saved', result);
  }
}
