package io.jenkins.plugins.deploygates.engine.summary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one report folder holds, summarized where the folder is (on the agent) and sent to the controller: the gate
 * verdicts (each with the sub-folder it came from), the promotion, the nightly check, and where the page is.
 */
public final class FolderSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ArrayList<GateVerdict> gates;
    private final int gatesLeftOut;
    private final Promotion promotion;
    private final NightlyCheck nightly;
    private final String page;

    FolderSummary(List<GateVerdict> gates, int gatesLeftOut, Promotion promotion, NightlyCheck nightly, String page) {
        this.gates = new ArrayList<>(gates);
        this.gatesLeftOut = gatesLeftOut;
        this.promotion = promotion;
        this.nightly = nightly;
        this.page = page;
    }

    public List<GateVerdict> getGates() {
        return Collections.unmodifiableList(gates);
    }

    /** Gate records beyond {@link BuildSummary#MAX_GATES}: counted, not kept. */
    public int getGatesLeftOut() {
        return gatesLeftOut;
    }

    public Promotion getPromotion() {
        return promotion;
    }

    public NightlyCheck getNightly() {
        return nightly;
    }

    /** The report page rendered from this folder, relative to the workspace (as archiveArtifacts names it). */
    public String getPage() {
        return page;
    }

    /** The same summary, naming the page at {@code page}. */
    public FolderSummary withPage(String page) {
        return new FolderSummary(gates, gatesLeftOut, promotion, nightly, page);
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
}
