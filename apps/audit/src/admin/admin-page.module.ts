import { Module } from '@nestjs/common';
import { AdminAssets } from './admin-assets';
import { AdminPageController } from './admin-page.controller';

/** The administrator's web page at /admin: static files that call the audit API with a pasted token. */
@Module({ controllers: [AdminPageController], providers: [{ provide: AdminAssets, useFactory: () => new AdminAssets() }] })
export class AdminPageModule {}
