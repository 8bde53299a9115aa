import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';

/**
 * Renders at most `limit` items, then a "show N more" button: pages with 150 cookies or
 * 2,000 requests stay responsive and readable (issue #2, hostile data).
 */
export function BoundedList<T>(props: {
  items: T[];
  limit?: number;
  render: (item: T, index: number) => ComponentChildren;
  as?: 'ul' | 'tbody';
  colSpan?: number;
}) {
  const { t } = useI18n();
  const step = props.limit ?? 50;
  const [shown, setShown] = useState(step);
  const visible = props.items.slice(0, shown);
  const rest = props.items.length - visible.length;
  const more = rest > 0 && (
    <button type="button" class="more" onClick={() => setShown(shown + step)}>
      {t('popup_showMore', [Math.min(rest, step)])} ({t('popup_more', [rest])})
    </button>
  );
  if (props.as === 'tbody') {
    return (
      <tbody>
        {visible.map(props.render)}
        {more && (
          <tr>
            <td colSpan={props.colSpan ?? 1}>{more}</td>
          </tr>
        )}
      </tbody>
    );
  }
  return (
    <>
      <ul>{visible.map(props.render)}</ul>
      {more}
    </>
  );
}
