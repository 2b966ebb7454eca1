import { Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { parseAddressList } from '../lib/format';

/** A pasted list of addresses in any form (one a line, commas, a CSV column), with how many were found. */
export function EmailsField({
  label,
  value,
  onChange,
  missing,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Set once a submit found no address. */
  missing: boolean;
}) {
  const { t } = useTranslation();
  const found = parseAddressList(value);
  return (
    <>
      <Textarea
        label={label}
        description={t('staff.emailsHelp')}
        required
        autosize
        minRows={4}
        value={value}
        error={missing ? t('staff.noEmails') : undefined}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
      <Text size="sm" aria-live="polite">
        {t('staff.emailsFound', { count: found.emails.length })}
        {found.invalid.length > 0 &&
          ` ${t('staff.notEmails', { count: found.invalid.length, list: found.invalid.join(', ') })}`}
      </Text>
    </>
  );
}
