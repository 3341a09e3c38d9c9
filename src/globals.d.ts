/** The app's version, set by the build (tools/client-build.ts `define`): one value for page and service worker. */
declare const __WARTA_VERSION__: string;

/** The UI language this build of the browser script speaks (tools/client-build.ts). */
declare const __WARTA_UI_LOCALE__: import('./routes.js').Locale;

/**
 * Registering a worker is a Trusted Types sink: under `require-trusted-types-for 'script'` the
 * URL must be a TrustedScriptURL (src/app/trusted-types.ts), which lib.dom does not list yet.
 */
interface ServiceWorkerContainer {
  register(
    scriptURL: string | URL | import('trusted-types/lib').TrustedScriptURL,
    options?: RegistrationOptions,
  ): Promise<ServiceWorkerRegistration>;
}
