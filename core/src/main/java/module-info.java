/**
 * ringpool: a worker pool on the LMAX Disruptor. Only {@code io.ringpool} is exported; the engine's internals are
 * not part of the API.
 */
module io.ringpool
{
    requires transitive com.lmax.disruptor;
    requires transitive org.agrona;
    requires jdk.jfr;

    exports io.ringpool;
}
