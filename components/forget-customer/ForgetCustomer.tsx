// 删除此客户（个人信息）: a customer's request to have their personal data
// deleted (docs/architecture.md#forgetting-a-customer). A confirm names what
// goes; lib/db's forgetCustomers removes it in one transaction.
import { useState } from 'react';
import { useLocale } from '@/components/i18n/LocaleContext';
import { forgetCustomers, type DealerLensDB, type StoredCustomer } from '@/lib/db';
import { MESSAGES } from './messages';

export interface ForgetCustomerProps {
  db: DealerLensDB;
  customer: StoredCustomer;
  now: () => Date;
  /** After the customer is gone: the host closes what showed them and refreshes its lists. */
  onForgotten(customerId: string): void;
}

export function ForgetCustomer({ db, customer, now, onForgotten }: ForgetCustomerProps) {
  const { t } = useLocale();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = customer.name ?? customer.phone ?? customer.id;

  const forget = async () => {
    setBusy(true);
    setError(null);
    try {
      await forgetCustomers(db, [customer.id], now());
      onForgotten(customer.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  };

  if (!asking)
    return (
      <section className="forget-customer">
        <button type="button" className="danger" onClick={() => setAsking(true)}>
          {t(MESSAGES.button)}
        </button>
      </section>
    );
  return (
    <section className="forget-customer" role="alertdialog" aria-labelledby="forget-customer-title">
      <p id="forget-customer-title">
        <b>{t(MESSAGES.title, { name })}</b>
      </p>
      <p>{t(MESSAGES.what)}</p>
      <p className="why">{t(MESSAGES.why)}</p>
      <button type="button" className="danger" disabled={busy} onClick={() => void forget()}>
        {busy ? t(MESSAGES.working) : t(MESSAGES.confirm)}
      </button>{' '}
      <button type="button" disabled={busy} onClick={() => setAsking(false)}>
        {t(MESSAGES.cancel)}
      </button>
      {error && (
        <p className="error" role="alert">
          {t(MESSAGES.failed, { error })}
        </p>
      )}
    </section>
  );
}
