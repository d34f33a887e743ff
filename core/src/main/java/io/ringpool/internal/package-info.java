/**
 * The engine behind {@link io.ringpool.RingPool}: not exported by the module, and not part of the API. Only what the
 * API package needs is public here: {@code Engine} (the one object a pool holds), {@code PoolConfig} (what the
 * builder validated), {@code Publisher} (every publish goes through it) and {@code TaskSource} with its factories of
 * the three dispatch modes; everything else is package-private, so a classpath shows the API and these four.
 * <p>
 * <b>Where things are.</b> {@code TaskRing} (the task ring, its slots and the publish protocol's ring side),
 * {@code ProducerGate}/{@code ProducerCell} (whether a publish is accepted, against a shutdown), the three dispatch
 * modes ({@code WorkStealingDispatch}, {@code IdSequencedDispatch}, {@code KeyedDispatch}, on {@code TaskSource}),
 * {@code Worker} and its {@code WorkerTicket}, {@code Workers} (the set of workers, and their settlement by a halt),
 * the result side ({@code ResultRing}, {@code OrderedResultRing}, read through {@code ResultFeed} by
 * {@code ResultCollector} and {@code PollingResults}, each guarded by a {@code HandOver}), and {@code Shutdown}.
 * docs/protocol.md describes every race between them.
 * <p>
 * <b>Names of memory accesses.</b> A method that reads or writes a field shared between threads says how:
 * {@code xAcquire()} is a load with acquire semantics; {@code setXPlain}, {@code setXOpaque} and
 * {@code setXRelease} are stores with those semantics; {@code casX} is a compare-and-set (a full fence). Methods named
 * for what they do in a protocol ({@code begin}, {@code commit}, {@code freeze}, {@code tryAccept}, {@code seal}) say
 * in their javadoc which of these they are.
 * <p>
 * <b>Padding.</b> A field written on the hot path by one thread and read by another sits between 64 bytes of padding
 * on each side (a superclass of 64 byte-fields before it, a subclass after it), so that no other hot field shares its
 * cache line.
 */
package io.ringpool.internal;
