package io.jenkins.plugins.deploygates.summary;

import hudson.Util;
import hudson.model.Run;
import io.jenkins.plugins.deploygates.engine.report.DeployGatesReport;
import io.jenkins.plugins.deploygates.engine.summary.BuildSummary;
import io.jenkins.plugins.deploygates.engine.summary.GateVerdict;
import io.jenkins.plugins.deploygates.engine.summary.NightlyCheck;
import io.jenkins.plugins.deploygates.engine.summary.Promotion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import jenkins.model.RunAction2;
import jenkins.util.VirtualFile;

/**
 * The build's Deploy Gates summary, kept with the build (build.xml) and shown on the build page ({@code summary.jelly})
 * and on its own page ({@code deploy-gates/}): each gate's verdict with its key figures, the promotion's commit,
 * outcome, approvals and rollbacks, the nightly check, and a link to the archived report. Readable by whoever may
 * read the build: the page lives under the build's URL, so Jenkins checks Item.READ before it gets here.
 */
public final class DeployGatesSummaryAction implements RunAction2 {
    static final String URL_NAME = "deploy-gates";
    /** One action per build, however many parallel branches finish a gate at once. */
    private static final Object CREATION = new Object();

    private final BuildSummary summary = new BuildSummary();
    private transient Run<?, ?> run;

    /** Adds a verdict a step reached to its build's summary, and saves the build so the summary survives a restart. */
    public static void add(Run<?, ?> run, GateVerdict gate) throws IOException {
        of(run).summary.add(gate);
        run.save();
    }

    /** Adds what {@code deployGatesReport} read from a report folder. */
    public static void add(Run<?, ?> run, BuildSummary folder) throws IOException {
        of(run).summary.merge(folder);
        run.save();
    }

    private static DeployGatesSummaryAction of(Run<?, ?> run) {
        synchronized (CREATION) {
            DeployGatesSummaryAction action = run.getAction(DeployGatesSummaryAction.class);
            if (action == null) {
                action = new DeployGatesSummaryAction();
                run.addAction(action);
            }
            return action;
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "Deploy Gates";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    public List<GateVerdict> getGates() {
        return summary.getGates();
    }

    public int getGatesLeftOut() {
        return summary.getGatesLeftOut();
    }

    public Promotion getPromotion() {
        return summary.getPromotion();
    }

    public NightlyCheck getNightly() {
        return summary.getNightly();
    }

    /**
     * The archived report page, as a URL path relative to the build's {@code artifact/}: the page
     * {@code deployGatesReport} rendered last, else any archived {@value DeployGatesReport#FILE}; null when the build
     * archived none.
     */
    public String getReportArtifact() throws IOException {
        if (run == null || !run.getHasArtifacts()) {
            return null;
        }
        VirtualFile artifacts = run.getArtifactManager().root();
        List<String> rendered = new ArrayList<>(summary.getReportPages());
        for (int i = rendered.size() - 1; i >= 0; i--) {
            if (artifacts.child(rendered.get(i)).isFile()) {
                return urlPath(rendered.get(i));
            }
        }
        return run.getArtifactsUpTo(Run.LIST_CUTOFF).stream().map(a -> a.relativePath)
                .filter(p -> p.equals(DeployGatesReport.FILE) || p.endsWith("/" + DeployGatesReport.FILE))
                .findFirst().map(DeployGatesSummaryAction::urlPath).orElse(null);
    }

    /** Report pages rendered but not archived, to say how to archive them. */
    public List<String> getUnarchivedReports() throws IOException {
        VirtualFile artifacts = run == null ? null : run.getArtifactManager().root();
        List<String> missing = new ArrayList<>();
        for (String page : summary.getReportPages()) {
            if (artifacts == null || !run.getHasArtifacts() || !artifacts.child(page).isFile()) {
                missing.add(page);
            }
        }
        return missing;
    }

    private static String urlPath(String relative) {
        return Arrays.stream(relative.split("/")).map(Util::rawEncode).collect(Collectors.joining("/"));
    }
}
