import { describe, expect, it } from 'vitest';
import { analyseCompanyName } from '../../../src/domain/company-name.js';
import { hashKeyText, hashWords, sameCompact, sameWords } from '../../../src/domain/name-key-hash.js';

const kept = (name: string) => analyseCompanyName(name).kept;

describe('name key hashes', () => {
  it.each(['Acme Widgets', 'Blue Sky Dental, Inc.', 'St. Mary’s Clinic', 'Müller Bau GmbH', 'x'])(
    '%j hashes the same from its words as from its key text',
    (name) => {
      const analysed = analyseCompanyName(name);
      expect(hashWords(analysed.kept, true)).toBe(hashKeyText(analysed.key, true));
      expect(hashWords(analysed.kept, false)).toBe(hashKeyText(analysed.key, false));
      expect(hashWords(analysed.kept, false)).toBe(hashKeyText(analysed.compact, true));
    },
  );

  it('hashes a name spaced differently alike only without the spaces', () => {
    expect(hashWords(kept('BlueSky Dental'), false)).toBe(hashWords(kept('Blue Sky Dental'), false));
    expect(hashWords(kept('BlueSky Dental'), true)).not.toBe(hashWords(kept('Blue Sky Dental'), true));
  });

  it('stands one word in for another', () => {
    expect(hashWords(kept('Acme Accountnig'), true, 1, 'accounting')).toBe(
      hashWords(kept('Acme Accounting'), true),
    );
    expect(hashWords(kept('Acme Accountnig'), true)).not.toBe(hashWords(kept('Acme Accounting'), true));
  });

  it('compares words and compact spellings without building keys', () => {
    expect(sameWords(kept('ACME Widgets Inc'), kept('Acme Widgets'))).toBe(true);
    expect(sameWords(kept('AcmeWidgets'), kept('Acme Widgets'))).toBe(false);
    expect(sameCompact(kept('AcmeWidgets'), kept('Acme Widgets'))).toBe(true);
    expect(sameCompact(kept('Acme Widget'), kept('Acme Widgets'))).toBe(false);
    expect(sameCompact(kept('Acme Widgets'), kept('Acme Widget'))).toBe(false);
    expect(sameCompact(kept('Acme Widgetz'), kept('Acme Widgets'))).toBe(false);
    expect(sameWords(kept('Acme Widgetz'), kept('Acme Widgets'), 1, 'widgets')).toBe(true);
    expect(sameCompact(kept('AcmeWidgetz'), kept('Acme Widgets'), 0, 'acmewidgets')).toBe(true);
  });
});
