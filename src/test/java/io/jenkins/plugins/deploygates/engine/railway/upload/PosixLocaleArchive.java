package io.jenkins.plugins.deploygates.engine.railway.upload;

import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run by {@link ArchiveAttackTest} in a child JVM under {@code LC_ALL=C}: archives a directory into a file. */
public final class PosixLocaleArchive {
    private PosixLocaleArchive() {}

    public static void main(String[] args) throws Exception {
        System.out.println("sun.jnu.encoding=" + System.getProperty("sun.jnu.encoding"));
        ArchivePlan plan = ArchivePlan.of(Path.of(args[0]), ProgressLog.to(System.out));
        try (OutputStream out = Files.newOutputStream(Path.of(args[1]))) {
            new TarGzWriter().write(plan, out);
        }
    }
}
