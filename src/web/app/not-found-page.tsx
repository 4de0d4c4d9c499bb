import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <section className="page">
      <h1>Page not found</h1>
      <p>
        This address leads nowhere, or to something outside your reach. <Link to="/">Go home</Link>.
      </p>
    </section>
  );
}
