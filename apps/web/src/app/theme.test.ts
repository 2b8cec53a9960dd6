import { theme as antdTheme } from 'antd';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../shared/contrast';
import { TEXT_COLOURS as C, theme } from './theme';

const token = antdTheme.getDesignToken(theme) as unknown as Record<string, string>;

describe('contrast ratio', () => {
  it('computes known ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(() => contrastRatio('rgba(0,0,0,0.45)', '#ffffff')).toThrow();
  });
});

describe('theme text contrast (WCAG AA, 4.5:1) with the tokens antd derives from our theme', () => {
  const pairs: [string, string, string][] = [
    ['text', token.colorText!, token.colorBgContainer!],
    ['secondary text on white', token.colorTextSecondary!, token.colorBgContainer!],
    ['secondary text on the page', token.colorTextSecondary!, C.pageBg],
    ['secondary text on a table header', token.colorTextSecondary!, '#f5f7fa'],
    ['description text', token.colorTextDescription!, token.colorBgContainer!],
    ['placeholder', token.colorTextPlaceholder!, token.colorBgContainer!],
    ['warning text', token.colorWarningText!, token.colorBgContainer!],
    ['error text', token.colorErrorText!, token.colorBgContainer!],
    ['link', token.colorLink!, token.colorBgContainer!],
    ...(['Warning', 'Success', 'Error', 'Info'] as const).map((s): [string, string, string] => [
      `${s.toLowerCase()} status tag`,
      token[`color${s}`]!,
      token[`color${s}Bg`]!,
    ]),
    ...['gold', 'orange', 'green', 'cyan', 'lime', 'volcano', 'red', 'blue', 'magenta', 'purple', 'geekblue'].map(
      (k): [string, string, string] => [`${k} tag`, token[`${k}7`]!, token[`${k}1`]!],
    ),
  ];
  it.each(pairs)('%s (%s on %s) reaches 4.5:1', (_name, fg, bg) => {
    expect(contrastRatio(fg, bg)).toBeGreaterThanOrEqual(4.5);
  });
});
