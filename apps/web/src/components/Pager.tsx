// Mantine's CSS for the components this page adds to the always-loaded ones (styles/mantine.css).
import '@mantine/core/styles/Pagination.layer.css';
import { Pagination } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Page numbers for a staff list, in a labelled navigation landmark; nothing when there is one page. */
export function Pager({ pages, page, onChange }: { pages: number; page: number; onChange: (page: number) => void }) {
  const { t } = useTranslation();
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('staff.pages')}>
      <Pagination
        total={pages}
        value={page}
        onChange={onChange}
        getItemProps={(n) => ({ 'aria-label': t('staff.pageN', { n }) })}
        getControlProps={(control) => ({ 'aria-label': t(`staff.pageControl.${control}`) })}
      />
    </nav>
  );
}
