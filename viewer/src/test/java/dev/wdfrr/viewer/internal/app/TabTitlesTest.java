package dev.wdfrr.viewer.internal.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TabTitlesTest {
    @Test
    void aTabIsTitledByItsTraceAndTwoAlikeAreToldApartByTheirParents() {
        assertThat(TabTitles.of(List.of(Path.of("traces", "nic"), Path.of("/tmp", "lu-shrunk"))))
                .containsExactly("nic", "lu-shrunk");
        assertThat(TabTitles.of(List.of(Path.of("/a/x/demo"), Path.of("/a/y/demo"), Path.of("/a/x/demo"))))
                .containsExactly("demo — x", "demo — y", "demo — x");
        assertThat(TabTitles.name(Path.of("."))).isEqualTo(Path.of("").toAbsolutePath().getFileName().toString());
        assertThat(TabTitles.name(Path.of("/"))).isEqualTo("/");
    }
}
