/** Russian-first labels for finding kinds and severities (export and audit page). */
export const KIND_LABELS: Record<string, { ru: string; en: string }> = {
  'undisclosed-tracker': { ru: 'Трекер не упомянут в политике', en: 'Tracker not disclosed in the policy' },
  'possible-contradiction': { ru: 'Возможное противоречие политике', en: 'Possible contradiction with the policy' },
  'before-consent': {
    ru: 'Отслеживание до действий пользователя или согласия в баннере',
    en: 'Tracking before any user action or consent in the banner',
  },
  'health-context-leak': { ru: 'Передача медицинского контекста', en: 'Health context sent to a third party' },
  'pii-leak': { ru: 'Передача введённых данных третьей стороне', en: 'Typed data sent to a third party' },
  'session-replay': { ru: 'Запись сеанса', en: 'Session recording' },
  'form-without-policy': { ru: 'Форма без ссылки на политику', en: 'Form without a policy link' },
  'insecure-form': { ru: 'Форма по HTTP', en: 'Form over plain HTTP' },
  'cookie-attributes': { ru: 'Атрибуты cookie', en: 'Cookie attributes' },
  'cross-border-transfer': { ru: 'Передача организации за пределами России', en: 'Transfer to an organisation outside Russia' },
};

export const SEVERITY_LABELS: Record<string, { ru: string; en: string }> = {
  high: { ru: 'высокая', en: 'high' },
  medium: { ru: 'средняя', en: 'medium' },
  low: { ru: 'низкая', en: 'low' },
  info: { ru: 'к сведению', en: 'info' },
};

export function kindLabel(kind: string): { ru: string; en: string } {
  return KIND_LABELS[kind] ?? { ru: kind, en: kind };
}
