import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { blankSessionCookie, revokeSession } from '#app/domain/auth/sessions.server';
import { identityOf } from '#app/web/identity.server';
import { routeAction } from '#app/web/guard.server';

export async function loader() {
  return redirect('/');
}

export const action = (args: ActionFunctionArgs) => routeAction(args, async ({ request, context }) => {
  const { sessionId } = await identityOf(request, context);
  if (sessionId) await revokeSession(sessionId);
  return redirect('/login?signedOut=1', { headers: { 'Set-Cookie': blankSessionCookie(context.https) } });
});
