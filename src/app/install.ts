import { INSTALL_BUTTON_ID } from '../routes.js';
import { announce } from './announcer.js';

/** The event Chromium-based browsers fire when Warta can be installed (not in lib.dom yet). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * Shows the prerendered "Pasang aplikasi" button while the browser offers an install prompt,
 * and hides it once Warta is installed or runs installed. Browsers that never offer one (iOS
 * Safari, Firefox) keep the footer's how-to instead.
 */
export function startInstall(): void {
  const button = document.getElementById(INSTALL_BUTTON_ID);
  if (button === null) return;
  let offer: BeforeInstallPromptEvent | null = null;
  const installed = (): boolean => window.matchMedia('(display-mode: standalone)').matches;

  window.addEventListener('beforeinstallprompt', (event) => {
    // Keep the browser's own mini-infobar from appearing; the button asks instead.
    event.preventDefault();
    if (installed()) return;
    offer = event as BeforeInstallPromptEvent;
    button.hidden = false;
  });
  button.addEventListener('click', () => {
    const current = offer;
    if (current === null) return;
    offer = null;
    void current.prompt().then(async () => {
      if ((await current.userChoice).outcome === 'accepted') button.hidden = true;
    });
  });
  window.addEventListener('appinstalled', () => {
    offer = null;
    button.hidden = true;
    announce(button.dataset['installed'] ?? '');
  });
}
