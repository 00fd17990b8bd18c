package dev.wdfrr.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A disk that is full (or nearly) before a command starts, on a real file system: a tmpfs with a
 * size limit (see {@link SmallFileSystem}). Chronicle's first writes go through mapped pages,
 * where a missing page is SIGBUS, not an error code; every command that writes a trace must end
 * with one line and exit 2 instead, and never leave a JVM crash report.
 */
@Timeout(300)
class FullDiskIT {
    private static final int PAGE = 4096;

    @TempDir
    Path tmp;

    @Test
    void recordExploreAndReplayOnADiskWithZeroToThreePagesFreeSayOneLineAndExitTwo() throws Exception {
        JarIT.Run source = JarIT.java(tmp, "record", "nic", "-o", "source");
        assertThat(source.exit()).as(source.err()).isZero();
        for (int pages = 0; pages <= 3; pages++) {
            Path work = tmp.resolve("pages-" + pages);
            java.nio.file.Files.createDirectories(work);
            String both = pages == 0 || pages == 3
                    ? "wdfrr explore explore lost-update -o \"$FS/e\"\nwdfrr replay replay \"" + tmp.resolve("source") + "\" -o \"$FS/r\"\n"
                    : "";
            SmallFileSystem.run(work, "size=1m", (long) pages * PAGE, "wdfrr record record nic -o \"$FS/t\"\n" + both);
            for (String command : pages == 0 || pages == 3 ? new String[]{"record", "explore", "replay"} : new String[]{"record"}) {
                SmallFileSystem.Run r = SmallFileSystem.result(work, command);
                assertThat(r.exit()).as(command + " with " + pages + " pages free: " + r.err()).isEqualTo(2);
                assertThat(r.err().lines().toList()).as(command + " with " + pages + " pages free").hasSize(1);
                assertThat(r.err()).contains("cannot create trace").contains("No space left on device");
            }
            assertThat(SmallFileSystem.crashReports(work)).as("JVM crash reports with " + pages + " pages free").isEmpty();
        }
    }

    @Test
    void underOneMegabyteFreeARecordingKeepsWhatFitsAndReadsAsTruncated() throws Exception {
        Path fits = tmp.resolve("fits");
        java.nio.file.Files.createDirectories(fits);
        SmallFileSystem.run(fits, "size=2m", 600 << 10, """
                wdfrr small record nic -o "$FS/small"
                wdfrr stats stats "$FS/small" --json
                """);
        SmallFileSystem.Run small = SmallFileSystem.result(fits, "small");
        assertThat(small.exit()).as("a small recording fits in 600 KB: " + small.err()).isZero();
        assertThat(SmallFileSystem.result(fits, "stats").out()).contains("\"truncated\":false");

        Path full = tmp.resolve("full");
        java.nio.file.Files.createDirectories(full);
        SmallFileSystem.run(full, "size=2m", 300 << 10, """
                wdfrr live record nic --engine live --duration 60s --param rate=200000 -o "$FS/live"
                wdfrr stats stats "$FS/live" --json
                """);
        SmallFileSystem.Run live = SmallFileSystem.result(full, "live");
        assertThat(live.exit()).as(live.err()).isEqualTo(2);
        assertThat(live.err().lines().toList()).hasSize(1);
        assertThat(live.err()).contains("cannot write trace").containsPattern("readable up to event [1-9][0-9]{3,}");
        SmallFileSystem.Run stats = SmallFileSystem.result(full, "stats");
        assertThat(stats.exit()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("\"truncated\":true");
        assertThat(SmallFileSystem.crashReports(fits)).isEmpty();
        assertThat(SmallFileSystem.crashReports(full)).isEmpty();
    }
}
