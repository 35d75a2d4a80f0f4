package io.github.memflame.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;

/**
 * File errors as a person reads them: what was being done, to which path, and why. Java's file exceptions often
 * carry only the path as their message ({@code AccessDeniedException: /ci/target/site}), which says neither.
 */
public final class FileErrors {
    private FileErrors() {
    }

    /**
     * The path (and the other path of a rename) and the reason, e.g. {@code /ci/target/site/x: permission denied};
     * for an error that already says what it is about, its message.
     */
    public static String describe(IOException e) {
        if (e instanceof FileSystemException failed && failed.getFile() != null) {
            String paths = failed.getOtherFile() == null ? failed.getFile()
                    : failed.getFile() + " -> " + failed.getOtherFile();
            return paths + ": " + reason(failed);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** An error that says what was being done: {@code operation: path: reason}. */
    public static IOException during(String operation, IOException e) {
        return new IOException(operation + ": " + describe(e), e);
    }

    /**
     * An error that says what was being done to which path: {@code operation path: reason}, the path not repeated
     * when the error is about that path alone.
     */
    public static IOException during(String operation, Path path, IOException e) {
        boolean samePath = e instanceof FileSystemException failed && failed.getOtherFile() == null
                && path.toString().equals(failed.getFile());
        return new IOException(operation + " " + path + ": " + (samePath ? reason((FileSystemException) e)
                : describe(e)), e);
    }

    /** Why the file system refused, in words; the operating system's own when it gave one. */
    static String reason(FileSystemException e) {
        if (e.getReason() != null && !e.getReason().isBlank()) {
            return e.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof NotLinkException) {
            return "not a symbolic link";
        }
        if (e instanceof FileSystemLoopException) {
            return "a loop of symbolic links";
        }
        return e.getClass().getSimpleName();
    }
}
