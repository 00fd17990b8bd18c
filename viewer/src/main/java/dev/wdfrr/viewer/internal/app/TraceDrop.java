package dev.wdfrr.viewer.internal.app;

import javax.swing.TransferHandler;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Opens traces dropped on the window: a trace directory, or any file inside one. */
final class TraceDrop extends TransferHandler {
    private final Consumer<Path> open;

    TraceDrop(Consumer<Path> open) {
        this.open = open;
    }

    @Override
    public boolean canImport(TransferSupport support) {
        return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
    }

    @Override
    public boolean importData(TransferSupport support) {
        if (!canImport(support)) {
            return false;
        }
        try {
            List<?> files = (List<?>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
            for (Object f : files) {
                open.accept(traceDir(((File) f).toPath()));
            }
            return true;
        } catch (UnsupportedFlavorException | IOException e) {
            return false;
        }
    }

    /** A trace is a directory; a file (a .cq4 in it) stands for its directory. */
    static Path traceDir(Path p) {
        return p.toFile().isDirectory() || p.getParent() == null ? p : p.getParent();
    }
}
