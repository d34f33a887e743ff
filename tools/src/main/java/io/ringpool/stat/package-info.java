/**
 * {@code ringpool-stat}: a command-line tool that maps running pools' counters files from another process and prints
 * their counters every interval ({@link io.ringpool.stat.RingPoolStat}).
 */
package io.ringpool.stat;
