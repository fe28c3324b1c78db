package io.jenkins.plugins.deploygates.engine.summary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything a summary shows: the gate verdicts, the promotion, the nightly check and the report pages. A build's
 * summary, as Jenkins keeps it with the build, holds the verdicts the steps added as they finished, merged with the
 * summary {@link ReportFolder} read from each report folder {@code deployGatesReport} rendered. Bounded: at most
 * {@value #MAX_GATES} verdicts (the others are counted), no samples, short texts. Every change swaps in a new list,
 * so Jenkins may write the build's record while a parallel branch adds a verdict.
 */
public final class BuildSummary implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int MAX_GATES = 50;
    static final int MAX_PAGES = 10;

    private volatile ArrayList<GateVerdict> gates = new ArrayList<>();
    private volatile int gatesLeftOut;
    private volatile Promotion promotion;
    private volatile NightlyCheck nightly;
    private volatile ArrayList<String> reportPages = new ArrayList<>();

    /** A folder's summary, as {@link ReportFolder} reads it. */
    static BuildSummary of(List<GateVerdict> gates, int gatesLeftOut, Promotion promotion, NightlyCheck nightly) {
        BuildSummary summary = new BuildSummary();
        summary.gates = new ArrayList<>(gates);
        summary.gatesLeftOut = gatesLeftOut;
        summary.promotion = promotion;
        summary.nightly = nightly;
        return summary;
    }

    /** The same summary, naming the page rendered from it (relative to the workspace, as archiveArtifacts names it). */
    public synchronized BuildSummary withPage(String page) {
        if (page != null && !reportPages.contains(page) && reportPages.size() < MAX_PAGES) {
            ArrayList<String> pages = new ArrayList<>(reportPages);
            pages.add(page);
            reportPages = pages;
        }
        return this;
    }

    /** A verdict a step added as it finished. */
    public synchronized void add(GateVerdict gate) {
        ArrayList<GateVerdict> next = new ArrayList<>(gates);
        append(next, gate);
        gates = next;
    }

    /**
     * What a report folder holds. A verdict read back from the folder takes the place of the same verdict a step
     * added (same key; each added verdict is matched once, so two identical gate runs stay two), gaining the
     * sub-folder it came from; the others are added. The folder's promotion and nightly check replace earlier ones.
     */
    public synchronized void merge(BuildSummary folder) {
        ArrayList<GateVerdict> next = new ArrayList<>(gates);
        boolean[] matched = new boolean[next.size()];
        for (GateVerdict gate : folder.getGates()) {
            int same = unmatched(next, matched, gate.getKey());
            if (same >= 0) {
                next.set(same, gate);
                matched[same] = true;
            } else {
                append(next, gate);
            }
        }
        gates = next;
        gatesLeftOut += folder.getGatesLeftOut();
        promotion = folder.getPromotion() != null ? folder.getPromotion() : promotion;
        nightly = folder.getNightly() != null ? folder.getNightly() : nightly;
        folder.getReportPages().forEach(this::withPage);
    }

    private void append(List<GateVerdict> list, GateVerdict gate) {
        if (list.size() < MAX_GATES) {
            list.add(gate);
        } else {
            gatesLeftOut++;
        }
    }

    private static int unmatched(List<GateVerdict> list, boolean[] matched, String key) {
        for (int i = 0; i < matched.length; i++) {
            if (!matched[i] && list.get(i).getKey().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    public List<GateVerdict> getGates() {
        return Collections.unmodifiableList(gates);
    }

    /** Verdicts beyond {@value #MAX_GATES}, counted but not kept (the report page has them all). */
    public int getGatesLeftOut() {
        return gatesLeftOut;
    }

    /** The promotion record's summary, or null when no report folder held one. */
    public Promotion getPromotion() {
        return promotion;
    }

    /** The nightly check's summary, or null. */
    public NightlyCheck getNightly() {
        return nightly;
    }

    /** The report pages rendered in this build, relative to the workspace, in the order they were rendered. */
    public List<String> getReportPages() {
        return Collections.unmodifiableList(reportPages);
    }

    /** One line for the console. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(gates.size() + (gates.size() == 1 ? " gate verdict" : " gate verdicts"));
        if (promotion != null) {
            parts.add("promotion " + (promotion.getOutcome() == null ? "without outcome" : "'" + promotion.getOutcome() + "'"));
        }
        if (nightly != null) {
            parts.add("nightly check " + nightly.getWorst());
        }
        return String.join(", ", parts);
    }

    public boolean isEmpty() {
        return gates.isEmpty() && promotion == null && nightly == null;
    }
}
