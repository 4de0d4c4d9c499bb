import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { AuditEvent, Page } from '../../api/types.js';
import { useFormat } from '../../components/format.js';
import { Empty, QueryView } from '../../components/states.js';

export default function AuditPage() {
  const f = useFormat();
  const events = useQuery({
    queryKey: ['audit-events'],
    queryFn: () => api<Page<AuditEvent>>('GET', '/audit-events', { query: { limit: 100 } }),
  });
  return (
    <section className="page" aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <QueryView query={events} what="the audit log">
        {(page) =>
          page.items.length === 0 ? (
            <Empty
              title="Nothing recorded yet."
              next="Sign-ins, changes and activity views appear here."
            />
          ) : (
            <table className="data">
              <caption>
                Latest {page.items.length} of {page.total} events
              </caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Subject</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((e) => (
                  <tr key={e.id}>
                    <td>{f.dateTime(e.at)}</td>
                    <td>{e.action}</td>
                    <td>{e.subjectType ? `${e.subjectType} ${e.subjectId ?? ''}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </section>
  );
}
