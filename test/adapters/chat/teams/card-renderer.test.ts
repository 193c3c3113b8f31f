import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CardRenderer,
  CHROMIUM_PATH,
  chromiumAvailable,
  WIDTHS,
  writeArtifact,
} from '../../../support/card-renderer.js';
import { sampleCards } from '../../../support/teams-sample-cards.js';

/**
 * Every card the bot sends, drawn by Microsoft's Adaptive Cards renderer with a Teams host config
 * in headless Chromium at phone (360 px) and desktop (540 px) widths. PNGs land in
 * test-artifacts/cards/ for a person to look at. Without Chromium the test is skipped, unless
 * REQUIRE_CHROMIUM=1 (CI) makes that a failure.
 */

const required = process.env.REQUIRE_CHROMIUM === '1';
const present = chromiumAvailable();
if (!present && !required) {
  console.warn(`card-renderer.test: skipped, ${CHROMIUM_PATH} is missing (apt-get install chromium)`);
}

describe.skipIf(!present && !required)(
  `Teams cards in the Adaptive Cards renderer (${CHROMIUM_PATH})`,
  () => {
    let renderer: CardRenderer;

    beforeAll(async () => {
      renderer = await CardRenderer.launch();
    });

    afterAll(async () => {
      await renderer?.close();
    });

    it.each(sampleCards())('%s renders cleanly at 360 and 540 px', async (name, card) => {
      const problems: string[] = [];
      for (const width of WIDTHS) {
        const report = await renderer.render(card, width);
        writeArtifact(name, width, report.png);
        problems.push(...report.problems);
      }
      expect([...new Set(problems)]).toEqual([]);
    });
  },
);
