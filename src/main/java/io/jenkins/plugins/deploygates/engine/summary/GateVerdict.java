package io.jenkins.plugins.deploygates.engine.summary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One gate's verdict as the build page shows it: what ran (a health gate on these targets, a Railway deploy of this
 * service), the verdict, its key figures and the reason. Built by {@link GateVerdicts} from a step's result or from
 * the record the step wrote, which give the same verdict: its {@link #getKey() key} says so, so the one read back
 * from the report folder takes the place of the one the step added instead of showing twice.
 */
public final class GateVerdict implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String title;
    private final String subject;
    private final String where;
    private final String verdict;
    private final Tone tone;
    private final ArrayList<Figure> figures;
    private final String detail;
    private final ArrayList<Figure> links;
    private final String key;

    GateVerdict(String kind, String title, String subject, String where, String verdict, Tone tone,
            List<Figure> figures, String detail, List<Figure> links, String key) {
        this.kind = kind;
        this.title = title;
        this.subject = subject;
        this.where = where;
        this.verdict = verdict;
        this.tone = tone;
        this.figures = new ArrayList<>(figures);
        this.detail = detail;
        this.links = new ArrayList<>(links);
        this.key = key;
    }

    /** {@code health}, {@code smoke}, {@code railway} or {@code compose}. */
    public String getKind() {
        return kind;
    }

    /** {@code Health gate}, {@code Smoke flow}, {@code Railway deploy}, {@code Compose rollback}... */
    public String getTitle() {
        return title;
    }

    /** What the gate looked at: its targets, the base URL, the service, the compose project. */
    public String getSubject() {
        return subject;
    }

    /** The report sub-folder the record came from ({@code staging/health}), or null. */
    public String getWhere() {
        return where;
    }

    /** The record's own verdict word, upper case: PASS, FAILED, INTERRUPTED... */
    public String getVerdict() {
        return verdict;
    }

    public Tone getTone() {
        return tone;
    }

    public List<Figure> getFigures() {
        return Collections.unmodifiableList(figures);
    }

    /** Why it ended as it did (a failed verdict's reason), or null. */
    public String getDetail() {
        return detail;
    }

    /** The figures on one line: {@code p95 25 ms · samples 120 (2 failed) · time to healthy 4.2 s}. */
    public String getFiguresLine() {
        return figures.stream().map(Figure::toString).collect(Collectors.joining(" \u00b7 "));
    }

    /** Links it offers (a Railway deployment, its logs): each a label and an http(s) address, never another scheme. */
    public List<Figure> getLinks() {
        return Collections.unmodifiableList(links);
    }

    /** Same key, same gate run: built from the values the step returned and the record it wrote alike. */
    public String getKey() {
        return key;
    }

    /** The same verdict, seen in the report folder at {@code folder}. */
    GateVerdict at(String folder) {
        return new GateVerdict(kind, title, subject, folder, verdict, tone, figures, detail, links, key);
    }

    @Override
    public String toString() {
        return title + (subject == null ? "" : " " + subject) + ": " + verdict
                + figures.stream().map(Figure::toString).collect(Collectors.joining(", ", " (", ")"));
    }
}
