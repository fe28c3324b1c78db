package io.jenkins.plugins.deploygates.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.deploygates.engine.common.AtomicFile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Writes report files, already rendered on the controller, into a folder of the workspace on the agent.
 * A pure function of (workspace, folder, files); returns the paths written, relative to the workspace. The folder
 * must lie inside the workspace once every link on the way is followed, and each file replaces whatever is at its
 * name ({@link AtomicFile}): a link planted in the workspace by the code being deployed never redirects a write.
 */
final class WriteReportFiles extends MasterToSlaveFileCallable<List<String>> {
    private static final long serialVersionUID = 1L;

    private final String folder;
    private final LinkedHashMap<String, byte[]> files;

    WriteReportFiles(String folder, Map<String, byte[]> files) {
        this.folder = folder;
        this.files = new LinkedHashMap<>(files);
    }

    @Override
    public List<String> invoke(File workspace, VirtualChannel channel) throws IOException {
        Path root = workspace.toPath().toAbsolutePath().normalize();
        Path dir = root.resolve(folder).normalize();
        if (!dir.startsWith(root)) {
            throw new IOException("reportDir '" + folder + "' points outside the workspace: give a relative folder.");
        }
        Files.createDirectories(dir);
        if (!dir.toRealPath().startsWith(root.toRealPath())) {
            throw new IOException("reportDir '" + folder + "' leads outside the workspace through a link: remove the"
                    + " link or give another folder.");
        }
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            AtomicFile.write(dir.resolve(f.getKey()), f.getValue());
            written.add(root.relativize(dir.resolve(f.getKey())).toString());
        }
        return written;
    }
}
