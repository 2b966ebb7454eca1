import { ProgressException } from '../progress.exception';
import { emailsFromCsv } from './attendance-csv';

describe('emailsFromCsv', () => {
  it('reads the email column wherever it is, whatever its case, skipping blanks', () => {
    const csv =
      '\uFEFFName,E-mail notes,EMAIL\n"Doe, Jane",x, jane@example.org \nBob,,\n"Zoë ""Z""",y,zoe@example.org\n';
    expect(emailsFromCsv(csv)).toEqual(['jane@example.org', 'zoe@example.org']);
  });

  it('accepts Windows line endings and rows of uneven length', () => {
    expect(emailsFromCsv('email,name\r\na@example.org\r\nb@example.org,B,extra\r\n')).toEqual([
      'a@example.org',
      'b@example.org',
    ]);
  });

  it.each([
    ['no email column', 'name\nJane\n', 'file: the first row must name a column "email"'],
    ['no rows', 'email\n', 'file: no row has an email'],
    ['NUL characters', 'email\na\u0000@example.org\n', 'file: not a text file (it contains NUL characters)'],
    ['an unclosed quote', 'email\n"a@example.org\n', expect.stringMatching(/^file: /)],
  ])('refuses a CSV with %s', (_name, csv, detail) => {
    let thrown: unknown;
    try {
      emailsFromCsv(csv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProgressException);
    expect((thrown as ProgressException).details).toEqual([detail]);
  });
});
