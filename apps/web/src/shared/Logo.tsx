/** The product mark: three rising steps and a star ("nâng tầm" — raising the level). */
export function LogoMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#b91c1c" />
      <rect x="6" y="19" width="5" height="7" rx="1" fill="#fcd34d" />
      <rect x="13.5" y="14" width="5" height="12" rx="1" fill="#fcd34d" />
      <rect x="21" y="9" width="5" height="17" rx="1" fill="#fcd34d" />
      <path d="M23.5 2.8l1.1 2.3 2.5.3-1.8 1.7.5 2.5-2.3-1.2-2.2 1.2.4-2.5-1.8-1.7 2.5-.3z" fill="#fcd34d" />
    </svg>
  );
}
