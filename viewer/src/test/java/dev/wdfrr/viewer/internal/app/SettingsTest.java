package dev.wdfrr.viewer.internal.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsTest {
    @TempDir
    Path tmp;

    @Test
    void recentTracesAndTheThemeSurviveARestartLatestFirstAtMostTen() {
        Path file = tmp.resolve("conf/viewer.properties");
        Settings s = Settings.load(file);
        assertThat(s.recent()).isEmpty();
        assertThat(s.dark()).isFalse();
        for (int i = 0; i < 12; i++) {
            s.addRecent(tmp.resolve("t" + i));
        }
        s.addRecent(tmp.resolve("t5"));
        s.setDark(true);
        Settings again = Settings.load(file);
        assertThat(again.dark()).isTrue();
        assertThat(again.recent()).hasSize(Settings.MAX_RECENT);
        assertThat(again.recent().get(0)).isEqualTo(tmp.resolve("t5").toAbsolutePath());
        assertThat(again.recent().get(1)).isEqualTo(tmp.resolve("t11").toAbsolutePath());
        assertThat(again.recent()).doesNotContain(tmp.resolve("t0").toAbsolutePath());
    }

    @Test
    void anUnreadableFileGivesTheDefaults() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("a-directory"));
        Settings s = Settings.load(dir);
        assertThat(s.recent()).isEmpty();
        assertThat(Settings.defaultFile()).endsWithRaw(Path.of(".wdfrr", "viewer.properties"));
    }

    /** The README documents the settings file: where it is, and every key the viewer writes to it. */
    @Test
    void theReadmeDocumentsTheFileAndEveryKeyItHolds() throws Exception {
        Path file = tmp.resolve("viewer.properties");
        Settings s = Settings.load(file);
        for (int i = 0; i < Settings.MAX_RECENT; i++) {
            s.addRecent(tmp.resolve("t" + i));
        }
        s.setDark(true);
        java.util.Properties written = new java.util.Properties();
        try (var in = Files.newInputStream(file)) {
            written.load(in);
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains("`~/.wdfrr/viewer.properties`");
        assertThat(written.stringPropertyNames()).hasSize(1 + Settings.MAX_RECENT);
        for (String key : written.stringPropertyNames()) {
            String documented = key.startsWith("recent.") ? "`recent.0` … `recent." + (Settings.MAX_RECENT - 1) + "`" : "`" + key + "`";
            assertThat(readme).as("the README names %s", key).contains(documented);
        }
    }
}
