import { defineConfig, minimal2023Preset } from '@vite-pwa/assets-generator/config';

// Icons come from one SVG (public/icons/icon.svg): `npm run icons` writes them beside it,
// and they are committed. The maskable icons keep the 2023 preset's safe-zone padding.
export default defineConfig({
  headLinkOptions: { preset: '2023' },
  preset: {
    ...minimal2023Preset,
    // 192 px as well as 512: Android prefers a maskable primary icon and takes the smallest
    // that is large enough, so a first visit need not download the splash-screen size to
    // judge installability (issue 6's 40 KB).
    maskable: { ...minimal2023Preset.maskable, sizes: [192, 512], resizeOptions: { background: '#0a4f96' } },
    apple: { ...minimal2023Preset.apple, resizeOptions: { background: '#0a4f96' } },
  },
  images: ['public/icons/icon.svg'],
});
