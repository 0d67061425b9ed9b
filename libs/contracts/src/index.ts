import 'reflect-metadata';

export * from './access';
export * from './purposes';
export * from './shared-items';
export * from './topics';
export * from './validation-problems';
export * from './events/event-envelope';
export * from './events/contact-state.event';
export * from './events/access-recorded.event';
export * from './events/parse-event';
export * from './events/company-register-changed.event';
export * from './events/shared-contact.event';
export * from './events/provision-recorded.event';
export * from './events/alert-raised.event';
export * from './events/checkpoint-sealed.event';
