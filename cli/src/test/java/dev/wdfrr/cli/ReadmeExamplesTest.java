package dev.wdfrr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README shows what the commands print today (issue 17: "a README that matches the output"):
 * every example block that starts with {@code $ ./wdfrr explore} or {@code $ ./wdfrr dump} is run,
 * in order, with its {@code traces/} paths under a temporary directory, and its output must be
 * the block's lines. Only what depends on the machine is left out: how many schedules ran before
 * the failing one was known, and the time.
 */
@Timeout(300)
class ReadmeExamplesTest {
    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path tmp;

    @Test
    void everyExploreAndDumpExampleIsWhatTheCommandPrints() throws IOException {
        List<List<String>> examples = examples(Files.readAllLines(README));
        assertThat(examples).as("the tour's explore and dump, the explore and keep-going examples").hasSizeGreaterThanOrEqualTo(4);
        for (List<String> example : examples) {
            String command = example.get(0).substring("$ ./wdfrr ".length());
            String[] args = Arrays.stream(command.split(" +")).map(a -> a.startsWith("traces/") ? tmp.resolve(a).toString() : a)
                    .toArray(String[]::new);
            Cli.Result r = Cli.run(args);
            assertThat(r.err()).as(command).isEmpty();
            assertThat(normalize(r.out().lines().map(l -> l.replace(tmp + java.io.File.separator, "")).toList()))
                    .as("README's output of: %s", command)
                    .isEqualTo(normalize(example.subList(1, example.size()).stream().map(l -> l.replace("./wdfrr ", "wdfrr ")).toList()));
        }
    }

    /** The fenced blocks whose first line runs explore or dump, each as its lines. */
    private static List<List<String>> examples(List<String> readme) {
        List<List<String>> blocks = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (readme.get(i).equals("```") && i + 1 < readme.size()
                    && (readme.get(i + 1).startsWith("$ ./wdfrr explore ") || readme.get(i + 1).startsWith("$ ./wdfrr dump "))) {
                List<String> block = new ArrayList<>();
                for (i++; !readme.get(i).startsWith("```"); i++) {
                    block.add(readme.get(i));
                }
                blocks.add(block);
            }
        }
        return blocks;
    }

    /** Lines with the machine's part replaced: schedules run in parallel, and time. */
    private static List<String> normalize(List<String> lines) {
        return lines.stream()
                .map(String::stripTrailing)
                .map(l -> l.replaceAll("; [\\d,]+ schedules run in [\\d.]+ s on \\d+ threads?", "; N schedules run in T s on K threads"))
                .map(l -> l.replaceAll(", [\\d.]+ s, [\\d,]+ schedules/s\\)", ", T s, R schedules/s)"))
                .toList();
    }
}
