package io.ringpool.internal;

/**
 * Maps a task key to a worker for keyed dispatch: {@code mix(key) mod workers}.
 * <p>
 * The key is first scrambled by a 64-bit finalizer (two xor-shift-multiply rounds), so that keys that differ only
 * in a few low bits, or that are all multiples of the worker count (instrument ids 0, 4, 8, ...), still spread
 * evenly. The final reduction multiplies the high 32 bits by the worker count and keeps the high word of the
 * product: uniform, and no division.
 */
final class KeyRouting
{
    private KeyRouting()
    {
    }

    /**
     * The worker that runs every task with this key.
     *
     * @param key     the task's key.
     * @param workers the number of workers, at least 1.
     * @return a worker id from 0 to {@code workers - 1}.
     */
    public static int workerFor(final long key, final int workers)
    {
        long z = key;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        z ^= z >>> 33;
        return (int)(((z >>> 32) * workers) >>> 32);
    }
}
