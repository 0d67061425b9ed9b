export * from './joint-use-notice';
export * from './notice-revisions';
export * from './shared-contact-items';
export * from './access-decision';
export * from './group-company';
export * from './eligibility';
export * from './projection';
export * from './statistics';
