import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../shared/contrast';
import { TEXT_COLOURS as C } from './theme';

describe('theme text contrast (WCAG AA, 4.5:1)', () => {
  it('computes known ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each([
    ['text', C.text, C.white],
    ['secondary on white', C.secondary, C.white],
    ['secondary on the page', C.secondary, C.pageBg],
    ['secondary on a table header', C.secondary, '#f5f7fa'],
    ['placeholder on white', C.placeholder, C.white],
    ['warning tag', C.warningText, C.warningBg],
    ['warning text on white', C.warningText, C.white],
    ['success text', C.successText, '#f6ffed'],
    ['error text', C.errorText, '#fff2f0'],
  ])('%s reaches 4.5:1', (_name, fg, bg) => {
    expect(contrastRatio(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });
});
