// Preloaded (`node -r bench/peakRss.js ...`) into a CLI process the bench times: prints that
// process's own peak resident memory to stderr at exit, which its parent cannot read from outside.
process.on("exit", () => {
  process.stderr.write(`\nreadiness-bench-peak-rss-kib ${process.resourceUsage().maxRSS}\n`);
});
