/// <reference lib="dom" />
// The dashboard and `cifra results` share one JEE-versus-margin rule (leaders.ts jeeHeld): a
// runner-up at 0 votes counted still stands, so the votes held at the JEE are weighed against the
// leader's whole count. Failed on the old page: it dropped the runner-up and said nothing.
import { describe, expect, it } from 'vitest';
import { nightCsvStore } from '../night-csv.js';
import { openPage, useDashboard } from './harness.js';

// 010103: FP 30, JP 0 counted; 30 voters at the JEE (as test/cli-results-jee.test.ts)
const env = useDashboard(() =>
  nightCsvStore('cifra-browser-jee-edges-', [
    {
      name: 'edges.csv',
      rows: [
        '000011,010103,CONTABILIZADA,300,31,1,0,0,30,0',
        '000012,010103,OBSERVADA,300,30,0,0,0,15,15',
      ],
    },
  ]),
);

describe('the votes at the JEE against a runner-up at 0 votes', () => {
  it('district 010103: 30 held reach a margin of 30', async () => {
    const { page, errors } = await openPage(
      env.browser,
      `${env.base}/?election=night&level=district&code=010103&lang=en`,
      390,
      { consoleErrors: true },
    );
    await page.waitForSelector('#unit-jee');
    expect(await page.getAttribute('#unit-jee', 'data-reaches')).toBe('true');
    expect(await page.textContent('#unit-jee')).toContain("Alone they reach the leader's margin");
    // the margin beside it: the leader's 30 over the runner-up's 0 (the old page gave no margin
    // line here: it read the margin from the rows, which leave out a choice at 0 votes)
    expect(await page.textContent('#unit-facts')).toContain("Leader's margin: 30");
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
