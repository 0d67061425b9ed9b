import { noticeFormat } from './notice-format';

describe('noticeFormat', () => {
  it('answers JSON by default, and to clients that accept anything', () => {
    expect(noticeFormat(undefined, undefined)).toBe('json');
    expect(noticeFormat(undefined, '*/*')).toBe('json');
    expect(noticeFormat(undefined, 'application/json')).toBe('json');
  });

  it('answers the page to a browser', () => {
    const firefox = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const chromium = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
    expect(noticeFormat(undefined, firefox)).toBe('html');
    expect(noticeFormat(undefined, chromium)).toBe('html');
    expect(noticeFormat(undefined, 'TEXT/HTML')).toBe('html');
    expect(noticeFormat(undefined, 'text/*')).toBe('html');
  });

  it('weighs the two by their quality', () => {
    expect(noticeFormat(undefined, 'text/html;q=0.5, application/json')).toBe('json');
    expect(noticeFormat(undefined, 'application/json;q=0.2, text/html;q=0.9')).toBe('html');
    expect(noticeFormat(undefined, 'text/html;q=0, */*')).toBe('json');
  });

  it('lets the format parameter win over the Accept header', () => {
    expect(noticeFormat('html', 'application/json')).toBe('html');
    expect(noticeFormat('json', 'text/html')).toBe('json');
  });
});
