import { useEffect } from 'react';
import { useRevalidator } from '@remix-run/react';
import { connectSocket } from '#app/realtime/socket-client';

/** When this session is revoked elsewhere ("sign out everywhere", password reset), leave the page for the sign-in. */
export function SessionWatcher() {
  const revalidator = useRevalidator();
  useEffect(() => {
    const socket = connectSocket();
    // A new notification: re-read the page data, so the count in the header is right.
    const notified = () => revalidator.revalidate();
    socket.on('notification:created', notified);
    // Once: the disconnect that follows a revocation must not overrule where the revocation sent the page.
    let leaving = false;
    const signedOut = (info?: { reason?: 'account-deletion' }) => {
      if (leaving) return;
      leaving = true;
      window.location.assign(info?.reason === 'account-deletion' ? '/account/deletion-requested' : '/login?signedOut=1');
    };
    socket.on('session:revoked', signedOut);
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') signedOut();
    });
    return () => {
      socket.off('notification:created', notified);
      socket.off('session:revoked', signedOut);
    };
  // eslint-disable-next-line react-hooks/exhaustive-deps -- one subscription per page
  }, []);
  return null;
}
