export default async function globalTeardown() {
  await globalThis.__registryInfrastructure?.stop();
}
