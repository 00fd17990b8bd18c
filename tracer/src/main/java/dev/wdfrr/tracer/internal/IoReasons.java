package dev.wdfrr.tracer.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The reason an I/O operation failed, in words, for a one-line message. The JDK's own messages
 * of the most common failures name only the file ({@code AccessDeniedException: t/x.cq4}),
 * which reads as if the file name were the problem.
 */
public final class IoReasons {
    private IoReasons() {
    }

    /** "permission denied (t/x.cq4)", "No space left on device", … */
    public static String of(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String file = t instanceof FileSystemException f && f.getFile() != null ? " (" + f.getFile() + ")" : "";
        String reason;
        if (t instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (t instanceof NoSuchFileException) {
            reason = "no such file or directory";
        } else if (t instanceof FileAlreadyExistsException) {
            reason = "it already exists";
        } else if (t instanceof NotDirectoryException) {
            reason = "not a directory";
        } else if (t instanceof DirectoryNotEmptyException) {
            reason = "the directory is not empty";
        } else if (t instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else if (t instanceof IOException && t.getMessage() != null) {
            return oneLine(t.getMessage());
        } else {
            return oneLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return oneLine(reason + file);
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
