/** The chat surfaces. A workspace id is a Slack team (or enterprise) id, a Teams tenant id, or "local". */
export type ChatPlatform = 'slack' | 'teams' | 'terminal';

/** Who is acting, as the chat adapter established it (signature or token already verified). */
export interface Actor {
  readonly platform: ChatPlatform;
  readonly workspaceId: string;
  /** Slack user id, Teams Entra object id (aadObjectId), or the terminal's admin name. */
  readonly userId: string;
  readonly displayName: string;
}

export type ApprovalPolicy = 'second-admin' | 'self';
