import { defineConfig } from 'wxt';

// The store build asks for no site at install: activeTab plus optional host permissions that the
// panel requests on a click. The `e2e` mode is for headless tools (snapshot CLI, end-to-end tests)
// that cannot click a permission prompt; it grants host permissions and must never be shipped.
export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  outDirTemplate: '{{browser}}-mv{{manifestVersion}}{{modeSuffix}}',
  webExt: { disabled: true },
  manifest: ({ browser, mode }) => ({
    name: 'Loupe',
    description: 'Explains analytics dashboards with evidence; a person decides every change.',
    permissions: ['storage', 'activeTab', 'scripting', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    optional_host_permissions: ['*://*/*'],
    // Firefox builds MV2, where WXT drops optional_host_permissions: there, sites go in
    // optional_permissions so the panel's "Allow Loupe to read this site" can still ask.
    ...(browser === 'firefox' ? { optional_permissions: ['*://*/*'] as string[] } : {}),
    ...(mode === 'e2e' ? { host_permissions: ['<all_urls>'] } : {}),
    action: { default_title: 'Open Loupe' },
    commands: {
      'open-loupe': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Open the Loupe side panel',
      },
    },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; img-src 'self' data: blob:",
    },
  }),
});
