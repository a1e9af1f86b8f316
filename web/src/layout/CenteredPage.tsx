import type { ReactNode } from 'react';

/** The frame of the pages shown before the work itself: sign-in, password change, post choice. */
export function CenteredPage({ children }: { children: ReactNode }) {
  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f0f2f5',
      }}
    >
      {children}
    </main>
  );
}
