// Loaded (node --import) into a service started with --cpu-prof. The service closes itself on SIGTERM and then
// sends itself the signal again to die of it, and a process killed by a signal writes no profile; this
// listener turns that second signal into a normal exit, so that the profile is written.
let signals = 0;
process.on('SIGTERM', () => {
  signals += 1;
  if (signals > 1) process.exit(0);
});
