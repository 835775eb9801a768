/**
 * An amount in Stripe's smallest unit of its currency, as the reader's locale writes it: 4900 usd →
 * "$49.00". The currency's own number of decimals divides it (none for yen: 4900 jpy → "¥4,900").
 */
export function formatMoney(amountInSmallestUnit: number, currency: string): string {
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountInSmallestUnit / 10 ** decimals);
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' });
}
