import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

// Icons come from one SVG (public/icons/icon.svg): `npm run icons` writes them beside it,
// and they are committed. The maskable icon keeps the 2023 preset's safe-zone padding.
export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    maskable: { ...minimal2023Preset.maskable, resizeOptions: { background: '#0a4f96' } },
    apple: { ...minimal2023Preset.apple, resizeOptions: { background: '#0a4f96' } },
  },
  images: ['public/icons/icon.svg'],
});
