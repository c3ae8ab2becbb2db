// Users page (admin): who may use the console for this tenant. Users whose identity provider puts the tenant in
// their token need nothing here; others are invited by e-mail address and join on their first sign-in.
import { api, get } from './api.js';
import { h, replace, thead, toast, when } from './dom.js';

const INVITATIONS = '/api/v1/admin/invitations';
const MEMBERS = '/api/v1/admin/members';
const ROLES = ['agent', 'admin', 'ops'];

export function usersView(view) {
  const email = h('input', { id: 'invite-email', type: 'email', required: true, placeholder: 'name@example.com', size: 40 });
  const roles = ROLES.map((role) => h('input', { type: 'checkbox', id: `invite-role-${role}`, value: role, checked: role === 'agent' }));
  const invited = h('div', { 'aria-live': 'polite' });
  const members = h('tbody');
  const invitations = h('tbody');

  replace(view,
    h('h1', null, 'Users'),
    h('p', { class: 'muted' }, 'Invite someone by the e-mail address they sign in with. Their first sign-in with that (verified) address accepts the invitation.'),
    h('form', { class: 'card', onsubmit: invite },
      h('h2', null, 'Invite a user'),
      h('label', { for: 'invite-email' }, 'E-mail address'), email,
      h('fieldset', null, h('legend', null, 'Roles'),
        roles.map((box) => h('label', { for: box.id, class: 'inline' }, box, ` ${box.value}`))),
      h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary' }, 'Invite'))),
    invited,
    h('h2', null, 'Members by invitation'),
    h('table', { id: 'members' },
      thead(['E-mail', 'Roles', 'Since', '']),
      members),
    h('h2', null, 'Invitations'),
    h('table', { id: 'invitations' },
      thead(['E-mail', 'Roles', 'Status', 'Expires', '']),
      invitations));

  async function invite(event) {
    event.preventDefault();
    try {
      const { data } = await api('POST', INVITATIONS, { email: email.value.trim(), roles: roles.filter((box) => box.checked).map((box) => box.value) });
      replace(invited, h('section', { class: 'card', role: 'status' },
        h('p', null, `Invited ${data.invitation.email}. Send them this link to sign in:`),
        h('pre', { class: 'code' }, data.signInUrl)));
      email.value = '';
      await load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async function remove(path, message) {
    try {
      await api('DELETE', path);
      toast(message);
      await load();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  async function load() {
    try {
      const [memberList, invitationList] = await Promise.all([get(MEMBERS), get(INVITATIONS)]);
      replace(members, memberList.members.length ? memberList.members.map((member) => h('tr', null,
        h('td', null, member.email || member.subject),
        h('td', null, member.roles.join(', ')),
        h('td', null, when(member.createdAt)),
        h('td', { class: 'actions' }, h('button', {
          type: 'button', class: 'ghost small danger', 'aria-label': `Remove ${member.email || member.subject}`,
          onclick: () => remove(`${MEMBERS}/${member.id}`, 'Removed.'),
        }, 'Remove')))) : h('tr', null, h('td', { colspan: '4', class: 'muted empty' }, 'No members by invitation yet.')));
      replace(invitations, invitationList.invitations.length ? invitationList.invitations.map((invitation) => h('tr', null,
        h('td', null, invitation.email),
        h('td', null, invitation.roles.join(', ')),
        h('td', null, invitation.status),
        h('td', null, when(invitation.expiresAt)),
        h('td', { class: 'actions' }, invitation.status === 'pending' ? h('button', {
          type: 'button', class: 'ghost small danger', 'aria-label': `Revoke the invitation of ${invitation.email}`,
          onclick: () => remove(`${INVITATIONS}/${invitation.id}`, 'Invitation revoked.'),
        }, 'Revoke') : null))) : h('tr', null, h('td', { colspan: '5', class: 'muted empty' }, 'No invitations yet.')));
    } catch (error) {
      replace(members, h('tr', null, h('td', { colspan: '4', class: 'error' }, error.message)));
    }
  }

  load();
}
