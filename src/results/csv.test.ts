import { describe, expect, it } from 'vitest';
import { csvLine } from './csv.js';

describe('csvLine', () => {
  it("prefixes text a spreadsheet would run as a formula with ' (numbers stay numbers)", () => {
    expect(csvLine(['=1+2', '+A1', '-2+3', '@SUM(A1)', '\tx', 'LIMA', -5, 'a,b'])).toBe(
      `'=1+2,'+A1,'-2+3,'@SUM(A1),'\tx,LIMA,-5,"a,b"`,
    );
    expect(csvLine(['=HYPERLINK("http://x")'])).toBe(`"'=HYPERLINK(""http://x"")"`);
  });
});
