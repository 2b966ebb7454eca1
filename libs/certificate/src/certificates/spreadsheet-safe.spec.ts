import { spreadsheetSafe } from './certificates.service';

describe('transcript CSV cells', () => {
  it('quote titles that a spreadsheet would run as formulas, and leave the others alone', () => {
    expect(spreadsheetSafe('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    expect(spreadsheetSafe('+1 producers')).toBe(`'+1 producers`);
    expect(spreadsheetSafe('@home')).toBe(`'@home`);
    expect(spreadsheetSafe('Les banques et les producteurs')).toBe('Les banques et les producteurs');
  });
});
