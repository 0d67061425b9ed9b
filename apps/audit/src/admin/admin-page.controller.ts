import { applyDecorators, Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PublicRoute } from '@registry/auth';
import { AdminAssets } from './admin-assets';

/** Same-origin files only: no inline script or style, no framing, forms never submitted by the browser. */
export const ADMIN_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Public: the files hold no data; every figure on the page comes from the admin API with the person's token.
const AdminAsset = (path: string, contentType: string) =>
  applyDecorators(
    Get(path),
    PublicRoute(),
    Header('Content-Type', contentType),
    Header('Content-Security-Policy', ADMIN_CONTENT_SECURITY_POLICY),
    Header('X-Content-Type-Options', 'nosniff'),
    Header('X-Frame-Options', 'DENY'),
    Header('Referrer-Policy', 'no-referrer'),
    Header('Cache-Control', 'no-cache'),
  );

@ApiExcludeController()
@Controller('admin')
export class AdminPageController {
  constructor(@Inject(AdminAssets) private readonly assets: AdminAssets) {}

  @AdminAsset('', 'text/html; charset=utf-8')
  page(): string {
    return this.assets.get('admin.html');
  }

  @AdminAsset('admin.js', 'text/javascript; charset=utf-8')
  script(): string {
    return this.assets.get('admin.js');
  }

  @AdminAsset('admin.css', 'text/css; charset=utf-8')
  styles(): string {
    return this.assets.get('admin.css');
  }
}
