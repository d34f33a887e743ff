package io.ringpool.kafka;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;

/**
 * Gives a test an {@link EmbeddedKafka}: one broker for the whole test run, started by the first test that asks and
 * closed (its directory deleted) when the run ends. Each test uses its own topics and group ids.
 */
final class BrokerExtension implements ParameterResolver
{
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrokerExtension.class);

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        return EmbeddedKafka.class == parameter.getParameter().getType();
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context)
    {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("broker", key ->
        {
            try
            {
                return EmbeddedKafka.start(Path.of("target", "kafka"));
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException("the embedded broker did not start", ex);
            }
        }, EmbeddedKafka.class);
    }
}
