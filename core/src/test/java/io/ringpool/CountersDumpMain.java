package io.ringpool;

import java.nio.file.Path;

/**
 * Run in a second JVM by {@link CountersFileTest}: maps a pool's counters file and prints every allocated counter as
 * {@code <label>=<value>}, then {@code counters=<n>}. With {@code --build-pool}, it instead builds a pool with a
 * counters file and prints what {@code build()} said (the test runs it without the JVM flag the file needs).
 */
public final class CountersDumpMain
{
    private CountersDumpMain()
    {
    }

    public static void main(final String[] args)
    {
        if (args.length == 2 && "--build-pool".equals(args[0]))
        {
            try
            {
                RingPool.builder(Fixtures.Task::new)
                    .handler((task, none, context) -> { })
                    .countersFile(Path.of(args[1]))
                    .build();
                System.out.println("built");
            }
            catch (final RuntimeException ex)
            {
                System.out.println(ex.getClass().getSimpleName() + ": " + ex.getMessage());
            }
            return;
        }
        try (CountersFileReader reader = CountersFileReader.open(Path.of(args[0])))
        {
            System.out.println("pid=" + reader.pid());
            final int count = reader.forEach((pool, worker, label, value) -> System.out.println(label + "=" + value));
            System.out.println("counters=" + count);
        }
    }
}
