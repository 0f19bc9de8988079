// jest test sequencer: the suites known to take longest start first, so on a fresh machine (no
// timing cache yet) none of them starts last and leaves the other workers idle; then jest's own
// order (slowest first by its cache, else by file size).
const Sequencer = require("@jest/test-sequencer").default;

/** Path fragments of the slowest suites, slowest first (figures from the README's test section). */
const SLOW_FIRST = ["stacks/up.test", "package/install", "firstFire", "statuspage/state", "liveSelfHosted", "diff/baseCache", "live/live.test", "hostile", "loader.property", "pathIndependence", "examples.test"];

class SlowFirst extends Sequencer {
  sort(tests) {
    const rank = (t) => {
      const i = SLOW_FIRST.findIndex((s) => t.path.includes(s));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    const base = super.sort(tests);
    return base.map((t, i) => ({ t, i })).sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i).map(({ t }) => t);
  }
}
module.exports = SlowFirst;
