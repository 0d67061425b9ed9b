export * from './group-company';
export * from './eligibility';
export * from './projection';
export * from './statistics';
