import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, messageOf } from '../../api/client.js';

/**
 * Sends a person the e-mail with a single-use link to choose a password: the step the
 * admin's checklist ("Invite the managers") leads to. Sending again sends a new link.
 */
export function InviteButton({ personId, name }: { personId: string; name: string }) {
  const client = useQueryClient();
  const invite = useMutation({
    mutationFn: () => api<{ accepted: true }>('POST', `/people/${personId}/invitation`),
    // The checklist counts the managers invited.
    onSuccess: () => client.invalidateQueries({ queryKey: ['setup-checklist'] }),
  });
  return (
    <span className="invite">
      <button
        type="button"
        disabled={invite.isPending}
        onClick={() => invite.mutate()}
        aria-label={`${invite.isSuccess ? 'Invite again' : 'Invite'} ${name}`}
      >
        {invite.isSuccess ? 'Invite again' : 'Invite'}
      </button>
      <span role="status">
        {invite.isSuccess ? ' invitation sent' : ''}
        {invite.isError ? ` ${messageOf(invite.error)}` : ''}
      </span>
    </span>
  );
}
