import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native or dynamic requires stay outside the bundle.
  serverExternalPackages: [
    'pg',
    'pg-boss',
    '@prisma/adapter-pg',
    'nodemailer',
    '@resvg/resvg-js',
    // React Email renders with react-dom/server, which the react-server layer refuses: loaded by
    // Node itself, it uses node_modules' React (lib/reports/email/render-report-email.ts).
    '@react-email/body',
    '@react-email/container',
    '@react-email/head',
    '@react-email/heading',
    '@react-email/html',
    '@react-email/link',
    '@react-email/preview',
    '@react-email/render',
    '@react-email/text',
  ],
  // With proxy.ts, Next buffers request bodies for it (10 MB by default). Ours are small: proxy.ts
  // refuses a declared size over its limit with 413; route handlers cap what they read.
  // Server actions (forms) carry a few fields.
  experimental: { proxyClientMaxBodySize: '1mb', serverActions: { bodySizeLimit: '64kb' } },
};

export default nextConfig;
