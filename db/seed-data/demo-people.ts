/** The people of the demo network: the accounts one signs in with, and the neighbours who only write. */
type Role = 'member' | 'moderator' | 'organiser' | 'official' | 'admin';

export const DEMO_ACCOUNTS: { label: string; email: string; name: string; networkTeam?: boolean; roles: [string, Role][] }[] = [
  { label: 'Network team', email: 'netzwerk@demo.weltoffen.example', name: 'Netzwerkteam', networkTeam: true, roles: [] },
  { label: 'Town admin (Hafenstadt)', email: 'admin@demo.weltoffen.example', name: 'Amira Admin', roles: [['hafenstadt', 'admin']] },
  { label: 'Moderator (Hafenstadt)', email: 'moderation@demo.weltoffen.example', name: 'Moritz Moderation', roles: [['hafenstadt', 'moderator']] },
  { label: 'Organiser (Hafenstadt)', email: 'veranstaltung@demo.weltoffen.example', name: 'Olga Organisation', roles: [['hafenstadt', 'organiser']] },
  { label: 'Official / mayor (Hafenstadt)', email: 'buergermeisterin@demo.weltoffen.example', name: 'Bürgermeisterin Berg', roles: [['hafenstadt', 'official']] },
  { label: 'Resident', email: 'bewohnerin@demo.weltoffen.example', name: 'Rana R.', roles: [['hafenstadt', 'member'], ['lindenau', 'member']] },
  { label: 'Town admin (Lindenau)', email: 'admin-lindenau@demo.weltoffen.example', name: 'Lars Lindenau', roles: [['lindenau', 'admin']] },
];

/**
 * Neighbours who write in the demo forums, in the languages people in a German town write in. They cannot sign
 * in: each gets a random password nobody ever sees, and their addresses are under the reserved domain, so no
 * reset or sign-in mail reaches anyone.
 */
export const DEMO_NEIGHBOURS: { email: string; name: string; language: string; towns: string[] }[] = [
  { email: 'nachbar-jonas@demo.weltoffen.example', name: 'Jonas Weber', language: 'de', towns: ['hafenstadt', 'lindenau'] },
  { email: 'nachbarin-mehmet@demo.weltoffen.example', name: 'Mehmet Yılmaz', language: 'tr', towns: ['hafenstadt'] },
  { email: 'nachbarin-olena@demo.weltoffen.example', name: 'Olena Kovalenko', language: 'uk', towns: ['hafenstadt', 'lindenau'] },
  { email: 'nachbarin-samira@demo.weltoffen.example', name: 'سميرة حداد', language: 'ar', towns: ['hafenstadt'] },
  { email: 'nachbarin-agnieszka@demo.weltoffen.example', name: 'Agnieszka Nowak', language: 'pl', towns: ['hafenstadt'] },
  { email: 'nachbar-tom@demo.weltoffen.example', name: 'Tom Becker', language: 'en', towns: ['hafenstadt', 'lindenau'] },
  { email: 'nachbarin-sabine@demo.weltoffen.example', name: 'Sabine König', language: 'de', towns: ['hafenstadt', 'lindenau'] },
  { email: 'nachbar-dmitri@demo.weltoffen.example', name: 'Dmitri Petrow', language: 'ru', towns: ['lindenau', 'hafenstadt'] },
  { email: 'nachbarin-fatemeh@demo.weltoffen.example', name: 'فاطمه رحیمی', language: 'fa', towns: ['lindenau', 'hafenstadt'] },
];
