/** Row shape of the table of migrations/0017-kept-user-decisions.ts. */
export interface KeptUserDecisionTables {
  run_kept_user_decisions: RunKeptUserDecisionTable;
}

/** A user decision the admin set on a run's contact, kept while the run is back at the companies. */
export interface RunKeptUserDecisionTable {
  run_id: string;
  psa_contact_id: number;
  decision_kind: string;
  decision_target: string | null;
}
