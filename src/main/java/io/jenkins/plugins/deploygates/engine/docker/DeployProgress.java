package io.jenkins.plugins.deploygates.engine.docker;

import java.util.List;

/** How far a rebuild got, so a stop from outside (an aborted build, Ctrl-C) can say what it left behind. */
final class DeployProgress {
    private enum Phase { CHECKING, BUILDING, DEPLOYING, ROLLING_BACK }

    private Phase phase = Phase.CHECKING;
    private List<ServiceImage> kept = List.of();

    void building() {
        phase = Phase.BUILDING;
    }

    /** The old containers are about to be replaced; {@code kept} are the images tagged for rollback. */
    void deploying(List<ServiceImage> kept) {
        this.kept = kept;
        phase = Phase.DEPLOYING;
    }

    void rollingBack() {
        phase = Phase.ROLLING_BACK;
    }

    /** One clause, what was going on and what to do now: the CLI puts it after "stopped before it finished". */
    String stopped() {
        return switch (phase) {
            case CHECKING -> "nothing was changed yet";
            case BUILDING -> "'docker compose build' was killed; the running containers were not touched";
            case DEPLOYING -> "the containers were being replaced; " + (kept.isEmpty()
                    ? "this first deployment has nothing to roll back to"
                    : "docker-rollback puts back " + Rollback.describe(kept));
            case ROLLING_BACK -> "the rollback to " + Rollback.describe(kept)
                    + " was under way; run docker-rollback to finish it";
        };
    }
}
