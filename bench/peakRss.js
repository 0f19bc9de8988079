// Preloaded (`node -r bench/peakRss.js ...`) into a CLI process the bench times: prints that
// process's own peak resident memory and CPU time to stderr at exit, which its parent cannot read
// from outside. CPU time says what a run cost on a machine too busy for its wall time to.
process.on("exit", () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nreadiness-bench-peak-rss-kib ${u.maxRSS}\nreadiness-bench-cpu-us ${u.userCPUTime} ${u.systemCPUTime}\n`);
});
