import type { Invoice } from '@tcpa/contracts';
import { formatDate, formatMoney } from './format-money.ts';

/** The company's latest invoices from Stripe, each with a link to Stripe's own page for it. */
export function InvoicesTable({ invoices }: { invoices: Invoice[] }) {
  if (invoices.length === 0) return null;
  return (
    <section aria-labelledby="invoices-title">
      <h2 id="invoices-title">Invoices</h2>
      <div className="table-scroll">
        <table className="data-table" aria-labelledby="invoices-title">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Number</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Stripe's page</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((invoice) => (
              <tr key={invoice.id}>
                <td>{formatDate(invoice.createdAt)}</td>
                <td>{invoice.number ?? '—'}</td>
                <td>{formatMoney(invoice.amountDueCents, invoice.currency)}</td>
                <td>{invoice.status ?? '—'}</td>
                <td>
                  {invoice.url && (
                    <a href={invoice.url} target="_blank" rel="noopener noreferrer">
                      View<span className="visually-hidden"> invoice {invoice.number ?? invoice.id}</span>
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
