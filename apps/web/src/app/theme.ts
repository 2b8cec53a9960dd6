import type { ThemeConfig } from 'antd';


/**
 * Text colours that reach WCAG AA (4.5:1) on white and on the page background (issue 14 point 7;
 * theme.test.ts checks every pair). antd's defaults are translucent greys (secondary text 3.3:1,
 * placeholders 1.8:1).
 */
export const TEXT_COLOURS = {
  text: '#1f2329',
  secondary: '#595f69',
  placeholder: '#6b717b',
  /** Warning tags and texts: antd's gold on its pale background is 2.76:1. */
  warningText: '#8a5300',
  warningBg: '#fff7e6',
  successText: '#2f6d12',
  errorText: '#b71c1c',
  pageBg: '#f3f5f8',
  white: '#ffffff',
} as const;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#14508f',
    colorLink: '#14508f',
    colorError: '#c62828',
    colorText: TEXT_COLOURS.text,
    colorTextSecondary: TEXT_COLOURS.secondary,
    colorTextTertiary: TEXT_COLOURS.secondary,
    colorTextDescription: TEXT_COLOURS.secondary,
    colorTextPlaceholder: TEXT_COLOURS.placeholder,
    colorTextDisabled: TEXT_COLOURS.placeholder,
    colorWarningText: TEXT_COLOURS.warningText,
    colorSuccessText: TEXT_COLOURS.successText,
    colorErrorText: TEXT_COLOURS.errorText,
    // status tags ("warning", "success", "processing") write their seed colour on its pale background
    colorWarning: TEXT_COLOURS.warningText,
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorSuccess: TEXT_COLOURS.successText,
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorInfo: '#14508f',
    colorInfoBg: '#e6f0fa',
    colorInfoBorder: '#a9c6e6',
    // preset tag colours write shade 7 on shade 1; these shades are too light in antd's palette
    gold7: '#8a5300',
    orange7: '#8f4200',
    green7: '#2f6d12',
    cyan7: '#006d75',
    lime7: '#3f6600',
    volcano7: '#ad2102',
    borderRadius: 8,
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: '#0f3b6e', headerHeight: 60, bodyBg: TEXT_COLOURS.pageBg },
    Menu: {
      darkItemBg: 'transparent',
      darkItemSelectedBg: 'rgba(255,255,255,0.16)',
      darkItemHoverBg: 'rgba(255,255,255,0.08)',
      darkPopupBg: '#0f3b6e',
      itemSelectedBg: '#e3edf8',
    },
    Table: { headerBg: '#f5f7fa' },
    Tree: { nodeSelectedBg: '#dce8f6', nodeHoverBg: '#eef3fa' },
  },
};
