// Stated in the policy library: outcomes and reasons belong to the joint-use rule, the acquisition methods to the notice.
export {
  ACCESS_OUTCOMES,
  ACQUISITION_METHODS,
  DENIAL_REASONS,
  type AccessOutcome,
  type AcquisitionMethod,
  type DenialReason,
} from '@registry/policy';
