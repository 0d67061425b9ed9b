import { startService } from '@registry/platform';
import { AuditSettings } from './config/env.validation';
import { createAuditApp } from './audit.app';

void startService('audit', AuditSettings, createAuditApp);
