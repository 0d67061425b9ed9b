import { startService } from '@registry/platform';
import { SharingSettings } from './config/env.validation';
import { createSharingApp } from './sharing.app';

void startService('sharing', SharingSettings, createSharingApp);
