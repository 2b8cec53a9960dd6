import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';

/**
 * Headings and text for the public pages (/login, /verify, /checkin) without antd's Typography: its
 * copy, ellipsis and edit features (tooltip, textarea, resize observer) weigh ~32 KB gzip that a first
 * visit on a phone must not download (docs/decisions/0044). Looks like Typography with the app's theme.
 */
const TITLE_SIZE = { 1: 30, 2: 30, 3: 24, 4: 20 } as const;

/** `size` sets the font size where a page's h1 keeps the look of a smaller heading. */
export function PlainTitle({ level, size, style, children }: { level: 1 | 2 | 3 | 4; size?: number; style?: CSSProperties; children: ReactNode }) {
  const Tag = `h${level}` as const;
  return (
    <Tag style={{ fontSize: size ?? TITLE_SIZE[level], fontWeight: 600, lineHeight: 1.3, color: 'rgba(0,0,0,0.88)', margin: '0 0 0.5em', ...style }}>
      {children}
    </Tag>
  );
}

// the app theme's accessible colours (app/theme.ts: 4.5:1 on white, issue 14 point 7)
const TEXT_COLOR = { secondary: '#595f69', success: '#2f6d12' } as const;

export function PlainText({
  type,
  strong,
  style,
  children,
  ...rest
}: { type?: keyof typeof TEXT_COLOR; strong?: boolean; style?: CSSProperties; children: ReactNode } & Omit<HTMLAttributes<HTMLSpanElement>, 'style' | 'children'>) {
  return (
    <span {...rest} style={{ color: type ? TEXT_COLOR[type] : undefined, fontWeight: strong ? 600 : undefined, ...style }}>
      {children}
    </span>
  );
}
