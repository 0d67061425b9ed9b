import { useEffect, useState } from 'react';
import type { SharingSchemas } from '../../api/clients';
import { outcomeOf } from '../../api/call';
import type { ApiProblem } from '../../api/problem';
import { Bi } from '../../app/Bilingual';
import { useDesk } from '../../app/desk-context';
import { formatCount, formatDate } from '../../app/format';
import { Link } from '../../app/Link';
import { Screen } from '../../app/Screen';
import { ActionProblem } from './ActionProblem';

export type Company = SharingSchemas['schemas']['CompanyResponse'];

export const RELATIONSHIPS: Record<Company['relationship'], string> = {
  HOLDING: '持株会社 · Holding company',
  CONSOLIDATED_SUBSIDIARY: '連結子会社 · Consolidated subsidiary',
  EQUITY_METHOD_AFFILIATE: '持分法適用会社 · Equity-method affiliate',
};

export const CREDENTIAL_STATES: Record<Company['kafkaCredentials'], string> = {
  NONE: '未発行 · None',
  ACTIVE: '有効 · Active',
  REVOKED: '失効 · Revoked',
};

/** The document types leftOn as an object; it is a Japan date (YYYY-MM-DD) or null. */
export const leftOnOf = (company: Company): string | null => (company.leftOn as unknown as string | null | undefined) ?? null;

/** The group company register: which companies are in the group, and whether each holds Kafka credentials. */
export function CompaniesScreen() {
  const { api } = useDesk();
  const [companies, setCompanies] = useState<Company[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem>();

  useEffect(() => {
    void (async () => {
      const outcome = await outcomeOf('sharing', api.sharing.GET('/companies'));
      if (outcome.ok) setCompanies(outcome.data);
      else {
        setCompanies([]);
        setProblem(outcome.problem);
      }
    })();
  }, [api]);

  return (
    <Screen titleJa="グループ会社台帳" titleEn="Group company register" intro={<Bi ja="共同利用する会社と、各社のKafka接続情報" en="The companies that use the data jointly, and their Kafka credentials" />}>
      {problem ? <ActionProblem problem={problem} what="台帳を読み込めませんでした。 The register could not be loaded." /> : null}
      <div className="table-wrap">
        <table id="companies-table" aria-busy={companies === null}>
          <caption>
            <span role="status">{companies === null ? '読み込み中… Loading…' : `${formatCount(companies.length)} 社 · companies`}</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">コード · Code</th>
              <th scope="col">商号 · Legal name</th>
              <th scope="col">関係 · Relationship</th>
              <th scope="col">国 · Country</th>
              <th scope="col">加入・離脱 · Joined / left</th>
              <th scope="col">有効 · Active</th>
              <th scope="col">Kafka</th>
            </tr>
          </thead>
          <tbody>
            {(companies ?? []).map((company) => (
              <tr key={company.code}>
                <td>
                  <Link to={`/privacy/companies/${encodeURIComponent(company.code)}`}>{company.code}</Link>
                </td>
                <td>{company.legalName}</td>
                <td>{RELATIONSHIPS[company.relationship]}</td>
                <td>{company.country}</td>
                <td>
                  {formatDate(company.joinedOn)}
                  {leftOnOf(company) ? ` – ${formatDate(leftOnOf(company) as string)}` : ''}
                </td>
                <td>{company.active ? 'はい · Yes' : 'いいえ · No'}</td>
                <td>{CREDENTIAL_STATES[company.kafkaCredentials]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Screen>
  );
}
