package dev.wdfrr.viewer;

import dev.wdfrr.tracer.TraceException;
import dev.wdfrr.tracer.TraceReader;
import dev.wdfrr.viewer.internal.app.Settings;
import dev.wdfrr.viewer.internal.app.Themes;
import dev.wdfrr.viewer.internal.app.ViewerFrame;
import dev.wdfrr.viewer.internal.model.TraceLoader;

import javax.swing.SwingUtilities;
import java.awt.GraphicsEnvironment;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The desktop viewer: what {@code wdfrr view} opens. A window with one tab per trace — the
 * timeline per thread and CPU with ISR, DPC and callback bars and request chains, the events
 * table, latency charts — plus open, recent files, drag and drop, diff of two traces and
 * following a trace while it is written. Remembers recent traces and the theme in
 * {@code ~/.wdfrr/viewer.properties}.
 */
public final class Viewer {
    static final String NO_DISPLAY = "no display: wdfrr view needs a desktop; use wdfrr chart for images";

    private Viewer() {
    }

    /**
     * Opens the window with {@code traces} in tabs (none: an empty window to open traces from)
     * and blocks until the user closes it. Call from any thread but the Swing event thread.
     *
     * @throws TraceException        when a trace is missing or not a trace, before any window opens
     *                               (the message is one line, for the user)
     * @throws IllegalStateException when there is no display (headless), with a one-line message
     */
    public static void show(List<Path> traces) {
        run(traces, TraceLoader.Mode.READ);
    }

    /**
     * Like {@link #show}, but follows each trace while its writer is still writing: new events
     * appear as they are committed, until the writer closes the trace (File › Stop Following
     * gives up on a writer that died). A trace that does not exist yet is waited for: its tab
     * shows it as soon as its recording starts.
     */
    public static void follow(List<Path> traces) {
        run(traces, TraceLoader.Mode.FOLLOW);
    }

    private static void run(List<Path> traces, TraceLoader.Mode mode) {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException(NO_DISPLAY);
        }
        if (SwingUtilities.isEventDispatchThread()) {
            throw new IllegalStateException("Viewer.show blocks until the window closes: call it from another thread than Swing's");
        }
        if (mode == TraceLoader.Mode.READ) {
            for (Path p : traces) {
                TraceReader.open(p).close(); // fail before any window with the reader's one-line reason
            }
        }
        CountDownLatch closed = new CountDownLatch(1);
        ViewerFrame[] frame = new ViewerFrame[1];
        onSwingThread(() -> {
            Settings settings = Settings.load(Settings.defaultFile());
            Themes.install(settings.dark());
            frame[0] = new ViewerFrame(settings);
            frame[0].addWindowListener(new WindowAdapter() {
                @Override
                public void windowClosed(WindowEvent e) {
                    closed.countDown();
                }
            });
            frame[0].setVisible(true);
            traces.forEach(p -> frame[0].open(p, mode));
        });
        try {
            closed.await(); // until the user closes the window: that is the point of the call
        } catch (InterruptedException e) {
            SwingUtilities.invokeLater(frame[0]::dispose);
            Thread.currentThread().interrupt();
        }
    }

    private static void onSwingThread(Runnable r) {
        try {
            SwingUtilities.invokeAndWait(r);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("the viewer failed to start: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the viewer", e);
        }
    }
}
