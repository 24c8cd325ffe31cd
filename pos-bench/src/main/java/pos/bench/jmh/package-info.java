/** The JMH micro-benchmarks' runner: {@code ./pos bench jmh}, ratios against raw baselines of the same run. */
package pos.bench.jmh;
