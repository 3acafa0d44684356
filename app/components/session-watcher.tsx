import { useEffect } from 'react';
import { connectSocket } from '#app/realtime/socket-client';

/** When this session is revoked elsewhere ("sign out everywhere", password reset), leave the page for the sign-in. */
export function SessionWatcher() {
  useEffect(() => {
    const socket = connectSocket();
    const signedOut = () => window.location.assign('/login?signedOut=1');
    socket.on('session:revoked', signedOut);
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') signedOut();
    });
    return () => {
      socket.off('session:revoked', signedOut);
    };
  }, []);
  return null;
}
