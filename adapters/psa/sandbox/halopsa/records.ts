/** The records the sandbox HaloPSA stores and serves, named and typed as Halo's `Area_List` and `Users_List`. */

export interface HaloClientRecord {
  readonly id: number;
  readonly name: string;
  readonly inactive: boolean;
  readonly toplevel_id: number;
  readonly toplevel_name: string;
  readonly customertype: number;
  readonly website: string | null;
  readonly is_vip: boolean;
  /** The MSP's own organisation; left out with `exclude_internal=true`. */
  readonly internal: boolean;
}

export interface HaloUserRecord {
  readonly id: number;
  readonly name: string;
  readonly firstname: string;
  readonly surname: string;
  readonly emailaddress: string | null;
  readonly inactive: boolean;
  readonly isserviceaccount: boolean;
  readonly client_id: number;
  readonly client_name: string;
  /** Halo types it as a double; the sandbox sends whole numbers, as real instances do. */
  readonly site_id: number;
  readonly linked_agent_id: number | null;
  readonly isimportantcontact: boolean;
  /** Halo's per-site placeholder user. */
  readonly general: boolean;
}
