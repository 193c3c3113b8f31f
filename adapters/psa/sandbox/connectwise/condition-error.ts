/** A condition string the sandbox cannot read; the server answers 400 like ConnectWise. */
export class ConditionError extends Error {}
