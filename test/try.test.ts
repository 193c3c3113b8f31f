import { it } from 'vitest';
import { scoreMatching } from './fixtures/company-names/score-matching.js';

it('x', () => {
  const s = scoreMatching();
  for (const k of s.kinds) {
    console.log(
      k.kind,
      k.rows,
      'found',
      k.found,
      'recall',
      k.recall.toFixed(3),
      'prec',
      k.precision.toFixed(3),
      'false',
      k.falseFlags,
    );
    for (const m of k.misses.filter((m) => !/\) → nothing$/.test(m) || !k.kind.includes('typo')).slice(0, 25))
      console.log('   ', m);
  }
  console.log(
    'amb',
    s.ambiguousRows,
    s.ambiguousIncomplete,
    s.ambiguousPreselected,
    'vague',
    s.vagueReasons.length,
    s.vagueReasons.slice(0, 10),
  );
});
