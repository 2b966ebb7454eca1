import { createTheme, CSSVariablesResolver } from '@mantine/core';

/**
 * Shade 8 of the primary colour gives white button text ≥ 4.5:1, and dimmed text is gray 7 instead
 * of gray 6, so every text meets WCAG AA contrast. The focus ring shows on keyboard focus.
 */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 9, dark: 4 },
  autoContrast: true,
  focusRing: 'auto',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  other: {},
});

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-placeholder': t.colors.gray[7],
    '--mantine-color-anchor': t.colors.teal[9],
    // Mantine hovers a filled shade-9 button with shade 8, under 4.5:1 with white text: go darker instead.
    '--mantine-primary-color-filled-hover': '#066649',
  },
  dark: {},
});
