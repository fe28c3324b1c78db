package io.jenkins.plugins.deploygates.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchiveOptions;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchivePlan;
import io.jenkins.plugins.deploygates.engine.railway.upload.WorkspacePath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * railwayUp's local checks, on the agent that holds the workspace, before anything is asked of Railway: the path
 * stays inside the workspace by real path and is a directory the archive can name its files from.
 */
final class CheckUploadPath extends MasterToSlaveFileCallable<Void> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final ArchiveOptions archive;

    CheckUploadPath(String path, ArchiveOptions archive) {
        this.path = path;
        this.archive = archive;
    }

    @Override
    public Void invoke(File workspace, VirtualChannel channel) throws IOException {
        Path dir = WorkspacePath.resolve(workspace.toPath(), path);
        Path root = dir.toAbsolutePath().normalize();
        ArchivePlan.requireDeployable(Path.of(path), root,
                archive.pathAsRoot() ? root : workspace.toPath().toAbsolutePath().normalize());
        return null;
    }
}
