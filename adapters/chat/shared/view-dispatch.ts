import type {
  ApprovalView,
  ProgressView,
  ResultView,
  ReviewView,
  UsersView,
  View,
} from '../../../src/app/views.js';

/** How a surface draws the views of an import's own flow (its thread or its lists). */
export interface FlowRenderers<T> {
  review(view: ReviewView): T;
  users(view: UsersView): T;
  approval(view: ApprovalView): T;
  result(view: ResultView): T;
  progress(view: ProgressView): T;
}

export type OtherView = Exclude<View, ReviewView | UsersView | ApprovalView | ResultView | ProgressView>;

/** The flow's views by their renderer, anything else by `other`: the one switch every surface shares. */
export function renderFlowView<T>(view: View, flow: FlowRenderers<T>, other: (view: OtherView) => T): T {
  switch (view.kind) {
    case 'review':
      return flow.review(view);
    case 'users':
      return flow.users(view);
    case 'approval':
      return flow.approval(view);
    case 'result':
      return flow.result(view);
    case 'progress':
      return flow.progress(view);
    default:
      return other(view);
  }
}
