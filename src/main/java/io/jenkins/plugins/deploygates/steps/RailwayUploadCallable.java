package io.jenkins.plugins.deploygates.steps;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.deploygates.engine.common.ProgressLog;
import io.jenkins.plugins.deploygates.engine.common.Redactor;
import io.jenkins.plugins.deploygates.engine.railway.RailwayEndpoints;
import io.jenkins.plugins.deploygates.engine.railway.RailwayTarget;
import io.jenkins.plugins.deploygates.engine.railway.RailwayToken;
import io.jenkins.plugins.deploygates.engine.railway.Uploader;
import io.jenkins.plugins.deploygates.engine.railway.upload.ArchiveOptions;
import io.jenkins.plugins.deploygates.engine.railway.upload.WorkspacePath;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Streams the workspace directory to Railway from the agent that holds it, so the archive never crosses the
 * remoting channel: a function of (workspace, target, token), returning Railway's answer.
 */
final class RailwayUploadCallable extends MasterToSlaveFileCallable<Uploader.Uploaded> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String apiUrl;
    private final RailwayToken.Kind tokenKind;
    private final String token;
    private final RailwayTarget target;
    private final String message;
    private final TaskListener listener;
    private final ArchiveOptions archive;

    RailwayUploadCallable(String path, String apiUrl, RailwayToken token, RailwayTarget target, String message,
            ArchiveOptions archive, TaskListener listener) {
        this.path = path;
        this.apiUrl = apiUrl;
        this.tokenKind = token.kind();
        this.token = token.secret();
        this.target = target;
        this.message = message;
        this.listener = listener;
        this.archive = archive;
    }

    @Override
    public Uploader.Uploaded invoke(File workspace, VirtualChannel channel) throws IOException {
        // the workspace's real path contains what is deployed: an absolute path, '..' or a link out is refused
        java.nio.file.Path dir = WorkspacePath.resolve(workspace.toPath(), path);
        ProgressLog log = ProgressLog.to(listener.getLogger()).redacting(Redactor.byShape().with(token));
        return new Uploader(RailwayEndpoints.of(apiUrl), new RailwayToken(tokenKind, token),
                RailwayEndpoints.httpClient()).uploadDirectory(target, dir, workspace.toPath(), archive, message, log);
    }
}
