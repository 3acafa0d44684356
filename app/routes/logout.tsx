import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { blankSessionCookie, revokeSession } from '#app/domain/auth/sessions.server';
import { getIdentity } from '#app/guards.server';

export async function loader() {
  return redirect('/');
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { sessionId } = await getIdentity(request, context);
  if (sessionId) await revokeSession(sessionId);
  return redirect('/login?signedOut=1', { headers: { 'Set-Cookie': blankSessionCookie(context.secure) } });
}
