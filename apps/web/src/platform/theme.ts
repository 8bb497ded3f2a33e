import type { ThemeConfig } from 'antd';

/**
 * The platform's one theme (UI.md): a restrained CPPCC red on a white and grey base. Set once in
 * the ConfigProvider, never per page. Secondary and tertiary text are darker than antd's
 * defaults (45% black on white is 3.4:1) so that all text reaches 4.5:1 (WCAG AA).
 */
export const PRIMARY = '#C8161D';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorLink: '#A8121A',
    colorLinkHover: '#C8161D',
    colorLinkActive: '#8A0F15',
    colorPrimaryHover: '#A8121A',
    colorPrimaryActive: '#8A0F15',
    colorInfo: '#1F5FAD',
    colorSuccess: '#2E7D32',
    colorWarning: '#A15C00',
    colorError: '#B3261E',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.55)',
    colorWarningBg: '#FFF7E6',
    colorWarningBorder: '#FFD591',
    // antd derives a grey-green from the dark success colour; a clear light green reads better.
    colorSuccessBg: '#EDF7EE',
    colorSuccessBorder: '#A5D6A7',
    colorBgLayout: '#F4F5F7',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
    controlHeightLG: 44,
  },
  components: {
    Layout: { headerBg: '#FFFFFF', siderBg: '#FFFFFF', headerPadding: '0 16px', headerHeight: 56 },
    Menu: { itemSelectedColor: '#A8121A', itemSelectedBg: '#FDECEC', itemHeight: 44 },
  },
};
