import { usePeople, useTeams } from '../../api/queries.js';
import { Empty, QueryView } from '../../components/states.js';
import { TableScroll } from '../../components/table-scroll.js';
import { InviteButton } from './invite-button.js';

export default function PeoplePage() {
  const people = usePeople();
  const teams = useTeams();
  return (
    <section className="page" aria-labelledby="people-title">
      <h1 id="people-title">People and teams</h1>
      <QueryView query={teams} what="teams">
        {(page) => (
          <ul className="team-cards">
            {page.items.map((t) => (
              <li key={t.id} className="card">
                <h2>{t.name}</h2>
                <p className="muted">{t.members.length} members</p>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
      <QueryView query={people} what="people">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="Nobody yet." next="Import people from your CRM under Imports." />
          ) : (
            <TableScroll label="People">
              <table className="data">
                <caption>{page.total} people</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">E-mail</th>
                    <th scope="col">Role</th>
                    <th scope="col">Login</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{p.name}</th>
                      <td>{p.email ?? '—'}</td>
                      <td>{p.role}</td>
                      <td>
                        {p.hasLogin ? 'yes' : 'no'}
                        {p.active ? '' : ' (inactive)'}
                        {/* Someone without a password yet, reachable by e-mail, can be invited. */}
                        {!p.hasLogin && p.active && p.email ? (
                          <>
                            {' '}
                            <InviteButton personId={p.id} name={p.name} />
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )
        }
      </QueryView>
    </section>
  );
}
