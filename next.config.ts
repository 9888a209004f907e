import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages with native or dynamic requires stay outside the bundle.
  serverExternalPackages: ['pg', 'pg-boss', '@prisma/adapter-pg', 'nodemailer', '@resvg/resvg-js'],
};

export default nextConfig;
