package io.jenkins.plugins.deploygates.engine.railway.upload;

import io.jenkins.plugins.deploygates.engine.common.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The directory a Jenkins step deploys, contained in the workspace: the step's {@code path} is relative, and what
 * it names, once {@code ..} and symbolic links are resolved, lies inside the workspace's real path. A pipeline must
 * not upload {@code /etc} or a neighbour's workspace because a parameter or a planted link said so.
 */
public final class WorkspacePath {
    private WorkspacePath() {}

    public static Path resolve(Path workspace, String path) throws IOException {
        String given = path == null || path.isBlank() ? "." : path.trim();
        Path relative;
        try {
            relative = Path.of(given);
        } catch (InvalidPathException e) {
            throw new ConfigurationException("path '" + given + "' is not a valid path: give a directory inside the"
                    + " workspace, such as 'backend'.");
        }
        ConfigurationException.require(!relative.isAbsolute() && !given.startsWith("/") && !given.startsWith("\\"),
                "path '" + given + "' is absolute: give a directory inside the workspace, such as 'backend'.");
        Path dir = workspace.resolve(relative).normalize();
        ConfigurationException.require(dir.startsWith(workspace.normalize()), "path '" + given + "' leads outside"
                + " the workspace: give a directory inside it, such as 'backend'.");
        ConfigurationException.require(Files.isDirectory(dir), "path '" + given + "' is not a directory in the"
                + " workspace: give the directory to deploy.");
        ConfigurationException.require(dir.toRealPath().startsWith(workspace.toRealPath()), "path '" + given
                + "' leads outside the workspace through a symbolic link: give a directory inside it.");
        return dir;
    }
}
