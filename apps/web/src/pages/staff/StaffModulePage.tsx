import { Anchor, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useModule, useModuleReport } from '../../api/hooks';
import { ErrorAlert, Loading } from '../../components/State';
import { usePageTitle } from '../../lib/usePageTitle';
import { AttendanceSection } from './AttendanceSection';
import { CertificatesSection } from './CertificatesSection';
import { InvitationsSection } from './InvitationsSection';
import { MembersSection } from './MembersSection';
import { ReminderRulesSection } from './ReminderRulesSection';
import { ReportSection } from './ReportSection';

/** A module as staff run it: a section per task (report, members, invitations, attendance, certificates). */
export function StaffModulePage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation();
  const report = useModuleReport(slug);
  const module = useModule(slug);
  const title = module.data?.title ?? report.data?.title ?? slug;
  usePageTitle(title);
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/staff">
        {t('staff.backToDashboard')}
      </Anchor>
      <Title order={1}>{title}</Title>
      {report.isPending && <Loading />}
      <ErrorAlert error={report.error} />
      {report.data && <ReportSection report={report.data} module={module.data} />}
      <MembersSection slug={slug} module={module.data} />
      <ReminderRulesSection slug={slug} />
      <InvitationsSection slug={slug} module={module.data} />
      <AttendanceSection slug={slug} module={module.data} />
      <CertificatesSection slug={slug} />
    </Stack>
  );
}
