package dev.wdfrr.viewer.internal.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tab titles: a trace's directory name ("." and "traces/" give their real name), and where two
 * open traces share a name, enough of their parent directories to tell them apart
 * ("demo — traces" and "demo — tmp").
 */
final class TabTitles {
    private TabTitles() {
    }

    /** The name a trace directory goes by: its last element, resolved when it has none of its own. */
    static String name(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        Path name = p.getFileName();
        return name == null ? p.toString() : name.toString();
    }

    /** Titles for the traces in {@code dirs}, in order. */
    static List<String> of(List<Path> dirs) {
        List<String> titles = new ArrayList<>();
        for (Path d : dirs) {
            titles.add(name(d));
        }
        for (int i = 0; i < dirs.size(); i++) {
            for (int j = 0; j < dirs.size(); j++) {
                boolean same = dirs.get(i).toAbsolutePath().normalize().equals(dirs.get(j).toAbsolutePath().normalize());
                if (i != j && !same && name(dirs.get(i)).equals(name(dirs.get(j)))) {
                    titles.set(i, name(dirs.get(i)) + " — " + distinctParent(dirs.get(i), dirs.get(j)));
                }
            }
        }
        return titles;
    }

    /** The nearest parent directory name of {@code a} that differs from {@code b}'s at the same depth. */
    private static String distinctParent(Path a, Path b) {
        Path pa = a.toAbsolutePath().normalize().getParent();
        Path pb = b.toAbsolutePath().normalize().getParent();
        while (pa != null && pb != null && pa.getFileName() != null && pa.getFileName().equals(pb.getFileName())) {
            pa = pa.getParent();
            pb = pb.getParent();
        }
        return pa == null || pa.getFileName() == null ? "/" : pa.getFileName().toString();
    }
}
