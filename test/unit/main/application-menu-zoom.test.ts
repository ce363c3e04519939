import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from '../../../src/main/application-menu';

describe('application menu: zoom', () => {
  it('offers zoom in, zoom out and actual size in production on every platform, and nothing of the developer menu', () => {
    for (const isMac of [true, false]) {
      const view = applicationMenuTemplate({ isMac, includeDeveloperItems: false }).find(
        (item) => item.label === 'View',
      );
      const roles = Array.isArray(view?.submenu) ? view.submenu.map((entry) => entry.role) : [];
      expect(roles).toEqual(['resetZoom', 'zoomIn', 'zoomOut']);
    }
  });
});
