/**
 * The tray icon, over an injected Electron Tray (fakes in tests). It only shows what the tray
 * model decided: the state's icon, the tooltip and the menu.
 */
import { trayMenuItems, type TrayActions, type TrayMenuItem, type TrayState, type TrayView } from '../shell/trayModel';

/** The part of Electron's Tray the app uses. */
export interface TrayLike<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(text: string): void;
  setContextMenu(menu: Menu): void;
  on(event: 'click', listener: () => void): void;
}

export interface TrayController {
  show(view: TrayView): void;
}

export function createTrayController<Image, Menu>(
  tray: TrayLike<Image, Menu>,
  deps: { readonly imageFor: (icon: TrayState) => Image; readonly buildMenu: (items: TrayMenuItem[]) => Menu; readonly actions: TrayActions },
): TrayController {
  let shownIcon: TrayState | undefined;
  let shownMenu = '';
  // A click on the icon opens the window, as on every Windows tray app staff know.
  tray.on('click', deps.actions.open);
  return {
    show(view) {
      if (view.icon !== shownIcon) {
        tray.setImage(deps.imageFor(view.icon));
        shownIcon = view.icon;
      }
      tray.setToolTip(view.tooltip);
      const items = trayMenuItems(view, deps.actions);
      const signature = JSON.stringify(items.map((item) => ('label' in item ? [item.label, item.enabled] : '-')));
      if (signature !== shownMenu) {
        tray.setContextMenu(deps.buildMenu(items));
        shownMenu = signature;
      }
    },
  };
}
