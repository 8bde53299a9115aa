import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeComplaint, composeFollowUp, composeLetter, observedFactLines, type LetterInput } from '../../policy/letter/compose';
import { operatorFromPolicy } from '../../policy/letter/operator';
import { followUpDeadline, type SentRequest } from '../../policy/letter/request-log';
import { GA, sender, VK, YANDEX, YANDEX_ADS } from './golden/letter/fixtures';

/**
 * Golden files of the letter's main combinations (issue #4 "Tests"). A change in wording
 * fails here; after reviewing it, regenerate with UPDATE_GOLDEN=1.
 */
const DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden', 'letter');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const operator = operatorFromPolicy();
const today = '2026-12-28';

function check(name: string, letter: { subject: string; body: string }): void {
  const text = `Subject: ${letter.subject}\n\n${letter.body}\n`;
  const file = join(DIR, `${name}.txt`);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`golden file missing: ${file} (run with UPDATE_GOLDEN=1)`);
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, text, 'utf8');
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const cases: Record<string, LetterInput> = {
  'default-preselected': {
    operator,
    sender: sender(),
    demands: ['stop-tracking', 'withdraw-consent', 'info-request'],
    observed: [YANDEX, YANDEX_ADS, GA, VK],
    today,
  },
  'all-demands-full-sender-identifiers': {
    operator,
    sender: sender({
      dateOfBirth: '1985-04-12',
      patientCard: 'МК-004512',
      postalAddress: '630099, г. Новосибирск, ул. Ленина, д. 1, кв. 2',
      includeIdDocument: true,
      idDocument: { number: '5000 123456', issuedAt: '2010-05-20', issuer: 'ОУФМС России по Новосибирской обл.' },
      includeIdentifiers: true,
      operatorEntity: 'ООО «Промедика»',
      operatorInn: '5400000000',
    }),
    demands: ['stop-tracking', 'withdraw-consent', 'stop-marketing', 'info-request'],
    observed: [YANDEX, GA],
    identifiers: { ymUid: '1695035051576708091', gaClientId: '1234567890.1695035051' },
    today,
  },
  'info-request-only-nothing-observed': {
    operator,
    sender: sender(),
    demands: ['info-request'],
    observed: [],
    today,
  },
  'withdraw-consent-only': {
    operator,
    sender: sender(),
    demands: ['withdraw-consent'],
    observed: [VK],
    today,
  },
  // Sent on 02.03.2026: 10 working days with the 2026 decree (9 March is a day off) give
  // 17.03.2026, a year with a decree, so the letter does not say the date may move.
  'sent-2026-03-02-decree-year': {
    operator,
    sender: sender(),
    demands: ['stop-tracking', 'info-request'],
    observed: [YANDEX_ADS],
    today: '2026-03-02',
  },
  'stop-marketing-only': {
    operator,
    sender: sender(),
    demands: ['stop-marketing'],
    observed: [],
    today,
  },
};

describe('letter golden files', () => {
  for (const [name, input] of Object.entries(cases)) {
    it(name, () => check(name, composeLetter(input)));
  }

  const sent: SentRequest = {
    id: 'req-1',
    sentAt: '2026-12-28T09:00:00.000Z',
    demands: ['stop-tracking', 'withdraw-consent', 'info-request'],
    deadline: '2027-01-20',
    recipient: 'info@pro-medika.ru',
    ...composeLetter(cases['default-preselected']),
    vendors: ['yandex-metrica', 'yandex-direct', 'google-analytics', 'vk-ads'],
    kind: 'demand',
    status: 'open',
    facts: observedFactLines(cases['default-preselected'].observed),
  };

  it('follow-up', () => check('follow-up', composeFollowUp(sent, '2027-01-21', sender())));

  it('complaint', () => {
    const fu = composeFollowUp(sent, '2027-01-21', sender());
    const followUp: SentRequest = {
      ...sent,
      id: 'req-2',
      kind: 'follow-up',
      parentId: 'req-1',
      sentAt: '2027-01-21T09:00:00.000Z',
      deadline: followUpDeadline('2027-01-21'),
      ...fu,
    };
    check(
      'complaint',
      composeComplaint(sent, followUp, '2027-01-29', {
        operator,
        sender: sender({ operatorEntity: 'ООО «Промедика»', operatorInn: '5400000000' }),
      }),
    );
  });
});
