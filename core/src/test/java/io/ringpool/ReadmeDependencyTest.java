package io.ringpool;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's {@code <dependency>} snippet is the one the outside-project check (src/it/consumer) builds against,
 * and it names the version this build makes; the README's install command is the one that puts it in a local
 * repository.
 */
class ReadmeDependencyTest
{
    private static final Path README = Path.of("..", "README.md");
    private static final Path CONSUMER_POM = Path.of("src", "it", "consumer", "pom.xml");
    private static final Pattern DEPENDENCY = Pattern.compile(
        "<dependency>\\s*<groupId>io\\.ringpool</groupId>\\s*<artifactId>ringpool-core</artifactId>\\s*" +
        "<version>([^<]+)</version>\\s*</dependency>");

    @Test
    void readmeDependencyIsTheOneTheOutsideProjectBuildsAgainst() throws IOException
    {
        final String version = System.getProperty("ringpool.version");
        assertTrue(null != version && !version.isEmpty(), "surefire passes ringpool.version");

        final Matcher inReadme = DEPENDENCY.matcher(Files.readString(README));
        assertTrue(inReadme.find(), "README.md has a <dependency> block for io.ringpool:ringpool-core");
        assertEquals(version, inReadme.group(1), "README's snippet names the version this build makes");

        final Matcher inConsumer = DEPENDENCY.matcher(Files.readString(CONSUMER_POM));
        assertTrue(inConsumer.find(), "the outside project declares ringpool-core");
        assertEquals("@project.version@", inConsumer.group(1), "the outside project takes the version the build makes");
    }

    @Test
    void readmeInstallCommandInstallsCoreAndItsParent() throws IOException
    {
        final String readme = Files.readString(README);
        assertTrue(readme.contains("mvn -B -ntp -DskipTests -pl core -am install"),
            "README.md gives the command that installs ringpool-core and its parent POM");
    }
}
