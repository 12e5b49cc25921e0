import { describe, expect, it } from 'vitest';
import { decideNavigation, decideNewWindow, isAllowedExternalUrl } from '../../main/shell/navigationPolicy';

describe('navigation policy', () => {
  it('lets the app move within its own origin', () => {
    expect(decideNavigation('app://companion/index.html#/schedule')).toEqual({ allow: true });
  });

  it('sends allowlisted https pages to the system browser', () => {
    expect(decideNavigation('https://api.sikkasoft.com/portal/')).toEqual({ allow: false, openExternally: true });
    expect(decideNewWindow('https://sikkasoft.com/support')).toEqual({ openExternally: true });
  });

  it('drops everything else', () => {
    for (const url of [
      'http://api.sikkasoft.com/',
      'https://evil.example/',
      'https://api.sikkasoft.com.evil.example/',
      'https://user@api.sikkasoft.com/',
      'https://api.sikkasoft.com:8443/',
      'file:///C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'app://other/index.html',
      'smb://server/share',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
      expect(decideNavigation(url), url).toEqual({ allow: false, openExternally: false });
      expect(decideNewWindow(url), url).toEqual({ openExternally: false });
    }
  });
});
