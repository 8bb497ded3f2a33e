import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { conversationNames, POLIS_DATA } from '../src/conversations.ts';
import { readPolisExport } from '../src/polis-export.ts';
import { sklearnCheck } from '../src/sklearn-check.ts';

// Runs in CI (which installs python3-sklearn); fails, never skips, when scikit-learn is missing.
describe('projection equals scikit-learn PCA on the mean-imputed matrix', () => {
  const names = conversationNames();
  it('finds the eight shared conversations', () => expect(names.length).toBe(8));
  for (const name of names) {
    it(`${name}: components equal up to sign within 1e-6`, () => {
      const check = sklearnCheck(readPolisExport(path.join(POLIS_DATA, name)));
      expect(check.maxDeviation[0]).toBeLessThan(1e-6);
      expect(check.maxDeviation[1]).toBeLessThan(1e-6);
      // Our eigenvalues are of Xcᵀ Xc; scikit-learn's explained variance divides by n − 1.
      expect(check.explainedVariance.length).toBe(2);
    });
  }
});
