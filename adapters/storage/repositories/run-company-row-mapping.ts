import { preselectedCandidate } from '../../../src/domain/company-decisions.js';
import { normaliseCompanyName } from '../../../src/domain/name-matching.js';
import type { CompanyRecord } from '../../../src/ports/storage.js';
import type { RunCompanyTable } from '../schema.js';
import {
  candidatesSchema,
  companyDecisionColumns,
  companyDecisionOf,
  companyStatusSchema,
  storedJson,
  stringList,
} from './row-schemas.js';

/** A run's company row as the repository writes and reads it: the record and its review order. */
export type Stored = CompanyRecord & { readonly orderKey: string; readonly nameKey?: string };

export function toRow(runId: string, record: Stored): RunCompanyTable {
  const { row } = record;
  const current = companyDecisionColumns(record.decision);
  const fallback = companyDecisionColumns(record.defaultDecision);
  return {
    run_id: runId,
    psa_company_id: row.company.psaId,
    order_key: record.orderKey,
    name: row.company.name,
    name_cut: row.company.nameCut ? 1 : 0,
    type_names: JSON.stringify(row.company.typeNames),
    status_name: row.company.statusName,
    active: row.company.active ? 1 : 0,
    psa_updated_at: row.company.updatedAt,
    status: row.status,
    mapped_id: row.mappedTo?.id ?? null,
    mapped_name: row.mappedTo?.name ?? null,
    candidates: JSON.stringify(row.candidates),
    // Only a candidate the review would pre-select: bulk mapping never maps a similar-name match.
    single_candidate: preselectedCandidate(row)?.companyId ?? null,
    last_imported_at: row.lastImportedAt,
    default_kind: fallback.kind,
    default_target: fallback.target,
    decision_kind: current.kind,
    decision_target: current.target,
    left_out_before: row.leftOutLastTime === true ? 1 : 0,
    name_key: (record.nameKey ?? normaliseCompanyName(row.company.name).key) || null,
    decided: 0,
  };
}

const companyRecord = (row: RunCompanyTable): string =>
  `import ${row.run_id}, PSA company ${row.psa_company_id}`;

export function fromRow(row: RunCompanyTable): Stored {
  return {
    orderKey: row.order_key,
    row: {
      company: {
        psaId: Number(row.psa_company_id),
        name: row.name,
        nameCut: Number(row.name_cut) === 1,
        typeNames: storedJson(stringList, row.type_names, companyRecord(row), 'type_names'),
        statusName: row.status_name,
        active: Number(row.active) === 1,
        updatedAt: row.psa_updated_at,
      },
      status: companyStatusSchema.parse(row.status),
      mappedTo: row.mapped_id === null ? null : { id: row.mapped_id, name: row.mapped_name ?? row.mapped_id },
      candidates: storedJson(candidatesSchema, row.candidates, companyRecord(row), 'candidates'),
      lastImportedAt: row.last_imported_at,
      leftOutLastTime: Number(row.left_out_before) === 1,
    },
    defaultDecision: companyDecisionOf(row.default_kind, row.default_target),
    decision: companyDecisionOf(row.decision_kind, row.decision_target),
  };
}
