import { readFileSync } from 'node:fs';
import { NotificationType } from './notification-type.enum.js';
import { NOTIFICATION_RULES, notificationTableMarkdown } from './notification-rules.js';

describe('NOTIFICATION_RULES', () => {
  it('covers every type, each naming its recipients', () => {
    expect(Object.keys(NOTIFICATION_RULES).sort()).toEqual(Object.values(NotificationType).sort());
    for (const rule of Object.values(NOTIFICATION_RULES)) expect(rule.recipients).not.toBe('');
  });

  it('uses only the three template arguments, and the count in grouped ones', () => {
    for (const { single, grouped } of Object.values(NOTIFICATION_RULES)) {
      for (const text of [single.title, single.message])
        expect(text.replace(/%[123]\$s/g, '')).not.toMatch(/%/);
      for (const text of [grouped.title, grouped.message])
        expect(text.replace(/%1\$s/g, '')).not.toMatch(/%/);
    }
  });

  it('is printed in docs/features/notifications.md as it is', () => {
    const readme = readFileSync(
      new URL('../../docs/features/notifications.md', import.meta.url),
      'utf8',
    );
    const printed = /<!-- notifications:start -->\n([\s\S]*?)\n<!-- notifications:end -->/.exec(
      readme,
    )?.[1];
    expect(printed).toBe(notificationTableMarkdown());
  });
});
