import { defineMessages } from '../define.ts'

export const users = defineMessages({
  en: {
    'users.title': 'Logins of {tenant}',
    'users.body': 'People with a login for this company see only its own numbers, services and contacts.',
    'users.name': 'Name',
    'users.email': 'E-mail address',
    'users.password': 'Initial password',
    'users.passwordHint': 'At least 12 characters. Pass it on in person; the user can change it under Account.',
    'users.add': 'Create login',
    'users.remove': 'Remove login',
    'users.empty': 'This company has no logins yet.',
    'users.emailTaken': 'This e-mail address already has a login.',
    'users.created': 'Login created.',
    'users.manage': 'Logins',
  },
  nl: {
    'users.title': 'Logins van {tenant}',
    'users.body': 'Personen met een login voor dit bedrijf zien alleen de eigen nummers, diensten en contactpersonen.',
    'users.name': 'Naam',
    'users.email': 'E-mailadres',
    'users.password': 'Startwachtwoord',
    'users.passwordHint': 'Minstens 12 tekens. Geef het persoonlijk door; de gebruiker kan het wijzigen onder Account.',
    'users.add': 'Login aanmaken',
    'users.remove': 'Login verwijderen',
    'users.empty': 'Dit bedrijf heeft nog geen logins.',
    'users.emailTaken': 'Dit e-mailadres heeft al een login.',
    'users.created': 'Login aangemaakt.',
    'users.manage': 'Logins',
  },
})
