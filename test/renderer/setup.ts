/**
 * What every renderer test needs from jsdom: unmounting after each test (vitest runs without
 * globals, so Testing Library cannot register it itself), a fresh address, and a size for
 * scrolling containers — jsdom lays nothing out, and a virtual list of zero height shows no rows.
 */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 400 });
Element.prototype.scrollTo = function scrollTo(): void {
  // Nothing to scroll in jsdom; the virtual list calls it to bring the highlighted row into view.
};
