package io.ringpool.example;

import io.ringpool.example.readme.ReadmeUsage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's usage snippet is {@code ReadmeUsage.java} between its tag lines, word for word, so the build compiles
 * what the README shows; and the program runs and accounts for every task.
 */
class ReadmeUsageTest
{
    private static final Path SOURCE = Path.of("src", "main", "java", "io", "ringpool", "example", "readme",
        "ReadmeUsage.java");
    private static final Path README = Path.of("..", "README.md");

    @Test
    void readmeQuotesTheCompiledUsageFile() throws IOException
    {
        final String source = Files.readString(SOURCE);
        final int start = source.indexOf("// tag::usage[]\n");
        final int end = source.indexOf("// end::usage[]");
        assertTrue(start >= 0 && end > start, "ReadmeUsage.java has its tag lines");
        final String snippet = source.substring(start + "// tag::usage[]\n".length(), end);
        final String readme = Files.readString(README);
        assertTrue(readme.contains("```java\n" + snippet + "```"),
            "README.md quotes ReadmeUsage.java between its tag lines, in a ```java block, unchanged");
    }

    @Test
    void usageProgramRunsAndBalances()
    {
        final PrintStream out = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            ReadmeUsage.main(new String[0]);
        }
        finally
        {
            System.setOut(out);
        }
        final String printed = captured.toString(StandardCharsets.UTF_8);
        // 100,000 publishes, and the final tryPublish is accepted unless the ring happened to be full.
        assertTrue(Pattern.compile("drained, published=10000[01], completed=10000[01], failed=0").matcher(printed)
            .find(), printed);
        assertTrue(printed.contains("balanced: true"), printed);
    }
}
