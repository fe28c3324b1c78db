package io.jenkins.plugins.deploygates.engine.railway.upload;

import java.io.Serializable;

/**
 * The {@code railway up} options that change what goes in the archive and where.
 *
 * @param pathAsRoot names entries relative to the deployed directory ({@code --path-as-root}); otherwise they
 *     are relative to the project directory (the workspace, or the command's working directory), so
 *     {@code path: 'apps/api'} arrives as {@code apps/api/...}, as Railway's Root Directory setting expects
 * @param noGitignore {@code .gitignore} files are not honoured ({@code --no-gitignore}); {@code .railwayignore},
 *     {@code .ignore}, {@code .git/info/exclude} and the global gitignore still are
 */
public record ArchiveOptions(boolean pathAsRoot, boolean noGitignore) implements Serializable {
    public static ArchiveOptions defaults() {
        return new ArchiveOptions(false, false);
    }
}
