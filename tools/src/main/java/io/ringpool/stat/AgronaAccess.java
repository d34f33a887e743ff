package io.ringpool.stat;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Finds out, before any file is mapped, whether this JVM lets Agrona's {@code UnsafeBuffer} work: on Java 17 it needs
 * {@code jdk.internal.misc} opened to it, and without that its first use fails with a linkage error deep in Agrona.
 */
final class AgronaAccess
{
    static final String FLAG = "--add-opens java.base/jdk.internal.misc=ALL-UNNAMED";

    private AgronaAccess()
    {
    }

    /**
     * Probes {@code UnsafeBuffer} once.
     *
     * @return null if it works, or the one error to print: what is missing and how to run the tool with it.
     */
    static String problem()
    {
        try
        {
            new UnsafeBuffer(new byte[8]).putLongVolatile(0, 1L);
            return null;
        }
        catch (final LinkageError ex)
        {
            return "this JVM cannot map the counters file: Agrona's UnsafeBuffer needs the JVM flag " + FLAG +
                " on Java 17. Run the tool as 'java -jar ringpool-stat.jar' (its manifest adds the flag), or add " +
                "the flag to the java command line (" + ex + ")";
        }
    }
}
