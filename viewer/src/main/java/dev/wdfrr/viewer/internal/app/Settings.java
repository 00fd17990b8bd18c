package dev.wdfrr.viewer.internal.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The viewer's few remembered settings — recent traces and the theme — in a small properties
 * file, by default {@code ~/.wdfrr/viewer.properties} (never in the repository). A file that
 * cannot be read or written costs the user their recent list, not the viewer: the failure is
 * reported once on stderr.
 */
public final class Settings {
    static final int MAX_RECENT = 10;

    private final Path file;
    private final List<Path> recent = new ArrayList<>();
    private boolean dark;
    private boolean reportedFailure;

    private Settings(Path file) {
        this.file = file;
    }

    /** {@code ~/.wdfrr/viewer.properties}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".wdfrr", "viewer.properties");
    }

    /** Reads the settings in {@code file}; a missing file gives the defaults. */
    public static Settings load(Path file) {
        Settings s = new Settings(file);
        if (!Files.isRegularFile(file)) {
            return s;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            s.reportFailure("read", e);
            return s;
        }
        s.dark = Boolean.parseBoolean(p.getProperty("theme.dark", "false"));
        for (int i = 0; i < MAX_RECENT; i++) {
            String r = p.getProperty("recent." + i);
            if (r != null && !r.isBlank()) {
                s.recent.add(Path.of(r));
            }
        }
        return s;
    }

    public Path file() {
        return file;
    }

    /** Recently opened traces, the latest first. */
    public List<Path> recent() {
        return List.copyOf(recent);
    }

    /** Puts {@code trace} first in the recent list and saves. */
    public void addRecent(Path trace) {
        Path p = trace.toAbsolutePath().normalize();
        recent.remove(p);
        recent.add(0, p);
        while (recent.size() > MAX_RECENT) {
            recent.remove(recent.size() - 1);
        }
        save();
    }

    public boolean dark() {
        return dark;
    }

    public void setDark(boolean dark) {
        this.dark = dark;
        save();
    }

    private void save() {
        Properties p = new Properties();
        p.setProperty("theme.dark", Boolean.toString(dark));
        for (int i = 0; i < recent.size(); i++) {
            p.setProperty("recent." + i, recent.get(i).toString());
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                p.store(out, "wdfrr viewer settings");
            }
        } catch (IOException e) {
            reportFailure("write", e);
        }
    }

    private void reportFailure(String what, IOException e) {
        if (!reportedFailure) {
            reportedFailure = true;
            System.err.println("wdfrr view: cannot " + what + " settings " + file + ": " + e.getMessage());
        }
    }
}
