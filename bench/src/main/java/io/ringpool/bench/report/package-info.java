/**
 * The benchmark report: one command that runs the JMH round-trip grid and the fixed-rate latency harness and writes
 * a folder with {@code report.md}, the JMH JSON, one .hgrm and one .hlog per latency run, and a percentile plot per
 * rate.
 * <pre>
 *   BenchReport --> BenchGrid.run (JMH, forked)   --> jmh.json --> ThroughputTable --+
 *               --> LatencySuite.run (forked)     --> latency/*.hgrm, *.hlog      --+--> Goals --> ReportDocument
 *               --> Environment (CPU, JDK, GC, flags, git)                      --+       --> report.md
 *               --> PercentilePlot                 --> latency-&lt;rate>.png
 * </pre>
 */
package io.ringpool.bench.report;
