package io.jenkins.plugins.deploygates.summary;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.deploygates.engine.summary.NightlyCheck;
import io.jenkins.plugins.deploygates.engine.summary.Promotion;
import java.util.Collection;
import java.util.Set;
import jenkins.model.TransientActionFactory;

/**
 * What a deploy job's page shows at a glance ({@code jobMain.jelly}): the last promotion's outcome and commit (and,
 * when it did not promote, the last one that did: what production runs), and on a nightly-check job the last check
 * of each environment. Found in the summaries of the job's recent builds; no URL of its own.
 */
public final class DeployGatesJobAction implements Action {
    /** Builds looked at, newest first: enough for a run of failed builds, few enough for a page view. */
    static final int RECENT_BUILDS = 20;

    private final Found<Promotion> lastPromotion;
    private final Found<Promotion> lastPromoted;
    private final Found<NightlyCheck> lastNightly;

    private DeployGatesJobAction(Found<Promotion> lastPromotion, Found<Promotion> lastPromoted,
            Found<NightlyCheck> lastNightly) {
        this.lastPromotion = lastPromotion;
        this.lastPromoted = lastPromoted;
        this.lastNightly = lastNightly;
    }

    /** The job's action, or null when none of its recent builds has a promotion or a nightly check. */
    static DeployGatesJobAction of(Job<?, ?> job) {
        Found<Promotion> promotion = null;
        Found<Promotion> promoted = null;
        Found<NightlyCheck> nightly = null;
        Run<?, ?> run = job.getLastBuild();
        for (int seen = 0; run != null && seen < RECENT_BUILDS; seen++, run = run.getPreviousBuild()) {
            DeployGatesSummaryAction summary = run.getAction(DeployGatesSummaryAction.class);
            if (summary != null && summary.getPromotion() != null) {
                Found<Promotion> found = new Found<>(run, summary.getPromotion());
                promotion = promotion == null ? found : promotion;
                promoted = found.value.isPromoted() ? found : null;
            }
            if (summary != null && summary.getNightly() != null && nightly == null) {
                nightly = new Found<>(run, summary.getNightly());
            }
            // a deploy job is answered by its newest promoted build, a nightly job by its newest check
            if (promoted != null || nightly != null && promotion == null) {
                break;
            }
        }
        return promotion == null && nightly == null ? null
                : new DeployGatesJobAction(promotion, promoted == promotion ? null : promoted, nightly);
    }

    /** The newest build's promotion, whatever its outcome. */
    public Found<Promotion> getLastPromotion() {
        return lastPromotion;
    }

    /** When the last promotion did not promote: the newest that did (what production runs), or null. */
    public Found<Promotion> getLastPromoted() {
        return lastPromoted;
    }

    public Found<NightlyCheck> getLastNightly() {
        return lastNightly;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Deploy Gates";
    }

    @Override
    public String getUrlName() {
        return null;
    }

    /** A value and the build it was found in. */
    public static final class Found<T> {
        private final Run<?, ?> run;
        private final T value;

        Found(Run<?, ?> run, T value) {
            this.run = run;
            this.value = value;
        }

        public Run<?, ?> getRun() {
            return run;
        }

        public T getValue() {
            return value;
        }
    }

    /** Adds the action to every job whose recent builds promoted or checked something. */
    @Extension
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @Override
        public Class<? extends Action> actionType() {
            return DeployGatesJobAction.class;
        }

        @Override
        public Collection<? extends Action> createFor(Job target) {
            DeployGatesJobAction action = of((Job<?, ?>) target);
            return action == null ? Set.of() : Set.of(action);
        }
    }
}
